"""The history of every stock change (kartu stok)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .products import Variant


class StockReason(models.TextChoices):
    OPENING = "opening", _("Opening balance")
    HAND_IN_ACCEPTED = "hand_in", _("Hand-in accepted")
    HAND_IN_UNDONE = "hand_in_undo", _("Hand-in accept undone")
    SALE_POSTED = "sale", _("Sale posted")
    SALE_REVERSED = "sale_reversal", _("Sale reversed")
    STOCK_COUNT = "count", _("Stock count correction")


class StockMovement(models.Model):
    """One change of a variant's stock: a line of its stock card (kartu stok)."""

    variant = models.ForeignKey(
        Variant,
        on_delete=models.PROTECT,
        related_name="stock_movements",
        verbose_name=_("variant"),
    )
    quantity = models.IntegerField(
        _("quantity"), help_text=_("Pieces in (positive) or out (negative).")
    )
    reason = models.CharField(_("reason"), max_length=16, choices=StockReason)
    source_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source type"),
    )
    source_id = models.PositiveBigIntegerField(_("source id"), null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    balance_after = models.PositiveIntegerField(_("stock after"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        ordering = ["-created_at", "-id"]
        permissions = [("count_stock", _("Can record a stock count (stok opname)"))]
        indexes = [
            models.Index(
                fields=["variant", "-created_at", "-id"],
                name="catalog_stock_card_idx",
            ),
            models.Index(
                fields=["source_type", "source_id"], name="catalog_stock_source_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(quantity=0), name="catalog_stockmovement_not_zero"
            ),
            models.CheckConstraint(
                condition=Q(source_type__isnull=True, source_id__isnull=True)
                | Q(source_type__isnull=False, source_id__isnull=False),
                name="catalog_stockmovement_source_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity:+d} · {self.get_reason_display()}"

    @property
    def source_label(self) -> str:
        """The source by name, e.g. “Sale PJ-2026-000012” or “Hand-in #40”."""
        source = self.source
        if source is None:
            return ""
        name = capfirst(source._meta.verbose_name)
        number = getattr(source, "number", "") or f"#{source.pk}"
        return f"{name} {number}"

    @property
    def source_url(self) -> str:
        """Where the source (a sale, a hand-in) is shown; empty when nowhere."""
        source = self.source
        if source is None:
            return ""
        if hasattr(source, "get_absolute_url"):
            return source.get_absolute_url()
        meta = source._meta
        try:
            return reverse(
                f"admin:{meta.app_label}_{meta.model_name}_change", args=[source.pk]
            )
        except NoReverseMatch:
            return ""
