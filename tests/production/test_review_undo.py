"""Undoing a check: the hand-in waits again, an accept's pieces leave stock once."""

from datetime import timedelta

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from catalog.models import StockMovement, StockReason, Variant
from catalog.stock import stock_take
from members.roles import Role
from production.models import HandIn, HandInStatus
from production.services import (
    UNDO_WINDOW,
    hand_in_accept,
    hand_in_reject,
    hand_in_undo_review,
)
from tests.catalog.factories import ProductFactory
from tests.conftest import with_token
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN)


@pytest.fixture
def other_admin():
    return MemberFactory(role=Role.ADMIN)


@pytest.fixture
def product():
    product = ProductFactory(name="Tas Batal", stock=5)
    set_rate(product, 15000)
    return product


def client_of(member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def stock_of(product) -> int:
    return Variant.objects.get(product=product).stock


def undo(client, hand_in, data=None):
    return client.post(
        reverse("production:review"), with_token(data or {"undo": hand_in.pk})
    )


def levels(response):
    return [m.level for m in get_messages(response.wsgi_request)]


def checked_minutes_ago(hand_in, minutes):
    HandIn.objects.filter(pk=hand_in.pk).update(
        reviewed_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_undoing_an_accept_puts_it_back_to_waiting(admin, product):
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    undone = hand_in_undo_review(hand_in=hand_in, undone_by=admin.user)
    assert undone.status == HandInStatus.SUBMITTED
    assert undone.grade == ""
    assert undone.piece_rate is None
    assert undone.reviewed_at is None
    assert undone.reviewed_by is None
    assert undone.earned == 0


def test_undoing_an_accept_takes_the_pieces_out_with_a_movement(admin, product):
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    assert stock_of(product) == 8
    hand_in_undo_review(hand_in=hand_in, undone_by=admin.user)
    assert stock_of(product) == 5
    movement = StockMovement.objects.get(reason=StockReason.HAND_IN_UNDONE)
    assert movement.quantity == -3
    assert movement.balance_after == 5
    assert movement.source_id == hand_in.pk
    assert movement.created_by == admin.user


def test_undoing_a_reject_clears_the_reason_and_leaves_stock(admin, product):
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_reject(hand_in=hand_in, reason="Kotor", reviewed_by=admin.user)
    undone = hand_in_undo_review(hand_in=hand_in, undone_by=admin.user)
    assert undone.status == HandInStatus.SUBMITTED
    assert undone.reject_reason == ""
    assert stock_of(product) == 5
    assert not StockMovement.objects.filter(reason=StockReason.HAND_IN_UNDONE).exists()


def test_another_admin_may_undo(admin, other_admin, product):
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="B", reviewed_by=admin.user)
    undone = hand_in_undo_review(hand_in=hand_in, undone_by=other_admin.user)
    assert undone.status == HandInStatus.SUBMITTED


def test_an_undone_hand_in_can_be_checked_again(admin, product):
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    hand_in_undo_review(hand_in=hand_in, undone_by=admin.user)
    hand_in_accept(hand_in=hand_in, grade="C", reviewed_by=admin.user)
    hand_in.refresh_from_db()
    assert hand_in.grade == "C"
    assert stock_of(product) == 8


def test_undo_after_the_window_is_refused(admin, product):
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    checked_minutes_ago(hand_in, UNDO_WINDOW.total_seconds() / 60 + 1)
    with pytest.raises(ValidationError) as refused:
        hand_in_undo_review(hand_in=hand_in, undone_by=admin.user)
    assert refused.value.code == "undo_too_late"
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.ACCEPTED
    assert stock_of(product) == 8


def test_undo_just_inside_the_window_works(admin, product):
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    checked_minutes_ago(hand_in, UNDO_WINDOW.total_seconds() / 60 - 1)
    assert hand_in_undo_review(hand_in=hand_in, undone_by=admin.user).status == (
        HandInStatus.SUBMITTED
    )


def test_undo_when_pieces_were_sold_is_refused_and_changes_nothing(admin):
    product = ProductFactory(stock=0)
    set_rate(product, 15000)
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    stock_take(variant_id=hand_in.variant_id, quantity=2)
    with pytest.raises(ValidationError) as refused:
        hand_in_undo_review(hand_in=hand_in, undone_by=admin.user)
    assert refused.value.code == "undo_stock_sold"
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.ACCEPTED
    assert hand_in.grade == "A"
    assert stock_of(product) == 1
    assert not StockMovement.objects.filter(reason=StockReason.HAND_IN_UNDONE).exists()


def test_undo_of_a_waiting_hand_in_is_refused(admin, product):
    hand_in = make_hand_in(product=product)
    with pytest.raises(ValidationError) as refused:
        hand_in_undo_review(hand_in=hand_in, undone_by=admin.user)
    assert refused.value.code == "not_reviewed"


def test_undo_twice_takes_stock_out_once(admin, product):
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    hand_in_undo_review(hand_in=hand_in, undone_by=admin.user)
    with pytest.raises(ValidationError):
        hand_in_undo_review(hand_in=hand_in, undone_by=admin.user)
    assert stock_of(product) == 5


# The page


def test_the_page_offers_undo_for_a_just_checked_hand_in(admin, product):
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    page = client_of(admin).get(reverse("production:review")).content.decode()
    assert f'name="undo" value="{hand_in.pk}"' in page


def test_the_page_offers_no_undo_after_the_window(admin, product):
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    checked_minutes_ago(hand_in, 11)
    page = client_of(admin).get(reverse("production:review")).content.decode()
    assert f'name="undo" value="{hand_in.pk}"' not in page


def test_posting_undo_puts_it_back_and_says_so(admin, other_admin, product):
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    response = undo(client_of(other_admin), hand_in)
    assert response.status_code == 302
    assert response.url == reverse("production:review")
    assert messages.SUCCESS in levels(response)
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.SUBMITTED
    assert stock_of(product) == 5


def test_the_same_undo_sent_twice_takes_stock_out_once(admin, product):
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    client = client_of(admin)
    data = with_token({"undo": hand_in.pk})
    first = client.post(reverse("production:review"), data)
    second = client.post(reverse("production:review"), data)
    assert first.status_code == 302
    assert second.status_code == 303
    assert stock_of(product) == 5
    assert StockMovement.objects.filter(reason=StockReason.HAND_IN_UNDONE).count() == 1


def test_posting_undo_too_late_says_why(admin, product):
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    checked_minutes_ago(hand_in, 30)
    response = undo(client_of(admin), hand_in)
    assert messages.ERROR in levels(response)
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.ACCEPTED


def test_posting_undo_when_sold_says_why(admin):
    product = ProductFactory(stock=0)
    set_rate(product, 15000)
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    stock_take(variant_id=hand_in.variant_id, quantity=3)
    response = undo(client_of(admin), hand_in)
    assert messages.ERROR in levels(response)
    with translation.override("id"):
        expected = str(
            _(
                "Some of these pieces were already sold, so the accept "
                "cannot be undone. Nothing was changed."
            )
        )
    assert [str(m) for m in get_messages(response.wsgi_request)] == [expected]
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.ACCEPTED


@pytest.mark.parametrize("bad", ["", "abc", "-1", "999999", "9" * 30])
def test_posting_undo_of_an_unknown_hand_in_is_not_found(admin, bad):
    response = client_of(admin).post(
        reverse("production:review"), with_token({"undo": bad})
    )
    assert response.status_code == 404


def test_a_member_cannot_undo(admin, product):
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    member = MemberFactory(role=Role.MEMBER)
    response = undo(client_of(member), hand_in)
    assert response.status_code == 403
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.ACCEPTED


def test_undo_without_a_token_is_refused(admin, product):
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    response = client_of(admin).post(reverse("production:review"), {"undo": hand_in.pk})
    assert response.status_code == 400
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.ACCEPTED
