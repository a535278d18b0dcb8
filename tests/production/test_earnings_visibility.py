"""What a member earns is shown to her and to the admins, never to trainers."""

import pytest
from django.urls import reverse

from members.roles import Role
from production.services import hand_in_accept
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db

RATE = "Rp 12.500"  # the rate per piece
EARNED = "Rp 37.500"  # three pieces at that rate


@pytest.fixture
def member():
    return MemberFactory(role=Role.MEMBER)


@pytest.fixture
def product():
    product = ProductFactory(stock=0)
    set_rate(product, 12500)
    return product


@pytest.fixture
def waiting(member, product):
    return make_hand_in(member=member, product=product, quantity=3)


@pytest.fixture
def accepted(waiting):
    return hand_in_accept(
        hand_in=waiting,
        grade="A",
        reviewed_by=MemberFactory(role=Role.ADMIN).user,
    )


def detail_page(client, user, hand_in) -> str:
    client.force_login(user)
    response = client.get(reverse("production:hand-in-detail", args=[hand_in.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_trainer_does_not_see_what_an_accepted_hand_in_earned(client, accepted):
    page = detail_page(client, MemberFactory(role=Role.TRAINER).user, accepted)
    assert "Rp " not in page
    assert "alert-success" in page  # she still sees that it was accepted


def test_trainer_does_not_see_the_rate_of_a_waiting_hand_in(client, waiting):
    page = detail_page(client, MemberFactory(role=Role.TRAINER).user, waiting)
    assert "Rp " not in page


def test_member_sees_what_her_accepted_hand_in_earned(client, member, accepted):
    assert EARNED in detail_page(client, member.user, accepted)


def test_member_sees_the_rate_of_her_waiting_hand_in(client, member, waiting):
    assert RATE in detail_page(client, member.user, waiting)


def test_admin_sees_what_an_accepted_hand_in_earned(client, accepted):
    page = detail_page(client, MemberFactory(role=Role.ADMIN).user, accepted)
    assert EARNED in page


def test_admin_sees_the_rate_of_a_waiting_hand_in(client, waiting):
    page = detail_page(client, MemberFactory(role=Role.ADMIN).user, waiting)
    assert RATE in page


def test_trainer_sees_what_her_own_hand_in_earned(client, product):
    trainer = MemberFactory(role=Role.TRAINER)
    own = make_hand_in(member=trainer, product=product, quantity=3)
    hand_in_accept(
        hand_in=own, grade="B", reviewed_by=MemberFactory(role=Role.ADMIN).user
    )
    assert EARNED in detail_page(client, trainer.user, own)


def test_trainer_cannot_open_the_review_page(client):
    client.force_login(MemberFactory(role=Role.TRAINER).user)
    assert client.get(reverse("production:review")).status_code == 403
