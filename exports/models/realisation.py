"""Export realisation rows loaded from a table (published or kept records)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RealisationImport(models.Model):
    source_name = models.CharField(_("file name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )

    class Meta:
        verbose_name = _("realisation import")
        verbose_name_plural = _("realisation imports")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return self.source_name


class RealisationRow(models.Model):
    batch = models.ForeignKey(
        RealisationImport,
        on_delete=models.CASCADE,
        related_name="rows",
        verbose_name=_("import"),
    )
    line_number = models.PositiveIntegerField(_("line"))
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    exporter = models.CharField(_("exporter"), max_length=200)
    commodity = models.CharField(_("commodity"), max_length=200)
    hs_code = models.CharField(_("HS code"), max_length=10, blank=True)
    volume_kg = models.DecimalField(_("volume (kg)"), max_digits=20, decimal_places=6)
    value_usd = models.DecimalField(
        _("FOB value (USD)"), max_digits=20, decimal_places=4
    )
    # ISO 3166 alpha-2 codes, in the order the table gave them.
    destinations = models.JSONField(_("destination countries"), default=list)

    class Meta:
        verbose_name = _("realisation row")
        verbose_name_plural = _("realisation rows")
        ordering = ["batch", "line_number"]

    def __str__(self) -> str:
        return f"{self.year} · {self.exporter} · {self.commodity}"
