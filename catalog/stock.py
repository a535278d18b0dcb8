"""Stock of the variants: the only code that changes ``Variant.stock``.

Every change is a conditional UPDATE of the count plus a ``StockMovement`` row
written in the same transaction, so the count always equals the sum of its
movements and can be explained line by line (kartu stok). Other apps decide
*when* stock changes (a sale is posted, a hand-in accepted) and call these.

Several variants at once (the lines of one sale) go through ``stock_take_many``
or ``stock_add_many``, which touch the rows in variant-id order: two sales of
the same pieces then never wait on each other in a circle (no deadlock).
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from .models import StockMovement, StockReason, Variant

# The most pieces of one variant the co-op could hold; a count above is a typo.
MAX_STOCK = 100_000

#: Reasons that bring pieces in; the others take them out, except counts.
ADD_REASONS = frozenset(
    {StockReason.OPENING, StockReason.HAND_IN_ACCEPTED, StockReason.SALE_REVERSED}
)
TAKE_REASONS = frozenset({StockReason.SALE_POSTED, StockReason.HAND_IN_UNDONE})


def _check_quantity(quantity: int) -> None:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise ValidationError(
            _("A stock change needs a whole number of pieces, at least 1."),
            code="bad_quantity",
        )


def _check_reason(reason: str, allowed: frozenset) -> None:
    if reason not in allowed:
        raise ValidationError(
            _("This reason cannot change stock this way."), code="bad_reason"
        )


def _movement(
    *,
    variant_id: int,
    quantity: int,
    reason: str,
    source: models.Model | None,
    by: AbstractBaseUser | None,
    note: str = "",
) -> StockMovement:
    """The movement of a change just made; the row is still locked by it."""
    balance = Variant.objects.values_list("stock", flat=True).get(pk=variant_id)
    return StockMovement.objects.create(
        variant_id=variant_id,
        quantity=quantity,
        reason=reason,
        source_type=(
            ContentType.objects.get_for_model(source) if source is not None else None
        ),
        source_id=source.pk if source is not None else None,
        balance_after=balance,
        note=note.strip(),
        created_by=by,
    )


def _unknown_variant() -> ValidationError:
    return ValidationError(_("Unknown product."), code="unknown_variant")


def _insufficient(variant_id: int, wanted: int) -> ValidationError:
    variant = Variant.objects.select_related("product").filter(pk=variant_id).first()
    if variant is None:
        return _unknown_variant()
    return ValidationError(
        _("Not enough stock of %(item)s: %(left)s left, %(wanted)s sold."),
        code="insufficient_stock",
        params={
            "item": str(variant),
            "left": variant.stock,
            "wanted": wanted,
            "variant_id": variant_id,
        },
    )


def stock_take(
    *,
    variant_id: int,
    quantity: int,
    reason: str = StockReason.SALE_POSTED,
    source: models.Model | None = None,
    by: AbstractBaseUser | None = None,
) -> StockMovement:
    """Take pieces out; refused with ``insufficient_stock`` below zero."""
    _check_quantity(quantity)
    _check_reason(reason, TAKE_REASONS)
    with transaction.atomic():
        # One statement checks and takes: of two takers of the last piece, the
        # second finds no row to update (the database holds the row meanwhile).
        taken = Variant.objects.filter(pk=variant_id, stock__gte=quantity).update(
            stock=F("stock") - quantity
        )
        if taken != 1:
            raise _insufficient(variant_id, quantity)
        return _movement(
            variant_id=variant_id,
            quantity=-quantity,
            reason=reason,
            source=source,
            by=by,
        )


def stock_add(
    *,
    variant_id: int,
    quantity: int,
    reason: str,
    source: models.Model | None = None,
    by: AbstractBaseUser | None = None,
) -> StockMovement:
    """Bring pieces in: a hand-in accepted, a sale reversed, an opening balance."""
    _check_quantity(quantity)
    _check_reason(reason, ADD_REASONS)
    with transaction.atomic():
        added = Variant.objects.filter(pk=variant_id).update(
            stock=F("stock") + quantity
        )
        if added != 1:
            raise _unknown_variant()
        return _movement(
            variant_id=variant_id,
            quantity=quantity,
            reason=reason,
            source=source,
            by=by,
        )


def _in_variant_order(items: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Lines of the same variant summed, sorted by variant id (no deadlocks)."""
    totals: Counter[int] = Counter()
    for variant_id, quantity in items:
        _check_quantity(quantity)
        totals[variant_id] += quantity
    return sorted(totals.items())


