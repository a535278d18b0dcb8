"""The demo data keeps its stock cards as real use does."""

import pytest
from django.core.management import call_command
from django.db.models import Sum

from catalog.models import StockMovement, StockReason, Variant

pytestmark = pytest.mark.django_db


def test_seeded_stock_equals_the_sum_of_its_movements(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    booked = dict(
        StockMovement.objects.values("variant_id")
        .annotate(total=Sum("quantity"))
        .values_list("variant_id", "total")
    )
    variants = list(Variant.objects.values_list("pk", "stock"))
    assert variants
    for pk, stock in variants:
        assert stock >= 0
        assert booked.get(pk, 0) == stock
    reasons = set(StockMovement.objects.values_list("reason", flat=True))
    assert {StockReason.OPENING, StockReason.SALE_POSTED} <= reasons
