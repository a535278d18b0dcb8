"""Expenses: record (posted at once or as a draft), post, reverse."""

from datetime import date
from typing import BinaryIO

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.periods import check_recorded_date, month_start
from core.photos import process_photo
from core.storage import StoredFiles, files_removed_on_error, photo_store
from members.models import Member

from ..models import (
    EntryStatus,
    Expense,
    ExpenseCategory,
    ExpenseReceipt,
)
from ..rules import check_amount
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
    receipt: BinaryIO | None = None,
) -> Expense:
    """Record an expense, with the photo of its receipt (nota) if there is one.

    A photo that is no usable image raises ``PhotoRejected`` and nothing is kept.
    """
    stored = _receipt_store(receipt) if receipt is not None else None
    with (
        files_removed_on_error(stored.names() if stored else []),
        transaction.atomic(),
    ):
        check_recorded_date(date, field="date")
        check_amount(amount)
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
        if stored is not None:
            expense_receipt = ExpenseReceipt(expense=expense)
            expense_receipt.set_files(stored)
            expense_receipt.save()
        return expense


def _receipt_store(upload: BinaryIO) -> StoredFiles:
    # Same checks and cleaning as every photo; raises PhotoRejected.
    return photo_store(processed=process_photo(upload), folder="sales/receipts")


def expense_post(*, expense: Expense, posted_by: AbstractBaseUser) -> Expense:
    with transaction.atomic():
        check_recorded_date(expense.date, field="date")
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
