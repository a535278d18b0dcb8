"""Choosing the product to hand in: her recent ones first, the rest page by page."""

import gzip
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from catalog.models import Category, Product, Status, Variant
from members.roles import Role
from production.models import HandIn
from production.views.hand_ins import CHOOSER_PAGE_SIZE, CHOOSER_RECENT
from tests.catalog.factories import ProductFactory, add_photo
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in

pytestmark = pytest.mark.django_db

URL = reverse("production:submit-choose")
# Session, user, member profile, roles; her recent products; the page's count
# and products; one photo each for all tiles.
CHOOSER_QUERIES = 8


@pytest.fixture
def member():
    return MemberFactory(role=Role.MEMBER)


@pytest.fixture
def member_client(client, member):
    client.force_login(member.user)
    return client


def many_products(count: int, *, start: int = 0) -> None:
    """``count`` products still made, in bulk: one category, one variant each."""
    category, _ = Category.objects.get_or_create(slug="tas", defaults={"name": "Tas"})
    products = Product.objects.bulk_create(
        Product(
            name=f"Produk {n:04d}",
            slug=f"produk-{n:04d}",
            sku=f"HR-P{n:04d}",
            category=category,
            price=150_000,
            status=Status.PUBLISHED if n % 2 else Status.DRAFT,
        )
        for n in range(start, start + count)
    )
    Variant.objects.bulk_create(Variant(product=p, sku=p.sku) for p in products)


def tile_links(page: str, marker: str) -> list[str]:
    """The product links of the tile list marked ``data-<marker>``, in order."""
    match = re.search(rf"<ul[^>]*data-{marker}[^>]*>(.*?)</ul>", page, re.S)
    if match is None:
        return []
    return re.findall(r'class="product-tile" href="([^"]+)"', match.group(1))


def submit_url(product) -> str:
    return reverse("production:submit", args=[product.pk])


def get_page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


# Light at any size ------------------------------------------------------------


def with_recent_and_photos(member):
    """Two of her recent products and photos on some tiles: every query runs."""
    for name in ("Tas Baru Disetor", "Dompet Baru Disetor"):
        product = ProductFactory(name=name, stock=0)
        add_photo(product, width=64, height=48)
        make_hand_in(member=member, product=product)
    add_photo(Product.objects.order_by("category__position", "name").first())


def test_chooser_makes_the_same_queries_at_10_and_500_products(member_client, member):
    many_products(10)
    with_recent_and_photos(member)
    few = count_queries(member_client)
    many_products(490, start=10)
    assert count_queries(member_client) == few == CHOOSER_QUERIES


def test_chooser_at_500_products_shows_one_page_and_stays_small(member_client, member):
    many_products(500)
    with_recent_and_photos(member)
    page = get_page(member_client)
    assert len(tile_links(page, "products")) == CHOOSER_PAGE_SIZE
    assert len(gzip.compress(page.encode())) <= 30 * 1024


# Her own first ----------------------------------------------------------------


def test_her_recent_products_come_first_newest_first(member_client, member):
    many_products(30)
    older = ProductFactory(name="Zz Syal Lama", stock=0)
    newer = ProductFactory(name="Zz Topi Baru", stock=0)
    make_hand_in(member=member, product=older)
    make_hand_in(member=member, product=newer)
    HandIn.objects.filter(product=older).update(
        submitted_at=timezone.now() - timedelta(days=3)
    )
    page = get_page(member_client)
    assert tile_links(page, "recent") == [submit_url(newer), submit_url(older)]
    assert page.index("data-recent") < page.index("data-products")
    assert gettext("Recently handed in by you") in page
    # Not twice on the page.
    assert submit_url(newer) not in tile_links(page, "products")


def test_another_members_hand_ins_are_not_her_recent_products(member_client):
    other = ProductFactory(name="Tas Milik Lain", stock=0)
    make_hand_in(product=other)
    page = get_page(member_client)
    assert tile_links(page, "recent") == []
    assert submit_url(other) in tile_links(page, "products")


