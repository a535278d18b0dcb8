"""Hand-ins and piece rates: each refusal by code, field and message; nothing saved."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import override

from catalog.models import Status, StockMovement
from members.roles import Role
from production.models import HandIn, HandInStatus
from production.services import (
    hand_in_accept,
    hand_in_reject,
    hand_in_submit,
    piece_rate_at,
    piece_rate_set,
)
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN).user


def _refusal(call, **kwargs) -> ValidationError:
    with override("en"), pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value


def _messages(error: ValidationError):
    with override("en"):
        if hasattr(error, "error_dict"):
            return error.message_dict
        return [str(message) for message in error.messages]


def _submit(member, product, variant=None, **kwargs) -> HandIn:
    return hand_in_submit(
        member=member,
        product=product,
        variant=variant or product.variants.get(),
        quantity=kwargs.pop("quantity", 2),
        made_on=timezone.localdate(),
        submitted_by=member.user,
        **kwargs,
    )


# --- Handing in -----------------------------------------------------------------------


def test_a_hand_in_without_a_note_has_an_empty_note():
    member, product = MemberFactory(), ProductFactory()
    hand_in = _submit(member, product)
    assert hand_in.note == ""
    assert HandIn.objects.get(pk=hand_in.pk).note == ""


def test_the_note_of_a_hand_in_is_kept_without_surrounding_blanks():
    member, product = MemberFactory(), ProductFactory()
    hand_in = _submit(member, product, note="  benang habis \n")
    assert HandIn.objects.get(pk=hand_in.pk).note == "benang habis"


def test_a_hand_in_is_recorded_as_typed_and_waits_for_its_check():
    member, product = MemberFactory(), ProductFactory()
    hand_in = _submit(member, product, quantity=3)
    stored = HandIn.objects.get(pk=hand_in.pk)
    assert stored.status == HandInStatus.SUBMITTED
    assert (stored.member, stored.product, stored.quantity) == (member, product, 3)
    assert stored.variant == product.variants.get()
    assert stored.made_on == timezone.localdate()
    assert stored.submitted_by == member.user


INACTIVE = {"inactive_member": ["This member is not active; ask the admin (pengurus)."]}


def test_an_inactive_member_cannot_hand_in():
    member, product = MemberFactory(is_active=False), ProductFactory()
    error = _refusal(_submit, member=member, product=product)
    assert error.code == "inactive_member"
    assert _messages(error) == INACTIVE["inactive_member"]
    assert not HandIn.objects.exists()


def test_a_member_whose_login_is_switched_off_cannot_hand_in():
    member, product = MemberFactory(), ProductFactory()
    member.user.is_active = False
    member.user.save()
    error = _refusal(_submit, member=member, product=product)
    assert error.code == "inactive_member"
    assert _messages(error) == INACTIVE["inactive_member"]
    assert not HandIn.objects.exists()


def test_an_archived_product_cannot_be_handed_in():
    member, product = MemberFactory(), ProductFactory()
    product.status = Status.ARCHIVED
    product.save()
    error = _refusal(_submit, member=member, product=product)
    assert error.code == "archived_product"
    assert _messages(error) == ["This product is archived and no longer made."]
    assert not HandIn.objects.exists()


def test_a_variant_of_another_product_is_refused_on_the_variant_field():
    member, product, other = MemberFactory(), ProductFactory(), ProductFactory()
    error = _refusal(
        _submit, member=member, product=product, variant=other.variants.get()
    )
    assert error.error_dict["variant"][0].code == "wrong_variant"
    assert _messages(error) == {"variant": ["Choose a variant of this product."]}
    assert not HandIn.objects.exists()


# --- Piece rates ----------------------------------------------------------------------


def test_the_rate_in_force_is_the_products_own():
    product, other = ProductFactory(), ProductFactory()
    own = set_rate(product, 10_000, days_ago=30)
    set_rate(other, 99_000, days_ago=1)  # newer, but of another product
    assert piece_rate_at(product=product, moment=timezone.now()) == own


def test_accepting_records_the_rate_of_the_products_own(admin):
    product, other = ProductFactory(stock=0), ProductFactory()
    set_rate(product, 10_000, days_ago=30)
    set_rate(other, 99_000, days_ago=1)
    hand_in = make_hand_in(product=product, quantity=2)
    accepted = hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin)
    assert accepted.piece_rate == 10_000


def test_a_rate_applies_from_its_very_moment():
    product = ProductFactory()
    rate = set_rate(product, 10_000, days_ago=3)
    assert piece_rate_at(product=product, moment=rate.valid_from) == rate
    before = rate.valid_from - timedelta(microseconds=1)
    assert piece_rate_at(product=product, moment=before) is None


def test_the_latest_rate_already_started_is_in_force():
    product = ProductFactory()
    set_rate(product, 10_000, days_ago=30)
    latest = set_rate(product, 12_000, days_ago=10)
    set_rate(product, 11_000, days_ago=20)
    assert piece_rate_at(product=product, moment=timezone.now()) == latest


def test_a_rate_set_without_a_moment_starts_now_and_names_who_set_it(admin):
    product = ProductFactory()
    before = timezone.now()
    rate = piece_rate_set(product=product, rate=15_000, set_by=admin)
    assert before <= rate.valid_from <= timezone.now()
    assert (rate.product, rate.rate, rate.created_by) == (product, 15_000, admin)


# --- Review ---------------------------------------------------------------------------


def test_accepting_records_the_grade_the_reviewer_and_the_moment(admin):
    product = ProductFactory(stock=0)
    set_rate(product, 10_000)
    hand_in = make_hand_in(product=product, quantity=2)
    before = timezone.now()
    accepted = hand_in_accept(hand_in=hand_in, grade="B", reviewed_by=admin)
    assert (accepted.status, accepted.grade) == (HandInStatus.ACCEPTED, "B")
    assert accepted.reviewed_by == admin
    assert before <= accepted.reviewed_at <= timezone.now()
    movement = StockMovement.objects.get(reason="hand_in")
    assert (movement.quantity, movement.created_by) == (2, admin)


def test_an_unknown_grade_is_refused_with_its_message(admin):
    hand_in = make_hand_in()
    error = _refusal(hand_in_accept, hand_in=hand_in, grade="Z", reviewed_by=admin)
    assert error.code == "bad_grade"
    assert _messages(error) == ["Choose a quality grade A, B or C."]
    assert HandIn.objects.get(pk=hand_in.pk).status == HandInStatus.SUBMITTED


def test_a_hand_in_without_a_rate_names_its_product(admin):
    hand_in = make_hand_in()
    error = _refusal(hand_in_accept, hand_in=hand_in, grade="A", reviewed_by=admin)
    assert error.code == "no_piece_rate"
    assert error.params == {
        "product": hand_in.product.name,
        "product_id": hand_in.product_id,
    }


ALREADY = ["This hand-in was already checked; nothing was changed."]


def test_a_hand_in_checked_already_is_not_accepted_again(admin):
    product = ProductFactory(stock=0)
    set_rate(product, 10_000)
    hand_in = make_hand_in(product=product, quantity=1)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin)
    error = _refusal(hand_in_accept, hand_in=hand_in, grade="A", reviewed_by=admin)
    assert error.code == "already_reviewed"
    assert _messages(error) == ALREADY
    assert StockMovement.objects.filter(reason="hand_in").count() == 1


def test_a_hand_in_checked_already_is_not_rejected(admin):
    product = ProductFactory(stock=0)
    set_rate(product, 10_000)
    hand_in = make_hand_in(product=product, quantity=1)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin)
    error = _refusal(
        hand_in_reject, hand_in=hand_in, reason="kurang rapi", reviewed_by=admin
    )
    assert error.code == "already_reviewed"
    assert _messages(error) == ALREADY
    assert HandIn.objects.get(pk=hand_in.pk).status == HandInStatus.ACCEPTED


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_rejecting_needs_a_reason_on_its_field(admin, reason):
    hand_in = make_hand_in()
    error = _refusal(hand_in_reject, hand_in=hand_in, reason=reason, reviewed_by=admin)
    assert error.error_dict["reason"][0].code == "reason_required"
    assert _messages(error) == {
        "reason": ["Write why, so the member can do better next time."]
    }
    assert HandIn.objects.get(pk=hand_in.pk).status == HandInStatus.SUBMITTED


def test_rejecting_keeps_the_reason_the_reviewer_and_the_moment(admin):
    hand_in = make_hand_in()
    before = timezone.now()
    rejected = hand_in_reject(
        hand_in=hand_in, reason="  tali longgar ", reviewed_by=admin
    )
    assert rejected.status == HandInStatus.REJECTED
    assert rejected.reject_reason == "tali longgar"
    assert rejected.reviewed_by == admin
    assert before <= rejected.reviewed_at <= timezone.now()
