"""The feed check page: why each product is left out or changed, for admins only."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Availability, Variant
from members.roles import Role
from storefront.feeds import checks
from storefront.feeds.common import Links, feed_products
from storefront.feeds.google import google_items
from storefront.feeds.meta import meta_rows
from storefront.feeds.shopee import shopee_rows
from tests.catalog.factories import add_variant
from tests.members.factories import MemberFactory
from tests.storefront.test_feeds_helpers import in_two_colours, published

pytestmark = pytest.mark.django_db

CHECK_URL = reverse("shop-admin:feed-check")


@pytest.fixture
def admin_client(client):
    client.force_login(MemberFactory(role=Role.ADMIN).user)
    return client


def problems(product) -> dict[str, list[checks.Problem]]:
    (product,) = [p for p in feed_products() if p.pk == product.pk]
    template = checks.shopee_template()
    return {
        "meta": checks.meta_check(product).problems,
        "google": checks.google_check(product).problems,
        "shopee": checks.shopee_check(product, template).problems,
    }


def messages(found, level=None) -> str:
    return " | ".join(p.message for p in found if level is None or p.level == level)


def without_variant():
    product = published(name="Tanpa Varian", stock=0)
    Variant.objects.filter(product=product).delete()
    return product


BROKEN = {
    # name: (make it, {feed: text of the problem}, left out?)
    "no photo": (
        lambda: published(name="Tanpa Foto", photos=()),
        {"meta": "no photo", "google": "no photo", "shopee": "no photo"},
        True,
    ),
    "small photo": (
        lambda: published(name="Foto Kecil", photos=((400, 300),)),
        {"google": "No photo is at least 500 × 500 px", "meta": "400 × 300 px"},
        None,
    ),
    "no description": (
        lambda: published(name="Tanpa Deskripsi", description=""),
        {
            "meta": "no description",
            "google": "no description",
            "shopee": "no description",
        },
        True,
    ),
    "no weight": (
        lambda: published(name="Tanpa Berat", weight_grams=None),
        {"shopee": "no weight"},
        True,
    ),
    "no shopee category": (
        lambda: published(name="Tanpa Kategori", shopee_category=False),
        {"shopee": "has no Shopee category id"},
        True,
    ),
    "no variant": (
        without_variant,
        {"meta": "no variant", "google": "no variant", "shopee": "no variant"},
        True,
    ),
    "price 0": (
        lambda: published(name="Gratis", price=0),
        {
            "meta": "price is Rp 0",
            "google": "price is Rp 0",
            "shopee": "Shopee takes prices from",
        },
        True,
    ),
    "long title": (
        lambda: in_two_colours(),
        {
            "google": "more than 150 characters; it is cut",
            "shopee": "longer than 100",
        },
        False,
    ),
    "long preorder": (
        lambda: published(
            name="PO Lama", availability=Availability.PREORDER, lead_time_days=40
        ),
        {"shopee": "longer than Shopee's 30"},
        True,
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_the_check_names_the_problem_of_each_broken_product(case):
    from django.utils import translation

    make, expected, left_out = BROKEN[case]
    product = make()
    with translation.override("en"):  # the texts below are the English ones
        found = problems(product)
    for feed, text in expected.items():
        assert text.lower() in messages(found[feed]).lower(), (feed, found[feed])
        if left_out is not None:
            level = checks.LEFT_OUT if left_out else checks.WARNING
            assert text.lower() in messages(found[feed], level).lower(), feed


def test_a_complete_product_has_no_problem():
    product = published(name="Lengkap")
    assert problems(product) == {"meta": [], "google": [], "shopee": []}


def test_a_product_left_out_by_its_check_is_not_in_that_feed(rf):
    for make, _expected, _left_out in BROKEN.values():
        make()
    several = published(name="Beberapa Varian", variation1_name="Warna")
    several.variants.update(option1="Merah")
    add_variant(several, option1="Biru", price_override=0)
    products = feed_products()
    links = Links(rf.get("/"))
    template = checks.shopee_template()
    in_meta = {row["id"] for row in meta_rows(products, links)}
    in_google = {dict(item)["id"] for item in google_items(products, links)}
    in_shopee = {row["ps_sku_short"] for row in shopee_rows(products, links, template)}
    for product in products:
        for check, included in (
            (checks.meta_check(product), in_meta),
            (checks.google_check(product), in_google),
            (checks.shopee_check(product, template), in_shopee),
        ):
            for variant in product.variants.all():
                assert (variant.sku in included) == check.includes(variant), (
                    check.feed,
                    variant.sku,
                )


def test_the_page_lists_each_broken_product_with_its_problem(admin_client):
    published(name="Tanpa Foto", photos=())
    published(name="Tanpa Berat", weight_grams=None)
    published(name="Lengkap")
    response = admin_client.get(CHECK_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tanpa Foto" in page and "Tanpa Berat" in page
    assert "Lengkap" not in page
    report = response.context["report"]
    assert report.fine_count == 1
    totals = {total.feed: (total.included, total.left_out) for total in report.totals}
    assert totals == {"meta": (2, 1), "google": (2, 1), "shopee": (1, 2)}


def test_the_page_shows_the_three_absolute_feed_urls(admin_client):
    response = admin_client.get(CHECK_URL)
    page = response.content.decode()
    for url in (
        "http://testserver/feed/meta.csv",
        "http://testserver/feed/google.xml",
        "http://testserver/portal/toko/feed/shopee.xlsx",
    ):
        assert f">{url}</textarea>" in page


def test_the_page_uses_the_public_site_url_when_set(admin_client, settings):
    settings.SITE_URL = "https://hirarajut.id"
    page = admin_client.get(CHECK_URL).content.decode()
    assert ">https://hirarajut.id/feed/meta.csv</textarea>" in page


def test_the_page_is_in_indonesian_by_default(admin_client):
    published(name="Tanpa Foto", photos=())
    page = admin_client.get(CHECK_URL).content.decode()
    assert 'lang="id"' in page


def test_the_page_is_for_admins_only(client):
    response = client.get(CHECK_URL)
    assert response.status_code == 302
    assert reverse("members:login") in response["Location"]
    client.force_login(MemberFactory(role=Role.MEMBER).user)
    assert client.get(CHECK_URL).status_code == 403


def test_the_public_feeds_need_no_login(client):
    published()
    assert client.get("/feed/meta.csv").status_code == 200
    assert client.get("/feed/google.xml").status_code == 200
    assert client.post("/feed/meta.csv").status_code == 405


# --- a fixed number of queries, whatever the number of products ----------------


def catalog_of(count: int) -> None:
    for n in range(count):
        product = published(name=f"Produk {n}", variation1_name="Warna")
        product.variants.update(option1="Merah")
        add_variant(product, option1="Biru", stock=1)


def queries_for(client, url: str) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/feed/meta.csv",
        "/feed/google.xml",
        reverse("shop-admin:feed-shopee"),
        CHECK_URL,
    ],
)
def test_queries_do_not_grow_with_the_products(admin_client, url):
    # The public feeds as an anonymous visitor sees them, the rest as an admin.
    who = admin_client if "/portal/" in url else Client()
    catalog_of(2)
    few = queries_for(who, url)
    catalog_of(18)
    assert len(feed_products()) == 20
    assert queries_for(who, url) == few
