"""Paying members their piece-rate wages, recorded as an expense."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.money import format_rupiah
from core.periods import month_start
from members.models import Member

from ..models import (
    Expense,
    ExpenseCategory,
)
from ..selectors import unpaid_wages
from .expenses import expense_record


def wages_unpaid(*, member: Member, month: date) -> int:
    """Earned in a month (accepted pieces) minus wages already paid for it."""
    month = month_start(month)
    return sum(row.unpaid for row in unpaid_wages(member=member) if row.month == month)


def wages_pay(
    *,
    member: Member,
    month: date,
    paid_by: AbstractBaseUser,
    date: date,
    expected: int | None = None,
) -> Expense:
    """Record paying a member her unpaid piece-rate wages of a month.

    ``expected`` is the amount the payer was shown; when it changed meanwhile
    (pieces accepted, wages paid) nothing is paid.
    """
    with transaction.atomic():
        Member.objects.select_for_update().filter(pk=member.pk).first()
        unpaid = wages_unpaid(member=member, month=month)
        if unpaid <= 0:
            raise ValidationError(
                _("Nothing unpaid for %(member)s in that month.") % {"member": member},
                code="nothing_unpaid",
            )
        if expected is not None and expected != unpaid:
            raise ValidationError(
                _(
                    "The unpaid amount of %(member)s changed to %(amount)s in the "
                    "meantime; check it and pay again."
                )
                % {"member": member, "amount": format_rupiah(unpaid)},
                code="unpaid_changed",
            )
        return expense_record(
            date=date,
            category=ExpenseCategory.MEMBER_WAGES,
            amount=unpaid,
            member=member,
            wage_month=month,
            recorded_by=paid_by,
            note=_("Piece-rate wages"),
        )


@transaction.atomic
def wages_pay_member(
    *, member: Member, paid_by: AbstractBaseUser, date: date, expected: int
) -> list[Expense]:
    """Pay every unpaid month of a member at once, at the total she was shown.

    All months or none: when the total changed meanwhile nothing is paid, and
    each month is checked again by ``wages_pay``.
    """
    # Two admins paying her at once: the second waits, then finds nothing owed.
    Member.objects.select_for_update().filter(pk=member.pk).first()
    months = unpaid_wages(member=member)
    total = sum(row.unpaid for row in months)
    if not months:
        raise ValidationError(
            _("Nothing unpaid for %(member)s.") % {"member": member},
            code="nothing_unpaid",
        )
    if total != expected:
        raise ValidationError(
            _(
                "The unpaid amount of %(member)s changed to %(amount)s in the "
                "meantime; check it and pay again."
            )
            % {"member": member, "amount": format_rupiah(total)},
            code="unpaid_changed",
        )
    return [
        wages_pay(
            member=member,
            month=row.month,
            paid_by=paid_by,
            date=date,
            expected=row.unpaid,
        )
        for row in months
    ]
