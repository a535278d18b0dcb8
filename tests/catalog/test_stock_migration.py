"""The data migration books the stock found as opening movements."""

from importlib import import_module

import pytest
from django.apps import apps
from django.db.models import Sum

from catalog.models import StockMovement, StockReason, Variant
from tests.catalog.factories import ProductFactory, add_variant

pytestmark = pytest.mark.django_db

migration = import_module("catalog.migrations.0005_opening_stock_movements")


def stock_before_the_cards(variant, stock: int) -> None:
    """A variant as it was before stock had a history: a bare count."""
    StockMovement.objects.filter(variant=variant).delete()
    Variant.objects.filter(pk=variant.pk).update(stock=stock)


def test_every_variant_with_stock_gets_one_opening_movement_of_its_stock():
    product = ProductFactory(variation1_name="Warna")
    red = product.variants.get()
    blue = add_variant(product, option1="Biru")
    empty = add_variant(product, option1="Hijau")
    stock_before_the_cards(red, 17)
    stock_before_the_cards(blue, 1)

    migration.book_opening_balances(apps, None)

    for variant, stock in ((red, 17), (blue, 1)):
        movement = StockMovement.objects.get(variant=variant)
        assert (movement.reason, movement.quantity, movement.balance_after) == (
            StockReason.OPENING,
            stock,
            stock,
        )
        assert movement.source is None
        assert movement.created_by is None
    # No stock, no movement: a movement of 0 pieces is not allowed.
    assert not StockMovement.objects.filter(variant=empty).exists()
    for variant in Variant.objects.all():
        total = StockMovement.objects.filter(variant=variant).aggregate(
            s=Sum("quantity")
        )["s"]
        assert (total or 0) == variant.stock


def test_running_it_again_books_nothing_twice():
    variant = ProductFactory().variants.get()
    stock_before_the_cards(variant, 4)
    migration.book_opening_balances(apps, None)
    migration.book_opening_balances(apps, None)
    assert StockMovement.objects.filter(variant=variant).count() == 1


def test_admins_may_see_the_cards_and_count_stock():
    from django.contrib.auth.models import Group

    admins = Group.objects.get(name="Pengurus")
    codenames = set(admins.permissions.values_list("codename", flat=True))
    assert {"view_stockmovement", "count_stock"} <= codenames
    for group in Group.objects.exclude(name="Pengurus"):
        assert not group.permissions.filter(codename="count_stock").exists()
