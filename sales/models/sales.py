"""Sales, their lines and the payments received for them."""

from django.conf import settings
from django.db import models
from django.db.models import (
    Case,
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

from members.phone import WhatsAppField

# The largest sum one entry may carry, and a price of one piece.
from .ledger import (
    AMOUNT_BOUND,
    PRICE_BOUND,
    EntryStatus,
    LedgerEntry,
    LedgerEntryQuerySet,
    SalesChannel,
)


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


class Sale(LedgerEntry):
    channel = models.CharField(_("channel"), max_length=12, choices=SalesChannel)
    customer_name = models.CharField(_("customer"), max_length=120, blank=True)
    customer_whatsapp = WhatsAppField(_("customer's WhatsApp"), blank=True)
    # Signed: negative on a reversal.
    subtotal = models.BigIntegerField(
        _("subtotal (Rp)"), default=0, validators=AMOUNT_BOUND
    )
    discount = models.BigIntegerField(
        _("discount (Rp)"), default=0, validators=AMOUNT_BOUND
    )
    shipping_charged = models.BigIntegerField(
        _("shipping charged (Rp)"), default=0, validators=AMOUNT_BOUND
    )
    marketplace_fee = models.BigIntegerField(
        _("marketplace fee (Rp)"), default=0, validators=AMOUNT_BOUND
    )
    total = models.BigIntegerField(_("total (Rp)"), default=0, validators=AMOUNT_BOUND)
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
    unit_price = models.PositiveIntegerField(
        _("unit price (Rp)"), validators=PRICE_BOUND
    )
    line_total = models.BigIntegerField(_("line total (Rp)"))
    # Material cost per piece when sold, for the gross profit.
    unit_cost = models.PositiveIntegerField(
        _("material cost per piece (Rp)"), validators=PRICE_BOUND
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
    amount = models.PositiveBigIntegerField(_("amount (Rp)"), validators=AMOUNT_BOUND)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
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
