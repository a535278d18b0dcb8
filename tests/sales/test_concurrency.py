"""Twenty buyers for the last five pieces, all posting at once (PostgreSQL).

``sale_post`` takes the stock before the number, so the posts really race on the
stock: were they lined up on the number sequence first, a read-check-write of
the stock would pass this test too.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from catalog.models import StockMovement, StockReason, Variant
from members.roles import Role
from sales.models import EntryStatus, Sale
from sales.services import LineInput, sale_create, sale_post
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BUYERS = 20
PIECES = 5


def test_twenty_buyers_for_five_pieces_sell_exactly_five(role_groups):
    admin = MemberFactory(role=Role.ADMIN).user
    product = ProductFactory(stock=PIECES)
    variant = product.variants.get()
    drafts = [
        sale_create(
            date=timezone.localdate(),
            channel="shopee",
            lines=[LineInput(variant_id=variant.pk, quantity=1)],
            recorded_by=admin,
        )
        for _ in range(BUYERS)
    ]
    start = threading.Barrier(BUYERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def buy(sale):
        try:
            start.wait(timeout=20)
            sale_post(sale=sale, posted_by=admin)
            result = "sold"
        except ValidationError as error:
            result = error.code
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=buy, args=(sale,)) for sale in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert outcomes.count("sold") == PIECES
    assert outcomes.count("insufficient_stock") == BUYERS - PIECES
    assert Variant.objects.get(pk=variant.pk).stock == 0
    assert Sale.objects.filter(status=EntryStatus.POSTED).count() == PIECES
    numbers = list(
        Sale.objects.filter(status=EntryStatus.POSTED).values_list("number", flat=True)
    )
    assert len(set(numbers)) == PIECES
    taken = StockMovement.objects.filter(
        variant=variant, reason=StockReason.SALE_POSTED
    )
    assert taken.count() == PIECES
    assert set(taken.values_list("source_id", flat=True)) == set(
        Sale.objects.filter(status=EntryStatus.POSTED).values_list("pk", flat=True)
    )
