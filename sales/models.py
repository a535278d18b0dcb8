"""The ledger: sales and expenses, posted once, corrected only by reversals.

Amounts are whole Rupiah. A reversal carries the original's quantities and
amounts with the opposite sign, so every report simply sums the rows and an
entry plus its reversal nets to zero.
"""

from django.conf import settings
from django.db import models
from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import StoredPhoto
from core.money import MAX_AMOUNT, MAX_PRICE, MaxRupiahValidator
from members.phone import WhatsAppField

# The largest sum one entry may carry, and a price of one piece.
_AMOUNT = [MaxRupiahValidator(MAX_AMOUNT)]
_PRICE = [MaxRupiahValidator(MAX_PRICE)]


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
    MARKETPLACE_FEES = "marketplace_fees", _("Marketplace fees")
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


class SaleQuerySet(LedgerEntryQuerySet):
    def with_outstanding(self):
        """``paid_sum``, ``is_reversed`` and ``outstanding``: what is still owed.

        Nothing is owed on a draft, on a reversal or on a sale that was reversed.
        """
        paid = (
            Payment.objects.filter(sale=OuterRef("pk"))
            .order_by()
            .values("sale")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        return (
            self.with_is_reversed()
            .annotate(
                paid_sum=Coalesce(
                    Subquery(paid, output_field=models.BigIntegerField()), Value(0)
                )
            )
            .annotate(
                outstanding=Case(
                    When(
                        Q(status=EntryStatus.POSTED)
                        & Q(reverses__isnull=True)
                        & Q(is_reversed=False)
                        & Q(total__gt=F("paid_sum")),
                        then=F("total") - F("paid_sum"),
                    ),
                    default=Value(0),
                    output_field=models.BigIntegerField(),
                )
            )
        )

    def owing(self):
        """Posted sales with money still owed."""
        return self.with_outstanding().filter(outstanding__gt=0)


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


class Sale(LedgerEntry):
    channel = models.CharField(_("channel"), max_length=12, choices=SalesChannel)
    customer_name = models.CharField(_("customer"), max_length=120, blank=True)
    customer_whatsapp = WhatsAppField(_("customer's WhatsApp"), blank=True)
    # Signed: negative on a reversal.
    subtotal = models.BigIntegerField(_("subtotal (Rp)"), default=0, validators=_AMOUNT)
    discount = models.BigIntegerField(_("discount (Rp)"), default=0, validators=_AMOUNT)
    shipping_charged = models.BigIntegerField(
        _("shipping charged (Rp)"), default=0, validators=_AMOUNT
    )
    marketplace_fee = models.BigIntegerField(
        _("marketplace fee (Rp)"), default=0, validators=_AMOUNT
    )
    total = models.BigIntegerField(_("total (Rp)"), default=0, validators=_AMOUNT)
    due_date = models.DateField(
        _("payment due"),
        null=True,
        blank=True,
        help_text=_("Only for a sale not yet paid."),
    )

    objects = SaleQuerySet.as_manager()

    class Meta(LedgerEntry.Meta):
        verbose_name = _("sale")
        verbose_name_plural = _("sales")
        ordering = ["-date", "-id"]
        constraints = [
            *LedgerEntry.Meta.constraints,
            models.CheckConstraint(
                condition=Q(due_date__isnull=True) | Q(due_date__gte=models.F("date")),
                name="sales_sale_due_after_date",
            ),
            # Only a reversal carries a negative total.
            models.CheckConstraint(
                condition=Q(reverses__isnull=False) | Q(total__gte=0),
                name="sales_sale_total_not_negative_unless_reversal",
            ),
        ]

    def __str__(self) -> str:
        return self.number or str(_("Draft sale #%(id)s") % {"id": self.pk})

    def get_absolute_url(self) -> str:
        return reverse("sales:sale-detail", args=[self.pk])

    @property
    def paid(self) -> int:
        if "paid_sum" in self.__dict__:
            return self.__dict__["paid_sum"]
        return sum(payment.amount for payment in self.payments.all())


class SaleLine(models.Model):
    sale = models.ForeignKey(Sale, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.PROTECT,
        related_name="sale_lines",
        verbose_name=_("product"),
    )
    variant = models.ForeignKey(
        "catalog.Variant",
        on_delete=models.PROTECT,
        related_name="sale_lines",
        verbose_name=_("variant"),
    )
    # Signed: negative on a reversal.
    quantity = models.IntegerField(_("quantity"))
    unit_price = models.PositiveIntegerField(_("unit price (Rp)"), validators=_PRICE)
    line_total = models.BigIntegerField(_("line total (Rp)"))
    # Material cost per piece when sold, for the gross profit.
    unit_cost = models.PositiveIntegerField(
        _("material cost per piece (Rp)"), validators=_PRICE
    )
    takes_stock = models.BooleanField(
        _("from stock"),
        default=True,
        help_text=_("Pre-order pieces are made after payment and take no stock."),
    )

    class Meta:
        verbose_name = _("sale line")
        verbose_name_plural = _("sale lines")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(quantity=0), name="sales_line_quantity_not_zero"
            ),
            # Multiplied as 64-bit numbers: PostgreSQL would overflow its 32-bit
            # integers from Rp 2.147.483.648 a line, which SQLite does not.
            models.CheckConstraint(
                condition=Q(
                    line_total=Cast("quantity", models.BigIntegerField())
                    * Cast("unit_price", models.BigIntegerField())
                ),
                name="sales_line_total_is_quantity_times_price",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.variant}"


class Payment(models.Model):
    sale = models.ForeignKey(Sale, on_delete=models.PROTECT, related_name="payments")
    date = models.DateField(_("date"))
    amount = models.PositiveBigIntegerField(_("amount (Rp)"), validators=_AMOUNT)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="sales_payment_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sale} · {self.amount}"


class Expense(LedgerEntry):
    category = models.CharField(_("category"), max_length=20, choices=ExpenseCategory)
    # Signed: negative on a reversal.
    amount = models.BigIntegerField(_("amount (Rp)"), validators=_AMOUNT)
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wage_payments",
        verbose_name=_("member paid"),
    )
    wage_month = models.DateField(
        _("wages for month"), null=True, blank=True, help_text=_("First day of month.")
    )

    class Meta(LedgerEntry.Meta):
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["-date", "-id"]
        constraints = [
            *LedgerEntry.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(amount=0), name="sales_expense_amount_not_zero"
            ),
            models.CheckConstraint(
                condition=Q(reverses__isnull=False) | Q(amount__gt=0),
                name="sales_expense_positive_unless_reversal",
            ),
            models.CheckConstraint(
                condition=~Q(category="member_wages")
                | (Q(member__isnull=False) & Q(wage_month__isnull=False)),
                name="sales_expense_wages_name_member_and_month",
            ),
        ]

    def __str__(self) -> str:
        return self.number or str(_("Draft expense #%(id)s") % {"id": self.pk})


class ExpenseReceipt(StoredPhoto):
    """The photo of an expense's receipt (nota); ``expense.receipt``."""

    expense = models.OneToOneField(
        Expense,
        on_delete=models.CASCADE,
        related_name="receipt",
        verbose_name=_("expense"),
    )

    class Meta:
        verbose_name = _("expense receipt")
        verbose_name_plural = _("expense receipts")

    def __str__(self) -> str:
        return self.original.name

    @property
    def alt_text(self) -> str:
        return str(_("Receipt photo"))


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
