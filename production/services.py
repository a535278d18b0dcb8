"""Hand-ins of finished pieces, their review, piece rates and targets."""

from datetime import date, datetime
from typing import BinaryIO

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Product, Status, Variant
from core.photos import process_photo
from core.storage import files_removed_on_error, photo_store
from members.models import Member

from .models import MAX_QUANTITY, Grade, HandIn, HandInStatus, PieceRate


def _field_error(field: str, message, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def check_quantity(quantity: int) -> None:
    if quantity < 1:
        raise _field_error(
            "quantity", _("Enter at least 1 piece."), "quantity_too_small"
        )
    if quantity > MAX_QUANTITY:
        raise _field_error(
            "quantity",
            _(
                "More than %(max)s pieces at once is too many for one member; "
                "check the number."
            )
            % {"max": MAX_QUANTITY},
            "quantity_too_large",
        )


def check_made_on(made_on: date) -> None:
    if made_on > timezone.localdate():
        raise _field_error(
            "made_on",
            _("The date is in the future; pieces cannot be made yet."),
            "future_date",
        )


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
    with files_removed_on_error(stored.names() if stored else []):
        return HandIn.objects.create(
            member=member,
            product=product,
            variant=variant,
            quantity=quantity,
            made_on=made_on,
            note=note.strip(),
            photo_original=stored.original if stored else "",
            photo_renditions=stored.renditions if stored else [],
            submitted_by=submitted_by,
        )


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


@transaction.atomic
def hand_in_accept(
    *, hand_in: HandIn, grade: str, reviewed_by: AbstractBaseUser
) -> HandIn:
    """Accept the pieces: stock goes up once, the rate in force is recorded."""
    if grade not in Grade.values:
        raise ValidationError(_("Choose a quality grade A, B or C."), code="bad_grade")
    now = timezone.now()
    rate = piece_rate_at(product=hand_in.product, moment=now)
    # Only a hand-in still waiting changes; of two admins accepting at the same
    # moment, one updates the row and the other finds it already checked.
    changed = HandIn.objects.filter(
        pk=hand_in.pk, status=HandInStatus.SUBMITTED
    ).update(
        status=HandInStatus.ACCEPTED,
        grade=grade,
        piece_rate=rate.rate if rate else 0,
        reviewed_at=now,
        reviewed_by=reviewed_by,
    )
    if changed != 1:
        raise _already_reviewed()
    Variant.objects.filter(pk=hand_in.variant_id).update(
        stock=F("stock") + hand_in.quantity
    )
    hand_in.refresh_from_db()
    return hand_in


@transaction.atomic
def hand_in_reject(
    *, hand_in: HandIn, reason: str, reviewed_by: AbstractBaseUser
) -> HandIn:
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


def piece_rate_set(
    *,
    product: Product,
    rate: int,
    set_by: AbstractBaseUser | None,
    valid_from: datetime | None = None,
) -> PieceRate:
    """A new rate from now (or a given moment); earlier earnings keep theirs."""
    if rate is None or rate < 0:
        raise _field_error("rate", _("A rate cannot be below zero."), "negative_rate")
    return PieceRate.objects.create(
        product=product,
        rate=rate,
        valid_from=valid_from or timezone.now(),
        created_by=set_by,
    )
