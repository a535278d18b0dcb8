"""Two admins accepting the same hand-in at the same moment (PostgreSQL)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from catalog.models import Variant
from members.roles import Role
from production.models import HandIn, HandInStatus
from production.services import hand_in_accept
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_admins_accepting_at_once_add_stock_once(role_groups):
    product = ProductFactory(stock=1)
    set_rate(product, 15_000)
    hand_in = make_hand_in(product=product, quantity=3)
    admins = [MemberFactory(role=Role.ADMIN).user for _ in range(2)]
    start = threading.Barrier(len(admins))
    outcomes: list[str] = []

    def accept(user):
        try:
            copy = HandIn.objects.get(pk=hand_in.pk)
            start.wait(timeout=10)
            hand_in_accept(hand_in=copy, grade="A", reviewed_by=user)
            outcomes.append("accepted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(user,)) for user in admins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["accepted", "refused"]
    assert Variant.objects.get(product=product).stock == 4
    assert HandIn.objects.get(pk=hand_in.pk).status == HandInStatus.ACCEPTED
