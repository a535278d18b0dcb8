"""Which certificate of origin a destination takes: a table the admin can edit.

Seeded (migration 0002) with Indonesia's agreements: ASEAN Form D, China Form E,
Korea AK or IK-CEPA, Japan IJEPA or AJCEP, India AI, Australia and New Zealand
AANZ (Australia also IA-CEPA), the RCEP members, the UAE, Pakistan, the EU's REX
statement on origin, and Form B, non-preferential, for anywhere else.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.countries import CountryField


class FormKind(models.TextChoices):
    CERTIFICATE = "certificate", _("certificate (SKA)")
    STATEMENT = "statement", _("statement on origin (REX)")


class SkaForm(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=12, choices=FormKind, default=FormKind.CERTIFICATE
    )
    preferential = models.BooleanField(
        _("preferential"),
        default=True,
        help_text=_("Lower import duty for the buyer under a trade agreement."),
    )
    for_any_destination = models.BooleanField(
        _("for any other destination"),
        default=False,
        help_text=_("Proposed where no agreement covers the destination (Form B)."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("certificate form")
        verbose_name_plural = _("certificate forms")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class SkaFormCountry(models.Model):
    form = models.ForeignKey(
        SkaForm,
        on_delete=models.CASCADE,
        related_name="countries",
        verbose_name=_("form"),
    )
    country = CountryField(_("country"))

    class Meta:
        verbose_name = _("country of a form")
        verbose_name_plural = _("countries of a form")
        ordering = ["form", "country"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "country"], name="exports_form_country_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.form.code}: {self.country}"
