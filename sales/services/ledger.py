"""Posting rules every ledger entry shares: numbers, reversals."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    EntryStatus,
    NumberSequence,
)


def next_number(prefix: str, year: int) -> str:
    """PJ-2026-000123; the sequence row is locked until the entry commits."""
    NumberSequence.objects.get_or_create(prefix=prefix, year=year)
    sequence = NumberSequence.objects.select_for_update().get(prefix=prefix, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{prefix}-{year}-{sequence.last:06d}"


def check_reversible(entry, model) -> None:
    if entry.status != EntryStatus.POSTED:
        raise ValidationError(
            _("Only a posted entry can be reversed; a draft can simply be deleted."),
            code="not_posted",
        )
    if entry.reverses_id is not None:
        raise ValidationError(
            _("A reversal cannot be reversed."), code="reversal_of_reversal"
        )
    if model.objects.filter(reverses=entry).exists():
        raise ValidationError(
            _("%(number)s is already reversed.") % {"number": entry.number},
            code="already_reversed",
        )


def post_new_entry(entry, prefix: str, user: AbstractBaseUser) -> None:
    entry.number = next_number(prefix, entry.date.year)
    entry.status = EntryStatus.POSTED
    entry.posted_at = timezone.now()
    entry.posted_by = user
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as error:
        # Two people reversing the same entry at once: the second loses here.
        raise ValidationError(
            _("This entry was reversed a moment ago."), code="already_reversed"
        ) from error