def stock_take_many(
    *,
    items: Iterable[tuple[int, int]],
    reason: str = StockReason.SALE_POSTED,
    source: models.Model | None = None,
    by: AbstractBaseUser | None = None,
) -> list[StockMovement]:
    """Take ``(variant_id, quantity)`` pairs all or none, in variant-id order."""
    with transaction.atomic():
        return [
            stock_take(
                variant_id=variant_id,
                quantity=quantity,
                reason=reason,
                source=source,
                by=by,
            )
            for variant_id, quantity in _in_variant_order(items)
        ]


def stock_add_many(
    *,
    items: Iterable[tuple[int, int]],
    reason: str,
    source: models.Model | None = None,
    by: AbstractBaseUser | None = None,
) -> list[StockMovement]:
    """Bring ``(variant_id, quantity)`` pairs in, in variant-id order."""
    with transaction.atomic():
        return [
            stock_add(
                variant_id=variant_id,
                quantity=quantity,
                reason=reason,
                source=source,
                by=by,
            )
            for variant_id, quantity in _in_variant_order(items)
        ]


def _check_count(counted: int) -> None:
    if isinstance(counted, bool) or not isinstance(counted, int):
        raise ValidationError(
            _("Enter the counted pieces as a whole number."), code="bad_count"
        )
    if counted < 0:
        raise ValidationError(
            _("A count cannot be below 0; enter the pieces you counted."),
            code="negative_count",
        )
    if counted > MAX_STOCK:
        raise ValidationError(
            _("More than %(max)s pieces is not a count; check the number.")
            % {"max": MAX_STOCK},
            code="count_too_large",
        )


def stock_count(
    *,
    variant: Variant,
    counted: int,
    note: str,
    by: AbstractBaseUser | None,
    expected: int | None = None,
) -> StockMovement | None:
    """Stock count (stok opname): book the difference to the count right now.

    The row is locked while the difference is worked out, so a sale at the same
    moment is either before the count (and corrected by it) or after it; nothing
    is overwritten. ``expected`` is the stock the counter was shown: when it
    changed meanwhile (a sale, a hand-in) the count is refused, to be checked
    again. Returns None when the stock already matches.
    """
    _check_count(counted)
    with transaction.atomic():
        current = (
            Variant.objects.select_for_update()
            .values_list("stock", flat=True)
            .get(pk=variant.pk)
        )
        difference = counted - current
        if difference == 0:
            variant.stock = current
            return None
        if expected is not None and expected != current:
            raise ValidationError(
                _(
                    "The stock of %(item)s changed from %(expected)s to %(current)s "
                    "while you counted (a sale or a hand-in). Check the count and "
                    "save again."
                ),
                code="stock_changed",
                params={"item": str(variant), "expected": expected, "current": current},
            )
        Variant.objects.filter(pk=variant.pk).update(stock=F("stock") + difference)
        movement = _movement(
            variant_id=variant.pk,
            quantity=difference,
            reason=StockReason.STOCK_COUNT,
            source=None,
            by=by,
            note=note,
        )
        variant.stock = movement.balance_after
        return movement


def stock_count_many(
    *,
    counts: Sequence[tuple[Variant, int]],
    note: str,
    by: AbstractBaseUser | None,
    expected: Mapping[int, int] | None = None,
) -> list[StockMovement]:
    """Several variants counted at once, all or none, in variant-id order.

    ``expected`` maps a variant id to the stock the counter was shown.
    """
    expected = expected or {}
    for _variant, counted in counts:
        _check_count(counted)
    with transaction.atomic():
        booked = [
            stock_count(
                variant=variant,
                counted=counted,
                note=note,
                by=by,
                expected=expected.get(variant.pk),
            )
            for variant, counted in sorted(counts, key=lambda pair: pair[0].pk)
        ]
    return [movement for movement in booked if movement is not None]
