"""Money received later for a sale not paid at once."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    EntryStatus,
    Payment,
    Sale,
)


def payment_record(
    *, sale: Sale, amount: int, date: date, recorded_by: AbstractBaseUser, note=""
) -> Payment:
    """Money received later for a sale not paid at once."""
    with transaction.atomic():
        sale = Sale.objects.select_for_update().get(pk=sale.pk)
        if sale.status != EntryStatus.POSTED or sale.is_reversal:
            raise ValidationError(_("Payments go to posted sales."), code="not_posted")
        if Sale.objects.filter(reverses=sale).exists():
            raise ValidationError(
                _("This sale is reversed; nothing is owed on it."), code="reversed"
            )
        if date < sale.date or date > timezone.localdate():
            raise ValidationError(
                _("The payment date must be between the sale date and today."),
                code="bad_date",
            )
        if amount is None or amount <= 0:
            raise ValidationError(
                _("The amount must be more than Rp 0."), code="amount"
            )
        paid = sale.payments.aggregate(total=Sum("amount"))["total"] or 0
        if paid + amount > sale.total:
            raise ValidationError(
                _("That is more than the %(left)s still owed.")
                % {"left": sale.total - paid},
                code="overpaid",
            )
        return Payment.objects.create(
            sale=sale, amount=amount, date=date, note=note, recorded_by=recorded_by
        )
