"""Undo against a second undo, and against the sale of the same pieces (PostgreSQL)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from catalog.models import Variant
from catalog.stock import stock_take
from members.roles import Role
from production.models import HandIn, HandInStatus
from production.services import hand_in_accept, hand_in_undo_review
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_at_once(*actions) -> list[str]:
    start = threading.Barrier(len(actions))
    outcomes: list[str] = []

    def run(action):
        try:
            start.wait(timeout=10)
            outcomes.append(action())
        except ValidationError as error:
            outcomes.append(f"refused:{error.code}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def test_two_admins_undoing_at_once_take_stock_out_once(role_groups):
    product = ProductFactory(stock=1)
    set_rate(product, 15_000)
    hand_in = make_hand_in(product=product, quantity=3)
    admins = [MemberFactory(role=Role.ADMIN).user for _ in range(2)]
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admins[0])

    def undo(user):
        def action():
            copy = HandIn.objects.get(pk=hand_in.pk)
            hand_in_undo_review(hand_in=copy, undone_by=user)
            return "undone"

        return action

    outcomes = run_at_once(undo(admins[0]), undo(admins[1]))
    assert outcomes == ["refused:not_reviewed", "undone"]
    assert Variant.objects.get(product=product).stock == 1
    assert HandIn.objects.get(pk=hand_in.pk).status == HandInStatus.SUBMITTED


def test_undo_and_a_sale_of_the_last_pieces_never_go_below_zero(role_groups):
    product = ProductFactory(stock=0)
    set_rate(product, 15_000)
    hand_in = make_hand_in(product=product, quantity=3)
    admin = MemberFactory(role=Role.ADMIN).user
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin)

    def undo():
        hand_in_undo_review(hand_in=HandIn.objects.get(pk=hand_in.pk), undone_by=admin)
        return "undone"

    def sell():
        stock_take(variant_id=hand_in.variant_id, quantity=3)
        return "sold"

    outcomes = run_at_once(undo, sell)
    stock = Variant.objects.get(product=product).stock
    assert stock == 0
    status = HandIn.objects.get(pk=hand_in.pk).status
    if "undone" in outcomes:
        assert outcomes == ["refused:insufficient_stock", "undone"]
        assert status == HandInStatus.SUBMITTED
    else:
        assert outcomes == ["refused:undo_stock_sold", "sold"]
        assert status == HandInStatus.ACCEPTED
