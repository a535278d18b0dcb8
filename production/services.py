"""Hand-ins of finished pieces, their review, piece rates and targets."""

from datetime import date, datetime, timedelta
from typing import BinaryIO

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Product, Status, StockReason, Variant
from catalog.stock import stock_add, stock_take
from core.photos import process_photo
from core.storage import files_removed_on_error, photo_store
from members.models import Member

from .models import (
    Grade,
    HandIn,
    HandInPhoto,
    HandInStatus,
    PieceRate,
)
from .rules import check_made_on, check_quantity, check_rate, check_rate_valid_from


def _field_error(field: str, message, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _check_hand_in(*, member: Member, product: Product, variant: Variant) -> None:
    if not member.is_active or not member.user.is_active:
        raise ValidationError(
            _("This member is not active; ask the admin (pengurus)."),
            code="inactive_member",
        )
    if product.status == Status.ARCHIVED:
        raise ValidationError(
            _("This product is archived and no longer made."),
            code="archived_product",
        )
    if variant.product_id != product.pk:
        raise _field_error(
            "variant", _("Choose a variant of this product."), "wrong_variant"
        )


def hand_in_submit(
    *,
    member: Member,
    product: Product,
    variant: Variant,
    quantity: int,
    made_on: date,
    submitted_by: AbstractBaseUser,
    note: str = "",
    photo: BinaryIO | None = None,
) -> HandIn:
    """A member reports finished pieces; they wait for an admin's check."""
    _check_hand_in(member=member, product=product, variant=variant)
    check_quantity(quantity)
    check_made_on(made_on)
    stored = None
    if photo is not None:
        # Same checks and cleaning as product photos; raises PhotoRejected.
        stored = photo_store(
            processed=process_photo(photo), folder="production/hand-ins"
        )
    with (
        files_removed_on_error(stored.names() if stored else []),
        transaction.atomic(),
    ):
        hand_in = HandIn.objects.create(
            member=member,
            product=product,
            variant=variant,
            quantity=quantity,
            made_on=made_on,
            note=note.strip(),
            submitted_by=submitted_by,
        )
        if stored is not None:
            hand_in_photo = HandInPhoto(hand_in=hand_in)
            hand_in_photo.set_files(stored)
            hand_in_photo.save()
    return hand_in


def piece_rate_at(*, product: Product, moment: datetime) -> PieceRate | None:
    return (
        PieceRate.objects.filter(product=product, valid_from__lte=moment)
        .order_by("-valid_from")
        .first()
    )


def _already_reviewed() -> ValidationError:
    return ValidationError(
        _("This hand-in was already checked; nothing was changed."),
        code="already_reviewed",
    )


def hand_in_accept(
    *, hand_in: HandIn, grade: str, reviewed_by: AbstractBaseUser
) -> HandIn:
    """Accept the pieces: stock goes up once, the rate in force is recorded."""
    with transaction.atomic():
        if grade not in Grade.values:
            raise ValidationError(
                _("Choose a quality grade A, B or C."), code="bad_grade"
            )
        now = timezone.now()
        rate = piece_rate_at(product=hand_in.product, moment=now)
        if rate is None:
            # Accepted without a rate, the member would be paid Rp 0 for her work.
            raise ValidationError(
                _(
                    "%(product)s has no piece rate yet, so the member would earn "
                    "Rp 0. Set its rate first, then accept."
                ),
                code="no_piece_rate",
                params={
                    "product": hand_in.product.name,
                    "product_id": hand_in.product_id,
                },
            )
        # Only a hand-in still waiting changes; of two admins accepting at the same
        # moment, one updates the row and the other finds it already checked.
        changed = HandIn.objects.filter(
            pk=hand_in.pk, status=HandInStatus.SUBMITTED
        ).update(
            status=HandInStatus.ACCEPTED,
            grade=grade,
            piece_rate=rate.rate,
            reviewed_at=now,
            reviewed_by=reviewed_by,
        )
        if changed != 1:
            raise _already_reviewed()
        stock_add(
            variant_id=hand_in.variant_id,
            quantity=hand_in.quantity,
            reason=StockReason.HAND_IN_ACCEPTED,
            source=hand_in,
            by=reviewed_by,
        )
        hand_in.refresh_from_db()
        return hand_in


def hand_in_reject(
    *, hand_in: HandIn, reason: str, reviewed_by: AbstractBaseUser
) -> HandIn:
    with transaction.atomic():
        reason = (reason or "").strip()
        if not reason:
            raise _field_error(
                "reason",
                _("Write why, so the member can do better next time."),
                "reason_required",
            )
        changed = HandIn.objects.filter(
            pk=hand_in.pk, status=HandInStatus.SUBMITTED
        ).update(
            status=HandInStatus.REJECTED,
            reject_reason=reason,
            reviewed_at=timezone.now(),
            reviewed_by=reviewed_by,
        )
        if changed != 1:
            raise _already_reviewed()
        hand_in.refresh_from_db()
        return hand_in


#: How long after a check it can still be undone.
UNDO_WINDOW = timedelta(minutes=10)


def hand_in_undo_review(*, hand_in: HandIn, undone_by: AbstractBaseUser) -> HandIn:
    """Put a just-checked hand-in back to waiting; an accept takes its pieces out.

    Any admin may undo, within ``UNDO_WINDOW`` of the check. If some of the
    accepted pieces were sold meanwhile, nothing changes.
    """
    with transaction.atomic():
        hand_in = HandIn.objects.select_for_update().get(pk=hand_in.pk)
        if hand_in.status == HandInStatus.SUBMITTED or hand_in.reviewed_at is None:
            raise ValidationError(
                _("This hand-in is waiting for its check; nothing to undo."),
                code="not_reviewed",
            )
        if timezone.now() - hand_in.reviewed_at > UNDO_WINDOW:
            raise ValidationError(
                _(
                    "This check was made more than %(minutes)s minutes ago "
                    "and can no longer be undone."
                ),
                code="undo_too_late",
                params={"minutes": int(UNDO_WINDOW.total_seconds() // 60)},
            )
        was_accepted = hand_in.status == HandInStatus.ACCEPTED
        changed = HandIn.objects.filter(
            pk=hand_in.pk, status=hand_in.status, reviewed_at=hand_in.reviewed_at
        ).update(
            status=HandInStatus.SUBMITTED,
            grade="",
            piece_rate=None,
            reject_reason="",
            reviewed_at=None,
            reviewed_by=None,
        )
        if changed != 1:
            raise _already_reviewed()
        if was_accepted:
            try:
                stock_take(
                    variant_id=hand_in.variant_id,
                    quantity=hand_in.quantity,
                    reason=StockReason.HAND_IN_UNDONE,
                    source=hand_in,
                    by=undone_by,
                )
            except ValidationError as error:
                if getattr(error, "code", None) != "insufficient_stock":
                    raise
                # Raised inside the transaction: the status goes back with it.
                raise ValidationError(
                    _(
                        "Some of these pieces were already sold, so the accept "
                        "cannot be undone. Nothing was changed."
                    ),
                    code="undo_stock_sold",
                ) from error
        hand_in.refresh_from_db()
        return hand_in


def piece_rate_set(
    *,
    product: Product,
    rate: int,
    set_by: AbstractBaseUser | None,
    valid_from: datetime | None = None,
) -> PieceRate:
    """A new rate from now (or a given moment); earlier earnings keep theirs.

    A rate from a later moment is kept and applies from then on.
    """
    valid_from = valid_from or timezone.now()
    check_rate(rate)
    check_rate_valid_from(valid_from)
    return PieceRate.objects.create(
        product=product,
        rate=rate,
        valid_from=valid_from,
        created_by=set_by,
    )
