from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from catalog.models import Status, Variant
from members.roles import Role
from production.models import HandIn, HandInStatus
from production.selectors import earnings_by_month, member_pieces_by_month
from production.services import (
    hand_in_accept,
    hand_in_reject,
    hand_in_submit,
    piece_rate_set,
)
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN).user


def stock_of(product) -> int:
    return Variant.objects.get(product=product).stock


def test_accepting_adds_the_quantity_to_stock_and_records_the_rate(admin):
    product = ProductFactory(stock=2)
    set_rate(product, 25000)
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin)
    hand_in.refresh_from_db()
    assert stock_of(product) == 5
    assert hand_in.status == HandInStatus.ACCEPTED
    assert hand_in.piece_rate == 25000
    assert hand_in.earned == 75000
    assert hand_in.reviewed_by == admin


def test_accepting_twice_adds_stock_once(admin):
    product = ProductFactory(stock=0)
    set_rate(product, 15000)
    hand_in = make_hand_in(product=product, quantity=4)
    hand_in_accept(hand_in=hand_in, grade="B", reviewed_by=admin)
    stale = HandIn.objects.get(pk=hand_in.pk)
    stale.status = HandInStatus.SUBMITTED  # as an admin's older page still shows it
    with pytest.raises(ValidationError) as caught:
        hand_in_accept(hand_in=stale, grade="A", reviewed_by=admin)
    assert caught.value.code == "already_reviewed"
    assert stock_of(product) == 4


def test_rejecting_an_accepted_hand_in_changes_nothing(admin):
    product = ProductFactory(stock=0)
    set_rate(product, 15000)
    hand_in = make_hand_in(product=product, quantity=1)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin)
    with pytest.raises(ValidationError):
        hand_in_reject(hand_in=hand_in, reason="kurang rapi", reviewed_by=admin)
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.ACCEPTED
    assert stock_of(product) == 1


def test_rejecting_needs_a_reason_and_leaves_stock_alone(admin):
    product = ProductFactory(stock=1)
    hand_in = make_hand_in(product=product)
    with pytest.raises(ValidationError):
        hand_in_reject(hand_in=hand_in, reason="   ", reviewed_by=admin)
    hand_in_reject(hand_in=hand_in, reason="Tali kurang rapat", reviewed_by=admin)
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.REJECTED
    assert hand_in.reject_reason == "Tali kurang rapat"
    assert stock_of(product) == 1


def test_unknown_grade_is_refused(admin):
    hand_in = make_hand_in()
    with pytest.raises(ValidationError):
        hand_in_accept(hand_in=hand_in, grade="Z", reviewed_by=admin)
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.SUBMITTED


@pytest.mark.parametrize(
    ("quantity", "code"),
    [
        (0, "quantity_too_small"),
        (-2, "quantity_too_small"),
        (1001, "quantity_too_large"),
    ],
)
def test_absurd_quantities_are_refused(quantity, code):
    member = MemberFactory()
    product = ProductFactory()
    with pytest.raises(ValidationError) as caught:
        hand_in_submit(
            member=member,
            product=product,
            variant=product.variants.get(),
            quantity=quantity,
            made_on=timezone.localdate(),
            submitted_by=member.user,
        )
    assert caught.value.error_dict["quantity"][0].code == code
    assert not HandIn.objects.exists()


def test_a_date_in_the_future_is_refused():
    with pytest.raises(ValidationError):
        make_hand_in(days_ago=-1)
    assert not HandIn.objects.exists()


def test_archived_product_cannot_be_handed_in():
    product = ProductFactory()
    product.status = Status.ARCHIVED
    product.save()
    with pytest.raises(ValidationError):
        make_hand_in(product=product)
    assert not HandIn.objects.exists()


def test_inactive_member_cannot_hand_in():
    member = MemberFactory(is_active=False)
    with pytest.raises(ValidationError):
        make_hand_in(member=member)
    assert not HandIn.objects.exists()


def test_variant_of_another_product_is_refused():
    member = MemberFactory()
    product, other = ProductFactory(), ProductFactory()
    with pytest.raises(ValidationError):
        hand_in_submit(
            member=member,
            product=product,
            variant=other.variants.get(),
            quantity=1,
            made_on=timezone.localdate(),
            submitted_by=member.user,
        )
    assert not HandIn.objects.exists()


def test_negative_rate_is_refused():
    product = ProductFactory()
    with pytest.raises(ValidationError):
        piece_rate_set(product=product, rate=-1, set_by=None)
    assert not product.piece_rates.exists()


def test_a_new_rate_never_changes_what_was_already_earned(admin):
    member = MemberFactory()
    product = ProductFactory()
    set_rate(product, 20000, days_ago=10)
    first = make_hand_in(member=member, product=product, quantity=3)
    hand_in_accept(hand_in=first, grade="A", reviewed_by=admin)
    piece_rate_set(product=product, rate=30000, set_by=admin)
    second = make_hand_in(member=member, product=product, quantity=2)
    hand_in_accept(hand_in=second, grade="A", reviewed_by=admin)

    (month,) = earnings_by_month(member=member)
    assert month["pieces"] == 5
    assert month["amount"] == 3 * 20000 + 2 * 30000


def test_product_without_a_rate_is_not_accepted(admin):
    hand_in = make_hand_in(quantity=2)
    with pytest.raises(ValidationError) as caught:
        hand_in_accept(hand_in=hand_in, grade="C", reviewed_by=admin)
    assert caught.value.code == "no_piece_rate"
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.SUBMITTED
    assert hand_in.piece_rate is None
    assert stock_of(hand_in.product) == 0


def test_pieces_by_month_count_accepted_and_rejected_separately(admin):
    member = MemberFactory()
    accepted = make_hand_in(member=member, quantity=3)
    set_rate(accepted.product, 15000)
    rejected = make_hand_in(member=member, quantity=2)
    make_hand_in(member=member, quantity=7)  # still waiting: counts for neither
    hand_in_accept(hand_in=accepted, grade="A", reviewed_by=admin)
    hand_in_reject(hand_in=rejected, reason="longgar", reviewed_by=admin)
    rows = member_pieces_by_month(member=member)
    month = (timezone.localdate() - timedelta(days=1)).replace(day=1)
    assert rows == [{"month": month, "accepted": 3, "rejected": 2}]


def test_earnings_are_per_member(admin):
    sri, wati = MemberFactory(), MemberFactory()
    product = ProductFactory()
    set_rate(product, 10000)
    for member, quantity in ((sri, 1), (wati, 4)):
        hand_in_accept(
            hand_in=make_hand_in(member=member, product=product, quantity=quantity),
            grade="A",
            reviewed_by=admin,
        )
    amounts = {row["member_id"]: row["amount"] for row in earnings_by_month()}
    assert amounts == {sri.pk: 10000, wati.pk: 40000}
