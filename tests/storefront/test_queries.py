"""The shop's pages read a fixed number of queries, whatever the catalog's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Category, Product, Status, Variant

from .shop import published, shop_settings, two_colours

pytestmark = pytest.mark.django_db

MAX_QUERIES = 6


def _catalog(size: int) -> Category:
    """``size`` published products: a few made as the admin does, the rest in bulk."""
    shop_settings()
    first = published(name="Tas Rajut Mawar", featured=True)
    two_colours(name="Dompet Dua Warna", category=first.category)
    category = first.category
    products = Product.objects.bulk_create(
        Product(
            name=f"Gantungan {index}",
            slug=f"gantungan-{index}",
            sku=f"HR-G{index:04d}",
            category=category,
            price=15000 + index,
            status=Status.PUBLISHED,
            featured=index % 50 == 0,
        )
        for index in range(size - 2)
    )
    Variant.objects.bulk_create(
        Variant(product=product, sku=product.sku, stock=index % 3)
        for index, product in enumerate(products)
    )
    return category


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert response["X-Shop-Cache"] == "miss"
    return len(queries)


# Settings, products, their photos, categories (+ the count on a listing, + the
# category of a category page); a product page: settings, product, variants,
# photos, makers.
EXPECTED = {
    "home": 5,
    "listing": 5,
    "category": 6,
    "search": 5,
    "page 2": 5,
    "product": 5,
}


@pytest.mark.parametrize("size", [10, 500])
def test_home_listing_and_product_pages_stay_within_six_queries(client, size):
    category = _catalog(size)
    counts = {
        "home": _queries(client, reverse("shop:home")),
        "listing": _queries(client, reverse("shop:products")),
        "category": _queries(client, reverse("shop:category", args=[category.slug])),
        "search": _queries(
            client, reverse("shop:products") + "?q=gantungan&stok=ready"
        ),
        "page 2": _queries(client, reverse("shop:products") + "?page=2"),
        "product": _queries(
            client,
            reverse(
                "shop:product", args=[Product.objects.get(name="Dompet Dua Warna").slug]
            ),
        ),
    }
    assert max(counts.values()) <= MAX_QUERIES, counts
    # The same at 10 and at 500: nothing grows with the catalog.
    assert counts == EXPECTED, counts
