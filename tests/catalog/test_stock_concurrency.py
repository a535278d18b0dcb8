"""Twenty takers for the last five pieces, straight through the stock service.

PostgreSQL only: SQLite runs one writer at a time, so it cannot show the race.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Sum

from catalog.models import StockMovement, StockReason, Variant
from catalog.stock import stock_count, stock_take
from tests.catalog.factories import ProductFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TAKERS = 20
PIECES = 5


def run_at_once(work, count: int) -> list[str]:
    """Run ``work()`` in ``count`` threads released together; their outcomes."""
    start = threading.Barrier(count)
    outcomes: list[str] = []
    lock = threading.Lock()

    def run():
        try:
            start.wait(timeout=20)
            work()
            result = "done"
        except ValidationError as error:
            result = error.code
        except Exception as error:  # a deadlock or any surprise fails the test
            result = repr(error)
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_twenty_takers_for_five_pieces_take_exactly_five():
    variant = ProductFactory(stock=PIECES).variants.get()

    outcomes = run_at_once(
        lambda: stock_take(variant_id=variant.pk, quantity=1), TAKERS
    )

    assert outcomes.count("done") == PIECES, outcomes
    assert outcomes.count("insufficient_stock") == TAKERS - PIECES, outcomes
    assert Variant.objects.get(pk=variant.pk).stock == 0
    taken = StockMovement.objects.filter(
        variant=variant, reason=StockReason.SALE_POSTED
    )
    assert taken.count() == PIECES
    # Each taker saw its own balance: 4, 3, 2, 1, 0 once each.
    assert sorted(taken.values_list("balance_after", flat=True)) == [0, 1, 2, 3, 4]
    total = StockMovement.objects.filter(variant=variant).aggregate(s=Sum("quantity"))
    assert total["s"] == 0


def test_a_stock_count_among_sales_sets_exactly_the_counted_pieces():
    variant = ProductFactory(stock=10).variants.get()
    jobs = iter(["count"] + ["take"] * 9)
    jobs_lock = threading.Lock()

    def work():
        with jobs_lock:
            job = next(jobs)
        if job == "count":
            stock_count(
                variant=Variant(pk=variant.pk), counted=20, note="opname", by=None
            )
        else:
            stock_take(variant_id=variant.pk, quantity=1)

    outcomes = run_at_once(work, 10)

    assert outcomes.count("done") == 10, outcomes
    movements = list(StockMovement.objects.filter(variant=variant).order_by("id"))
    # The card reads top to bottom: each balance is the one before plus the change.
    balance = 0
    for movement in movements:
        balance += movement.quantity
        assert movement.balance_after == balance
    count = next(m for m in movements if m.reason == StockReason.STOCK_COUNT)
    # Whatever sold before the count, right after it there were exactly 20.
    assert count.balance_after == 20
    assert (
        Variant.objects.get(pk=variant.pk).stock
        == balance
        == 20 - sum(1 for m in movements[movements.index(count) + 1 :])
    )
