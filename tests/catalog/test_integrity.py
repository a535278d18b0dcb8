"""The stock checks of ``check_integrity`` find stock broken behind the services."""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from catalog.integrity import (
    check_stock_card_balance,
    check_stock_matches_movements,
    check_stock_not_negative,
)
from catalog.models import StockMovement, Variant
from catalog.stock import stock_count, stock_take
from tests.catalog.factories import ProductFactory, add_variant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The figures and names read the same whatever the catalogue says."""
    with translation.override("en"):
        yield


CHECKS = (
    check_stock_matches_movements,
    check_stock_not_negative,
    check_stock_card_balance,
)


@contextmanager
def check_constraints_off(model):
    """Raw writes to ``model``'s table that its CHECK constraints would refuse.

    As a hand edit in a database tool could; undone with the test's transaction.
    """
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA ignore_check_constraints = ON")
            try:
                yield cursor
            finally:
                cursor.execute("PRAGMA ignore_check_constraints = OFF")
            return
        # PostgreSQL alters no table with foreign-key checks still pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT conname FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'c'",
            [table],
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        yield cursor


@pytest.fixture
def stocked(db):
    """Variants moved through the stock services: opening, sale, count."""
    bag = ProductFactory(sku="HR-001", stock=5)
    red = add_variant(bag, sku="HR-001-2", option1="Merah", stock=3)
    stock_take(variant_id=bag.variants.get(sku="HR-001").pk, quantity=2)
    stock_count(variant=red, counted=4, note="stok opname", by=None)
    ProductFactory(sku="HR-002", stock=0)
    return Variant.objects.get(sku="HR-001")


def test_stock_moved_by_the_services_passes_every_check(stocked):
    assert [check() for check in CHECKS] == [[], [], []]


def test_stock_changed_behind_the_services_is_named_with_its_figures(stocked):
    Variant.objects.filter(pk=stocked.pk).update(stock=7)

    assert check_stock_matches_movements() == [
        "Variant HR-001: stock 7, its movements add up to 3."
    ]
    assert check_stock_card_balance() == [
        "Variant HR-001: stock 7, the last line of its stock card says 3."
    ]


def test_a_deleted_movement_is_found(stocked):
    taken = StockMovement.objects.filter(variant=stocked, quantity=-2)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {StockMovement._meta.db_table} WHERE id = %s",
            [taken.get().pk],
        )

    assert check_stock_matches_movements() == [
        "Variant HR-001: stock 3, its movements add up to 5."
    ]


def test_stock_without_any_movement_is_found(stocked):
    Variant.objects.filter(sku="HR-002").update(stock=4)

    assert check_stock_matches_movements() == [
        "Variant HR-002: stock 4, its movements add up to 0."
    ]


def test_a_negative_stock_is_named(stocked):
    with check_constraints_off(Variant) as cursor:
        cursor.execute(
            f"UPDATE {Variant._meta.db_table} SET stock = -2 WHERE id = %s",
            [stocked.pk],
        )

    assert check_stock_not_negative() == ["Variant HR-001: stock is below 0 (-2)."]
    assert "Variant HR-001: stock -2, its movements add up to 3." in (
        check_stock_matches_movements()
    )


def _queries(check) -> int:
    with CaptureQueriesContext(connection) as queries:
        check()
    return len(queries)


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
def test_a_check_needs_the_same_queries_for_many_variants(check):
    ProductFactory(stock=2)
    few = _queries(check)
    for _ in range(30):
        product = ProductFactory(stock=3)
        stock_take(variant_id=product.variants.get().pk, quantity=1)
    Variant.objects.update(stock=9)  # every variant in trouble

    assert _queries(check) == few == 1