def test_recent_products_show_only_the_last_few_and_never_archived(
    member_client, member
):
    made = [ProductFactory(stock=0) for _ in range(CHOOSER_RECENT + 2)]
    for product in made:
        make_hand_in(member=member, product=product)
    archived = made[-1]
    archived.status = Status.ARCHIVED
    archived.save(update_fields=["status"])
    recent = tile_links(get_page(member_client), "recent")
    assert len(recent) == CHOOSER_RECENT
    assert submit_url(archived) not in recent


def test_a_search_looks_through_all_products_and_leaves_out_recent(
    member_client, member
):
    bag = ProductFactory(name="Tas Selempang", stock=0)
    make_hand_in(member=member, product=bag)
    page = get_page(member_client, q="selempang")
    assert tile_links(page, "recent") == []
    assert tile_links(page, "products") == [submit_url(bag)]


# A page at a time ---------------------------------------------------------------


def test_page_two_shows_the_next_products_and_no_recent(member_client, member):
    many_products(CHOOSER_PAGE_SIZE + 5)
    make_hand_in(member=member, product=ProductFactory(name="Zz Tas", stock=0))
    first = get_page(member_client)
    second = get_page(member_client, page=2)
    ordered = Product.objects.exclude(name="Zz Tas").order_by("name")
    assert tile_links(first, "products") == [
        submit_url(p) for p in ordered[:CHOOSER_PAGE_SIZE]
    ]
    assert tile_links(second, "products") == [
        submit_url(p) for p in ordered[CHOOSER_PAGE_SIZE:]
    ]
    assert tile_links(second, "recent") == []
    assert 'href="?page=1"' in second


def test_the_next_page_link_keeps_the_search(member_client):
    many_products(CHOOSER_PAGE_SIZE + 3)
    page = get_page(member_client, q="produk")
    assert 'href="?q=produk&amp;page=2"' in page
    second = get_page(member_client, q="produk", page=2)
    assert len(tile_links(second, "products")) == 3
    assert 'value="produk"' in second


def test_a_page_past_the_end_shows_the_last_one(member_client):
    many_products(CHOOSER_PAGE_SIZE + 1)
    page = get_page(member_client, page=99)
    assert len(tile_links(page, "products")) == 1


# Right-sized tiles ---------------------------------------------------------------


def test_tiles_offer_no_photo_wider_than_320(member_client):
    product = ProductFactory(name="Tas Foto Besar", stock=0)
    add_photo(product, width=1600, height=1200)
    page = get_page(member_client)
    tile = re.search(r'<a class="product-tile".*?</a>', page, re.S).group(0)
    srcsets = re.findall(r'srcset="([^"]*)"', tile)
    assert srcsets
    assert all("640w" not in s and "1280w" not in s for s in srcsets)
    assert any("320w" in s for s in srcsets)


def render_photo_img(photo, extra=""):
    template = Template("{% load core_tags %}{% photo_img photo " + extra + " %}")
    return template.render(Context({"photo": photo}))


def test_photo_img_without_a_limit_still_offers_every_size():
    photo = add_photo(ProductFactory(stock=0), width=1600, height=1200)
    html = render_photo_img(photo)
    assert re.search(r'<source type="image/webp" srcset="[^"]*640w[^"]*1280w', html)
    assert re.search(r'<img src="[^"]+" srcset="[^"]+ 640w" sizes=', html)


def test_photo_img_limit_keeps_the_smallest_when_none_fits():
    photo = add_photo(ProductFactory(stock=0), width=1600, height=1200)
    html = render_photo_img(photo, "max_width=100")
    (srcset,) = re.findall(r'<source[^>]*srcset="([^"]*)"', html)
    assert srcset.endswith(" 320w")
    assert "," not in srcset
