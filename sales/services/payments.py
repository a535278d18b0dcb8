"""Money received later for a sale not paid at once."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from core.money import format_rupiah
from core.periods import check_recorded_date

from ..models import (
    EntryStatus,
    Payment,
    Sale,
)
from ..rules import check_amount, field_error


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
        check_recorded_date(date, field="date")
        if date < sale.date:
            raise field_error(
                "date", _("The payment date is before the sale."), "before_sale"
            )
        check_amount(amount)
        paid = sale.payments.aggregate(total=Sum("amount"))["total"] or 0
        left = sale.total - paid
        if left <= 0:
            raise ValidationError(
                _("Nothing is owed on this sale."), code="nothing_owed"
            )
        if amount > left:
            raise ValidationError(
                _("That is more than the %(left)s still owed."),
                code="overpaid",
                params={"left": format_rupiah(left)},
            )
        payment = Payment(
            sale=sale,
            amount=amount,
            date=date,
            note=(note or "").strip(),
            recorded_by=recorded_by,
        )
        # The note's length too, which only PostgreSQL would refuse.
        payment.full_clean(exclude=["sale", "recorded_by"])
        payment.save()
        return payment
