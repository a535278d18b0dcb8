"""What every ledger entry shares: numbers, posting, reversals, choices."""

from django.conf import settings
from django.db import models
from django.db.models import (
    Exists,
    OuterRef,
    Q,
)
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.money import MAX_AMOUNT, MAX_PRICE, MaxRupiahValidator

# The largest sum one entry may carry, and a price of one piece.


AMOUNT_BOUND = [MaxRupiahValidator(MAX_AMOUNT)]
PRICE_BOUND = [MaxRupiahValidator(MAX_PRICE)]


class PostedEntryError(Exception):
    """A posted ledger entry was about to be changed or deleted."""


class SalesChannel(models.TextChoices):
    SHOPEE = "shopee", _("Shopee")
    INSTAGRAM = "instagram", _("Instagram")
    WHATSAPP = "whatsapp", _("WhatsApp")
    FACEBOOK = "facebook", _("Facebook")
    STOREFRONT = "storefront", _("Online shop / pre-order")
    BAZAAR = "bazaar", _("Bazaar / exhibition")
    OFFLINE = "offline", _("Offline")
    RESELLER = "reseller", _("Reseller")
    EXPORT = "export", _("Export")


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    POSTED = "posted", _("Posted")


class ExpenseCategory(models.TextChoices):
    YARN = "yarn", _("Yarn")
    ACCESSORIES = "accessories", _("Accessories")
    PACKAGING = "packaging", _("Packaging")
    SHIPPING = "shipping", _("Shipping")
    PROMOTION = "promotion", _("Promotion / ads")
    # Fees paid on their own (a Shopee ad, a yearly charge), not those taken off a
    # sale: the profit and loss shows both, under different names.
    MARKETPLACE_FEES = (
        "marketplace_fees",
        pgettext_lazy("expense category", "Marketplace fees"),
    )
    MEMBER_WAGES = "member_wages", _("Member wages")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")


class LedgerEntryQuerySet(models.QuerySet):
    def posted(self):
        return self.filter(status=EntryStatus.POSTED)

    def with_is_reversed(self):
        """``is_reversed``: a later entry reverses this one."""
        return self.annotate(
            is_reversed=Exists(self.model.objects.filter(reverses=OuterRef("pk")))
        )

    def delete(self):
        if self.filter(status=EntryStatus.POSTED).exists():
            raise PostedEntryError("Posted ledger entries are never deleted.")
        return super().delete()


class LedgerEntry(models.Model):
    """What sales and expenses share: a number, posting, and reversal."""

    number = models.CharField(
        _("number"), max_length=20, unique=True, null=True, blank=True
    )
    date = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=8, choices=EntryStatus, default=EntryStatus.DRAFT
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    posted_at = models.DateTimeField(_("posted"), null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("posted by"),
    )
    # A posted entry is corrected by a reversal: an entry of the same kind, with
    # the opposite amounts, that points at it. At most one per entry.
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversal",
        verbose_name=_("reverses"),
    )

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=EntryStatus.POSTED) | Q(number__isnull=False),
                name="%(app_label)s_%(class)s_posted_has_number",
            ),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True) | Q(status=EntryStatus.POSTED),
                name="%(app_label)s_%(class)s_reversal_is_posted",
            ),
        ]
        indexes = [models.Index(fields=["status", "date"])]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._posted_in_db = self.status == EntryStatus.POSTED and self.pk is not None

    def save(self, *args, **kwargs):
        if self._posted_in_db:
            raise PostedEntryError(
                f"{self.number} is posted; correct it with a reversal instead."
            )
        super().save(*args, **kwargs)
        self._posted_in_db = self.status == EntryStatus.POSTED

    def delete(self, *args, **kwargs):
        if self._posted_in_db or self.is_posted:
            raise PostedEntryError(f"{self.number} is posted and is never deleted.")
        return super().delete(*args, **kwargs)

    @property
    def is_posted(self) -> bool:
        return self.status == EntryStatus.POSTED

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None


class NumberSequence(models.Model):
    """Last number used per prefix and year: PJ-2026-000123."""

    prefix = models.CharField(max_length=4)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["prefix", "year"], name="sales_sequence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"
