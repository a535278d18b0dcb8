"""A member's progress page: training's attendance and skills, production's pieces."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from members.roles import Role
from production.services import hand_in_accept, hand_in_reject
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_client(client):
    client.force_login(MemberFactory(role=Role.TRAINER).user)
    return client


def test_progress_shows_accepted_and_rejected_pieces_of_the_month_made(
    trainer_client,
):
    member = MemberFactory(role=Role.MEMBER)
    admin = MemberFactory(role=Role.ADMIN).user
    product = ProductFactory(stock=0)
    set_rate(product, 5000)
    accepted = make_hand_in(member=member, product=product, quantity=7, days_ago=0)
    hand_in_accept(hand_in=accepted, grade="A", reviewed_by=admin)
    rejected = make_hand_in(member=member, product=product, quantity=2, days_ago=0)
    hand_in_reject(hand_in=rejected, reason="Kurang rapi", reviewed_by=admin)
    make_hand_in(member=MemberFactory(role=Role.MEMBER), product=product, quantity=9)

    with translation.override("en"):
        response = trainer_client.get(
            reverse("portal:member-progress", args=[member.pk])
        )

    assert response.status_code == 200
    assert response.context["pieces"] == [
        {
            "month": timezone.localdate().replace(day=1),
            "accepted": 7,
            "rejected": 2,
        }
    ]


def test_progress_of_a_member_without_hand_ins_lists_no_months(trainer_client):
    member = MemberFactory(role=Role.MEMBER)
    response = trainer_client.get(reverse("portal:member-progress", args=[member.pk]))
    assert response.status_code == 200
    assert response.context["pieces"] == []


def test_members_cannot_open_a_progress_page(client):
    member = MemberFactory(role=Role.MEMBER)
    client.force_login(member.user)
    response = client.get(reverse("portal:member-progress", args=[member.pk]))
    assert response.status_code == 403
