"""Expenses: record (posted at once or as a draft), post, reverse."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.periods import month_start
from members.models import Member

from ..models import (
    EntryStatus,
    Expense,
    ExpenseCategory,
)
from .ledger import check_reversible, next_number, post_new_entry


def expense_record(
    *,
    date: date,
    category: str,
    amount: int | None,
    recorded_by: AbstractBaseUser,
    note: str = "",
    member: Member | None = None,
    wage_month: date | None = None,
    post: bool = True,
) -> Expense:
    with transaction.atomic():
        if amount is None:
            raise ValidationError(
                {"amount": ValidationError(_("Enter the amount."), code="required")}
            )
        if amount <= 0:
            raise ValidationError(
                {
                    "amount": ValidationError(
                        _("The amount must be more than Rp 0."), code="not_positive"
                    )
                }
            )
        if category not in ExpenseCategory.values:
            raise ValidationError(_("Unknown expense category."), code="bad_category")
        if category == ExpenseCategory.MEMBER_WAGES and (
            member is None or not wage_month
        ):
            raise ValidationError(
                _("Member wages need the member and the month they are for."),
                code="wages_need_member",
            )
        expense = Expense(
            date=date,
            category=category,
            amount=amount,
            note=note.strip(),
            member=member,
            wage_month=month_start(wage_month) if wage_month else None,
            created_by=recorded_by,
        )
        if post:
            post_new_entry(expense, "PG", recorded_by)
        else:
            expense.save()
        return expense


def expense_post(*, expense: Expense, posted_by: AbstractBaseUser) -> Expense:
    with transaction.atomic():
        number = next_number("PG", expense.date.year)
        changed = Expense.objects.filter(
            pk=expense.pk, status=EntryStatus.DRAFT
        ).update(
            status=EntryStatus.POSTED,
            number=number,
            posted_at=timezone.now(),
            posted_by=posted_by,
        )
        if changed != 1:
            raise ValidationError(
                _("This expense is already posted."), code="already_posted"
            )
        return Expense.objects.get(pk=expense.pk)


def expense_reverse(
    *, expense: Expense, reversed_by: AbstractBaseUser, reason: str
) -> Expense:
    with transaction.atomic():
        original = Expense.objects.select_for_update().get(pk=expense.pk)
        check_reversible(original, Expense)
        reversal = Expense(
            date=timezone.localdate(),
            category=original.category,
            amount=-original.amount,
            member=original.member,
            wage_month=original.wage_month,
            note=reason.strip(),
            reverses=original,
            created_by=reversed_by,
        )
        post_new_entry(reversal, "PG", reversed_by)
        return reversal
