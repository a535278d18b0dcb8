"""Stock services: every change is a movement, nothing goes below zero."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext

from catalog.models import StockMovement, StockReason, Variant
from catalog.stock import (
    MAX_STOCK,
    stock_add,
    stock_add_many,
    stock_count,
    stock_count_many,
    stock_take,
    stock_take_many,
)
from members.roles import Role
from production.services import hand_in_accept
from sales.models import EntryStatus, Sale
from sales.services import LineInput, sale_create, sale_post, sale_reverse
from tests.catalog.factories import ProductFactory, add_variant
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db


def t(message: str) -> str:
    """A message as the (Indonesian) page shows it."""
    with translation.override("id"):
        return gettext(message)


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN).user


@pytest.fixture
def variant():
    return ProductFactory(name="Tas Mawar", stock=5).variants.get()


def stock(variant) -> int:
    return Variant.objects.get(pk=variant.pk).stock


def booked(variant) -> int:
    return (
        StockMovement.objects.filter(variant=variant).aggregate(s=Sum("quantity"))["s"]
        or 0
    )


def movements(variant) -> list[tuple[int, str, int]]:
    return list(
        StockMovement.objects.filter(variant=variant)
        .order_by("id")
        .values_list("quantity", "reason", "balance_after")
    )


# --- take ---------------------------------------------------------------------


def test_taking_lowers_the_stock_and_books_a_movement(variant, admin):
    movement = stock_take(variant_id=variant.pk, quantity=2, by=admin)
    assert stock(variant) == 3
    assert movement.quantity == -2
    assert movement.reason == StockReason.SALE_POSTED
    assert movement.balance_after == 3
    assert movement.created_by == admin
    assert movement.note == ""
    assert movements(variant) == [
        (5, StockReason.OPENING, 5),
        (-2, StockReason.SALE_POSTED, 3),
    ]
    assert booked(variant) == stock(variant)


def test_taking_the_last_pieces_leaves_zero(variant):
    stock_take(variant_id=variant.pk, quantity=5)
    assert stock(variant) == 0
    assert booked(variant) == 0


def test_taking_more_than_is_left_is_refused_and_says_what_is_left(variant):
    with translation.override("id"), pytest.raises(ValidationError) as caught:
        stock_take(variant_id=variant.pk, quantity=6)
    error = caught.value
    assert error.code == "insufficient_stock"
    assert error.params["left"] == 5
    assert error.params["wanted"] == 6
    with translation.override("id"):
        shown = error.messages
    assert shown == [
        t("Not enough stock of %(item)s: %(left)s left, %(wanted)s sold.")
        % {"item": "Tas Mawar", "left": 5, "wanted": 6}
    ]
    assert stock(variant) == 5
    assert len(movements(variant)) == 1


@pytest.mark.parametrize("quantity", [0, -1, True, 1.5])
def test_taking_a_quantity_that_is_not_a_positive_whole_number_is_refused(
    variant, quantity
):
    with pytest.raises(ValidationError) as caught:
        stock_take(variant_id=variant.pk, quantity=quantity)
    assert caught.value.code == "bad_quantity"
    assert caught.value.messages == [
        t("A stock change needs a whole number of pieces, at least 1.")
    ]
    assert stock(variant) == 5
    assert len(movements(variant)) == 1


def test_taking_with_a_reason_that_brings_pieces_in_is_refused(variant):
    with pytest.raises(ValidationError) as caught:
        stock_take(
            variant_id=variant.pk, quantity=1, reason=StockReason.HAND_IN_ACCEPTED
        )
    assert caught.value.code == "bad_reason"
    assert caught.value.messages == [t("This reason cannot change stock this way.")]
    assert stock(variant) == 5


def test_taking_from_an_unknown_variant_is_refused():
    with pytest.raises(ValidationError) as caught:
        stock_take(variant_id=999_999, quantity=1)
    assert caught.value.code == "unknown_variant"
    assert not StockMovement.objects.exists()


def test_the_movement_names_its_source(variant, admin):
    sale = sale_create(
        date=timezone.localdate(),
        channel="whatsapp",
        lines=[LineInput(variant_id=variant.pk, quantity=1)],
        recorded_by=admin,
    )
    movement = stock_take(variant_id=variant.pk, quantity=1, source=sale)
    assert movement.source_type == ContentType.objects.get_for_model(Sale)
    assert movement.source_id == sale.pk
    assert StockMovement.objects.get(pk=movement.pk).source == sale


# --- add ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reason",
    [StockReason.OPENING, StockReason.HAND_IN_ACCEPTED, StockReason.SALE_REVERSED],
)
def test_adding_raises_the_stock_and_books_a_movement(variant, reason):
    movement = stock_add(variant_id=variant.pk, quantity=3, reason=reason)
    assert stock(variant) == 8
    assert (movement.quantity, movement.reason, movement.balance_after) == (
        3,
        reason,
        8,
    )
    assert booked(variant) == 8


@pytest.mark.parametrize("reason", [StockReason.SALE_POSTED, StockReason.STOCK_COUNT])
def test_adding_with_a_reason_that_is_not_an_addition_is_refused(variant, reason):
    with pytest.raises(ValidationError) as caught:
        stock_add(variant_id=variant.pk, quantity=3, reason=reason)
    assert caught.value.code == "bad_reason"
    assert caught.value.messages == [t("This reason cannot change stock this way.")]
    assert stock(variant) == 5
    assert len(movements(variant)) == 1


@pytest.mark.parametrize("quantity", [0, -3])
def test_adding_nothing_or_less_is_refused(variant, quantity):
    with pytest.raises(ValidationError) as caught:
        stock_add(variant_id=variant.pk, quantity=quantity, reason=StockReason.OPENING)
    assert caught.value.code == "bad_quantity"
    assert stock(variant) == 5


def test_adding_to_an_unknown_variant_is_refused():
    with pytest.raises(ValidationError) as caught:
        stock_add(variant_id=999_999, quantity=1, reason=StockReason.OPENING)
    assert caught.value.code == "unknown_variant"
    assert caught.value.messages == [t("Unknown product.")]


# --- several at once --------------------------------------------------------------


def test_taking_several_variants_is_all_or_nothing(variant):
    other = add_variant(variant.product, option1="Biru", stock=1)
    with pytest.raises(ValidationError) as caught:
        stock_take_many(items=[(variant.pk, 2), (other.pk, 2)])
    assert caught.value.code == "insufficient_stock"
    assert caught.value.params["variant_id"] == other.pk
    assert (stock(variant), stock(other)) == (5, 1)
    assert StockMovement.objects.filter(reason=StockReason.SALE_POSTED).count() == 0


def test_taking_several_lines_of_one_variant_takes_their_sum_once(variant):
    other = add_variant(variant.product, option1="Biru", stock=4)
    taken = stock_take_many(items=[(other.pk, 1), (variant.pk, 2), (other.pk, 3)])
    # In variant-id order, one movement per variant.
    assert [(m.variant_id, m.quantity) for m in taken] == [
        (variant.pk, -2),
        (other.pk, -4),
    ]
    assert (stock(variant), stock(other)) == (3, 0)


def test_two_lines_of_one_variant_that_fit_only_apart_are_refused(variant):
    with pytest.raises(ValidationError) as caught:
        stock_take_many(items=[(variant.pk, 3), (variant.pk, 3)])
    assert caught.value.params["wanted"] == 6
    assert stock(variant) == 5


def test_adding_several_books_each_in_variant_order(variant, admin):
    other = add_variant(variant.product, option1="Biru")
    added = stock_add_many(
        items=[(other.pk, 2), (variant.pk, 1)],
        reason=StockReason.SALE_REVERSED,
        by=admin,
    )
    assert [(m.variant_id, m.balance_after, m.created_by) for m in added] == [
        (variant.pk, 6, admin),
        (other.pk, 2, admin),
    ]
    assert {m.reason for m in added} == {StockReason.SALE_REVERSED}


# --- stock count (stok opname) --------------------------------------------------


def test_a_count_below_the_stock_books_exactly_the_difference(variant, admin):
    movement = stock_count(variant=variant, counted=3, note="2 rusak", by=admin)
    assert stock(variant) == 3
    assert variant.stock == 3
    assert (movement.quantity, movement.reason, movement.balance_after) == (
        -2,
        StockReason.STOCK_COUNT,
        3,
    )
    assert movement.note == "2 rusak"
    assert movement.created_by == admin
    assert StockMovement.objects.filter(reason=StockReason.STOCK_COUNT).count() == 1
    assert booked(variant) == 3


def test_a_count_above_the_stock_books_the_pieces_found(variant, admin):
    movement = stock_count(variant=variant, counted=9, note="ketemu", by=admin)
    assert (movement.quantity, movement.balance_after) == (4, 9)
    assert stock(variant) == 9


def test_a_count_to_zero_empties_the_stock(variant, admin):
    stock_count(variant=variant, counted=0, note="habis", by=admin)
    assert stock(variant) == 0
    assert booked(variant) == 0


def test_a_count_is_booked_against_the_stock_now_not_an_old_copy(variant, admin):
    stale = Variant.objects.get(pk=variant.pk)  # read before a sale
    stock_take(variant_id=variant.pk, quantity=2)
    movement = stock_count(variant=stale, counted=4, note="opname", by=admin)
    # 3 left after the sale, 4 counted: one piece found, not one lost.
    assert movement.quantity == 1
    assert stock(variant) == 4


def test_a_count_that_matches_writes_nothing(variant, admin):
    stale = Variant.objects.get(pk=variant.pk)
    stock_take(variant_id=variant.pk, quantity=1)
    before = len(movements(variant))
    assert stock_count(variant=stale, counted=4, note="cocok", by=admin) is None
    assert stale.stock == 4  # the copy now shows the stock as counted
    assert stock(variant) == 4
    assert len(movements(variant)) == before


def test_a_negative_count_is_refused_with_a_message(variant, admin):
    with pytest.raises(ValidationError) as caught:
        stock_count(variant=variant, counted=-1, note="x", by=admin)
    assert caught.value.code == "negative_count"
    assert caught.value.messages == [
        t("A count cannot be below 0; enter the pieces you counted.")
    ]
    assert stock(variant) == 5
    assert len(movements(variant)) == 1


def test_a_count_beyond_the_bound_is_refused(variant, admin):
    assert stock_count(variant=variant, counted=MAX_STOCK, note="x", by=admin)
    with pytest.raises(ValidationError) as caught:
        stock_count(variant=variant, counted=MAX_STOCK + 1, note="x", by=admin)
    assert caught.value.code == "count_too_large"
    assert caught.value.messages == [
        t("More than %(max)s pieces is not a count; check the number.")
        % {"max": MAX_STOCK}
    ]
    assert stock(variant) == MAX_STOCK


@pytest.mark.parametrize("counted", [2.5, "3", True])
def test_a_count_that_is_not_a_whole_number_is_refused(variant, admin, counted):
    with pytest.raises(ValidationError) as caught:
        stock_count(variant=variant, counted=counted, note="x", by=admin)
    assert caught.value.code == "bad_count"
    assert caught.value.messages == [t("Enter the counted pieces as a whole number.")]
    assert stock(variant) == 5


def test_a_count_is_refused_when_the_stock_changed_since_it_was_shown(variant, admin):
    stock_take(variant_id=variant.pk, quantity=1)  # a sale while counting
    with pytest.raises(ValidationError) as caught:
        stock_count(variant=variant, counted=5, note="x", by=admin, expected=5)
    assert caught.value.code == "stock_changed"
    assert caught.value.params == {
        "item": "Tas Mawar",
        "expected": 5,
        "current": 4,
    }
    assert stock(variant) == 4
    assert StockMovement.objects.filter(reason=StockReason.STOCK_COUNT).count() == 0


def test_a_count_shown_with_todays_stock_is_booked(variant, admin):
    movement = stock_count(variant=variant, counted=2, note="x", by=admin, expected=5)
    assert movement.quantity == -3


def test_counting_several_variants_is_all_or_nothing(variant, admin):
    other = add_variant(variant.product, option1="Biru", stock=2)
    with pytest.raises(ValidationError):
        stock_count_many(
            counts=[(variant, 1), (other, 7)],
            note="x",
            by=admin,
            expected={variant.pk: 5, other.pk: 3},
        )
    assert (stock(variant), stock(other)) == (5, 2)
    booked_counts = stock_count_many(
        counts=[(other, 7), (variant, 5)], note="opname", by=admin
    )
    # The variant that matched writes nothing.
    assert [(m.variant_id, m.quantity) for m in booked_counts] == [(other.pk, 5)]


def test_counting_several_refuses_a_negative_count_before_booking_any(variant, admin):
    other = add_variant(variant.product, option1="Biru", stock=2)
    with pytest.raises(ValidationError) as caught:
        stock_count_many(counts=[(variant, 1), (other, -1)], note="x", by=admin)
    assert caught.value.code == "negative_count"
    assert stock(variant) == 5


# --- the database guards too ------------------------------------------------------


def test_a_movement_of_zero_pieces_is_refused_by_the_database(variant):
    with pytest.raises(IntegrityError), transaction.atomic():
        StockMovement.objects.create(
            variant=variant, quantity=0, reason=StockReason.OPENING, balance_after=5
        )


def test_a_movement_with_half_a_source_is_refused_by_the_database(variant):
    with pytest.raises(IntegrityError), transaction.atomic():
        StockMovement.objects.create(
            variant=variant,
            quantity=1,
            reason=StockReason.OPENING,
            balance_after=6,
            source_id=1,
        )


def test_a_variant_with_movements_cannot_be_deleted(variant):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        variant.delete()


# --- sales and production book through the services --------------------------------


def _sale(variant, admin, quantity=2):
    return sale_create(
        date=timezone.localdate(),
        channel="whatsapp",
        lines=[LineInput(variant_id=variant.pk, quantity=quantity)],
        recorded_by=admin,
    )


def test_posting_a_sale_books_a_sale_movement_pointing_at_it(variant, admin):
    sale = sale_post(sale=_sale(variant, admin), posted_by=admin)
    movement = StockMovement.objects.get(reason=StockReason.SALE_POSTED)
    assert (movement.quantity, movement.balance_after) == (-2, 3)
    assert movement.source == sale
    assert movement.created_by == admin
    assert stock(variant) == booked(variant) == 3


def test_a_sale_that_does_not_fit_stays_a_draft_and_books_nothing(variant, admin):
    draft = _sale(variant, admin, quantity=6)
    with pytest.raises(ValidationError) as caught:
        sale_post(sale=draft, posted_by=admin)
    assert caught.value.code == "insufficient_stock"
    draft.refresh_from_db()
    assert (draft.status, draft.number) == (EntryStatus.DRAFT, None)
    assert stock(variant) == 5
    assert len(movements(variant)) == 1


def test_posting_a_sale_twice_takes_stock_once(variant, admin):
    draft = _sale(variant, admin)
    sale_post(sale=draft, posted_by=admin)
    with pytest.raises(ValidationError) as caught:
        sale_post(sale=draft, posted_by=admin)
    assert caught.value.code == "already_posted"
    assert stock(variant) == 3
    assert len(movements(variant)) == 2


def test_a_sale_mixing_pre_order_and_stock_lines_takes_only_the_stock(variant, admin):
    made_to_order = ProductFactory(
        availability="preorder", lead_time_days=14
    ).variants.get()
    third = add_variant(variant.product, option1="Biru", stock=2)
    sale = sale_create(
        date=timezone.localdate(),
        channel="whatsapp",
        lines=[
            LineInput(variant_id=variant.pk, quantity=1),
            LineInput(variant_id=made_to_order.pk, quantity=3),
            LineInput(variant_id=third.pk, quantity=2),
        ],
        recorded_by=admin,
    )
    sale_post(sale=sale, posted_by=admin)
    assert (stock(variant), stock(made_to_order), stock(third)) == (4, 0, 0)
    assert not StockMovement.objects.filter(variant=made_to_order).exists()


def test_reversing_a_sale_brings_the_pieces_back_as_a_movement(variant, admin):
    sale = sale_post(sale=_sale(variant, admin), posted_by=admin)
    sale_reverse(sale=sale, reversed_by=admin, reason="batal")
    movement = StockMovement.objects.get(reason=StockReason.SALE_REVERSED)
    assert (movement.quantity, movement.balance_after) == (2, 5)
    assert movement.source == sale
    assert stock(variant) == booked(variant) == 5


def test_accepting_a_hand_in_books_a_hand_in_movement_pointing_at_it(variant, admin):
    set_rate(variant.product, 20_000)
    hand_in = make_hand_in(product=variant.product, quantity=4)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin)
    movement = StockMovement.objects.get(reason=StockReason.HAND_IN_ACCEPTED)
    assert (movement.quantity, movement.balance_after) == (4, 9)
    assert movement.source == hand_in
    assert movement.source_url == hand_in.get_absolute_url()
    assert stock(variant) == booked(variant) == 9


def test_the_source_label_and_link_of_a_sale(variant, admin):
    sale = sale_post(sale=_sale(variant, admin), posted_by=admin)
    movement = StockMovement.objects.get(reason=StockReason.SALE_POSTED)
    with translation.override("en"):
        assert movement.source_label == f"Sale {sale.number}"
    assert movement.source_url == sale.get_absolute_url()
    opening = StockMovement.objects.get(reason=StockReason.OPENING)
    assert (opening.source_label, opening.source_url) == ("", "")


def test_only_the_stock_services_write_the_stock_column():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    writes = re.compile(r"stock\s*=\s*F\(|\.stock\s*[-+]?=(?!=)|update\([^)]*\bstock=")
    found = [
        f"{path.relative_to(root)}:{number}"
        for app in ("catalog", "core", "demo", "members", "portal", "production")
        + ("sales", "training")
        for path in (root / app).rglob("*.py")
        if "migrations" not in path.parts and path.name != "stock.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if writes.search(line)
    ]
    assert found == []
