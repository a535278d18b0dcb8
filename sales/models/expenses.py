"""Expenses and their receipt photos."""

from django.db import models
from django.db.models import (
    Q,
)
from django.utils.translation import gettext_lazy as _

from core.models import StoredPhoto

# The largest sum one entry may carry, and a price of one piece.
from .ledger import AMOUNT_BOUND, ExpenseCategory, LedgerEntry


class Expense(LedgerEntry):
    category = models.CharField(_("category"), max_length=20, choices=ExpenseCategory)
    # Signed: negative on a reversal.
    amount = models.BigIntegerField(_("amount (Rp)"), validators=AMOUNT_BOUND)
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
