"""The portal's product list for admins: search, filters, pages, links."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from catalog.menu import admin_actions
from catalog.models import Status
from catalog.views import PRODUCT_LIST_PAGE_SIZE
from members.roles import Role
from tests.catalog.factories import (
    CategoryFactory,
    ProductFactory,
    add_photo,
    add_variant,
)
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

URL = reverse("catalog:product-list")


def t(message: str) -> str:
    """A message as the (Indonesian) page shows it."""
    with translation.override("id"):
        return gettext(message)


@pytest.fixture
def admin_client(client):
    client.force_login(MemberFactory(role=Role.ADMIN).user)
    return client


def names(response) -> list[str]:
    return [product.name for product in response.context["page"]]


def test_address_is_katalog_produk():
    assert URL == "/katalog/produk/"


def test_anonymous_visitor_logs_in_first(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("members:login") in response["Location"]


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_other_roles_are_refused(client, role):
    client.force_login(MemberFactory(role=role).user)
    assert client.get(URL).status_code == 403


def test_row_shows_photo_name_sku_price_status_stock_and_links(admin_client):
    product = ProductFactory(
        name="Tas Mawar", sku="HR-MWR", price=175000, stock=4, variation1_name="Warna"
    )
    product.variants.update(option1="Merah")
    second = add_variant(product, option1="Biru", stock=3)
    add_photo(product, alt_text="Tas mawar merah")
    add_photo(product, alt_text="Tas mawar dari samping")

    response = admin_client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tas Mawar" in html
    assert "HR-MWR" in html
    assert "Rp 175.000" in html
    assert product.get_status_display() in html
    row = response.context["page"][0]
    assert row.total_stock == 7
    # Only the main photo, in its small rendition.
    assert [photo.alt_text for photo in row.main_photos] == ["Tas mawar merah"]
    assert 'alt="Tas mawar merah"' in html
    assert "Tas mawar dari samping" not in html
    assert ' 320w"' in html or " 320w," in html
    assert "25vw" in html
    assert product.get_absolute_url() in html
    assert product.get_photos_url() in html
    for variant in (product.variants.get(option1="Merah"), second):
        assert variant.get_stock_card_url() in html


def test_product_without_photo_says_so(admin_client):
    ProductFactory(name="Dompet Kecil")
    response = admin_client.get(URL)
    assert t("No photo") in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["mawar", "HR-MWR", "hr-mwr-2", "katun", "marun"],
    ids=["name", "sku", "variant-sku", "material", "colour"],
)
def test_search_by_name_sku_material_colour(admin_client, query):
    product = ProductFactory(
        name="Tas Mawar", sku="HR-MWR", materials="Benang katun", colours="Merah marun"
    )
    add_variant(product, sku="HR-MWR-2", option1="Biru")
    ProductFactory(name="Topi Bayi", sku="HR-TOP", materials="Wol", colours="Kuning")
    response = admin_client.get(URL, {"q": query})
    assert names(response) == ["Tas Mawar"]


def test_filter_by_category_and_status(admin_client):
    bags, hats = CategoryFactory(slug="tas"), CategoryFactory(slug="topi")
    ProductFactory(name="Tas Draf", category=bags, status=Status.DRAFT)
    ProductFactory(name="Tas Arsip", category=bags, status=Status.ARCHIVED)
    ProductFactory(name="Topi Draf", category=hats, status=Status.DRAFT)

    assert names(admin_client.get(URL, {"kategori": "tas"})) == [
        "Tas Arsip",
        "Tas Draf",
    ]
    assert names(admin_client.get(URL, {"status": "draft"})) == [
        "Tas Draf",
        "Topi Draf",
    ]
    assert names(admin_client.get(URL, {"kategori": "tas", "status": "archived"})) == [
        "Tas Arsip"
    ]


def test_published_filter(admin_client):
    product = ProductFactory(name="Tas Terbit")
    add_photo(product)
    product.status = Status.PUBLISHED
    product.save()
    ProductFactory(name="Tas Draf")
    assert names(admin_client.get(URL, {"status": "published"})) == ["Tas Terbit"]


@pytest.mark.parametrize(
    "params",
    [
        {"status": "dijual"},
        {"kategori": "tidak-ada"},
        {"q": "x" * 101},
        {"status": "dijual", "kategori": "tidak-ada"},
    ],
    ids=["status", "category", "long-search", "both"],
)
def test_bad_filter_values_are_ignored_with_a_message(admin_client, params):
    ProductFactory(name="Tas Mawar")
    ProductFactory(name="Topi Bayi")
    response = admin_client.get(URL, params)
    assert response.status_code == 200
    assert names(response) == ["Tas Mawar", "Topi Bayi"]
    shown = [str(message) for message in response.context["messages"]]
    assert len(shown) == 1
    assert t("Not understood, so ignored: %(filters)s.").split("%")[0] in shown[0]


def test_bad_value_ignored_good_one_kept(admin_client):
    CategoryFactory(slug="tas")
    ProductFactory(name="Tas Mawar", category=CategoryFactory(slug="tas"))
    ProductFactory(name="Topi Bayi")
    response = admin_client.get(URL, {"kategori": "tas", "status": "dijual"})
    assert names(response) == ["Tas Mawar"]
    form = response.context["form"]
    assert form["kategori"].value() == "tas"
    assert not form["status"].value()


def test_good_filters_give_no_message(admin_client):
    ProductFactory(name="Tas Mawar")
    response = admin_client.get(URL, {"q": "mawar", "status": "", "kategori": ""})
    assert list(response.context["messages"]) == []
    assert names(response) == ["Tas Mawar"]


def test_pages_of_25_keep_the_filter(admin_client):
    for number in range(PRODUCT_LIST_PAGE_SIZE + 2):
        ProductFactory(name=f"Tas {number:02d}")
    ProductFactory(name="Topi Bayi")
    assert PRODUCT_LIST_PAGE_SIZE == 25

    first = admin_client.get(URL, {"q": "tas"})
    assert len(names(first)) == 25
    html = first.content.decode()
    assert "?q=tas&amp;page=2" in html

    second = admin_client.get(URL, {"q": "tas", "page": 2})
    assert names(second) == ["Tas 25", "Tas 26"]
    # A page number that does not exist shows a page, not an error.
    assert admin_client.get(URL, {"page": "abc"}).status_code == 200
    assert admin_client.get(URL, {"page": 99}).status_code == 200


def make_products(count: int) -> None:
    for _ in range(count):
        product = ProductFactory(stock=2)
        add_variant(product, option1="Biru", stock=1)
        add_photo(product)


def test_query_count_is_the_same_for_2_and_30_products(admin_client):
    make_products(2)
    admin_client.get(URL)  # fills the per-process caches once
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(URL).status_code == 200
    make_products(28)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(URL)
    assert len(response.context["page"]) == 25
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_home_action_for_admins():
    [products] = admin_actions()
    assert products.url == URL


def test_product_page_links_back_to_the_list(admin_client):
    product = ProductFactory()
    html = admin_client.get(product.get_absolute_url()).content.decode()
    assert f'href="{URL}"' in html
