"""Stock counts: the message of a count overtaken by a sale, and who booked it."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from catalog.models import StockMovement, StockReason, Variant
from catalog.stock import stock_count, stock_count_many, stock_take
from members.roles import Role
from tests.catalog.factories import ProductFactory, add_variant
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN).user


@pytest.fixture
def variant():
    return ProductFactory(name="Tas Mawar", stock=5).variants.get()


def test_a_count_overtaken_by_a_sale_says_what_changed(variant, admin):
    stock_take(variant_id=variant.pk, quantity=1)  # a sale while counting
    with override("en"), pytest.raises(ValidationError) as caught:
        stock_count(variant=variant, counted=5, note="x", by=admin, expected=5)
    assert caught.value.code == "stock_changed"
    with override("en"):
        assert caught.value.messages == [
            "The stock of Tas Mawar changed from 5 to 4 while you counted (a sale "
            "or a hand-in). Check the count and save again."
        ]
    assert Variant.objects.get(pk=variant.pk).stock == 4
    assert not StockMovement.objects.filter(reason=StockReason.STOCK_COUNT).exists()


def test_counting_several_books_each_difference_by_who_counted(variant, admin):
    other = add_variant(variant.product, option1="Biru", stock=2)
    booked = stock_count_many(
        counts=[(variant, 4), (other, 3)], note=" opname ", by=admin
    )
    assert [(m.variant_id, m.quantity) for m in booked] == [
        (variant.pk, -1),
        (other.pk, 1),
    ]
    for movement in StockMovement.objects.filter(reason=StockReason.STOCK_COUNT):
        assert (movement.created_by, movement.note) == (admin, "opname")
