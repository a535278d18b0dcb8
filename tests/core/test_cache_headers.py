"""Portal pages are never kept by a browser or proxy; the shop's public pages are."""

import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.middleware import PrivateCacheMiddleware
from members.roles import Role
from tests.catalog.factories import CategoryFactory
from tests.members.factories import MemberFactory
from tests.storefront.shop import published, shop_settings

pytestmark = pytest.mark.django_db

SHOP_NAMESPACES = {"shop", "shop-site"}
PORTAL_PREFIXES = (
    "/portal/",
    "/keuangan/",
    "/produksi/",
    "/pelatihan/",
    "/katalog/",
    "/ekspor/",
    "/admin/",
    "/masuk/",
    "/kata-sandi/",
)


def is_private(response) -> bool:
    words = {word.strip() for word in response["Cache-Control"].split(",")}
    return {"private", "no-store"} <= words and "public" not in words


def is_public(response) -> bool:
    return (
        re.fullmatch(
            r"(max-age=\d+, )?public(, max-age=\d+)?(, immutable)?",
            response["Cache-Control"],
        )
        is not None
    )


def plain_paths(patterns=None, prefix="", namespaces=()):
    """Every address without a parameter, with the namespaces it sits in."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        route = str(entry.pattern)
        if "<" in route or "(" in route or "^" in route or "$" in route:
            continue
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from plain_paths(entry.url_patterns, prefix + route, inner)
        elif isinstance(entry, URLPattern):
            yield "/" + prefix + route, set(namespaces)


@pytest.fixture
def pengurus_client(client):
    pengurus = MemberFactory(role=Role.ADMIN, username="pengurus")
    client.force_login(pengurus.user)
    return client


def test_every_plain_portal_page_is_private_for_a_logged_in_admin(
    pengurus_client, admin_client
):
    checked = []
    for path, namespaces in plain_paths():
        if namespaces & SHOP_NAMESPACES:
            continue
        client = admin_client if path.startswith("/admin/") else pengurus_client
        response = client.get(path)
        assert is_private(response), (path, response.get("Cache-Control"))
        checked.append(path)
    for prefix in PORTAL_PREFIXES:
        assert any(path.startswith(prefix) for path in checked), prefix


@pytest.mark.parametrize(
    "name",
    ["portal:home", "portal:my-history", "members:profile", "members:password-change"],
)
def test_portal_pages_of_a_member_are_private(client, name):
    member = MemberFactory()
    client.force_login(member.user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_the_login_page_and_the_redirect_to_it_are_private(client):
    assert is_private(client.get(reverse("members:login")))
    redirect = client.get(reverse("portal:home"))
    assert redirect.status_code == 302
    assert redirect["Cache-Control"] == "private, no-store"


def test_a_page_that_is_not_there_is_private(client):
    response = client.get("/portal/tidak-ada/")
    assert response.status_code == 404
    assert response["Cache-Control"] == "private, no-store"


def test_the_lockout_page_is_private(client):
    member = MemberFactory()
    for _ in range(5):
        response = client.post(
            reverse("members:login"),
            {"username": member.user.username, "password": "salah-sandi"},
        )
    assert response.status_code == 429
    assert response["Cache-Control"] == "private, no-store"


@pytest.fixture
def shop():
    shop_settings()
    category = CategoryFactory(slug="tas")
    product = published(name="Tas Rajut Mawar", slug="tas-mawar", category=category)
    return product, category


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/produk/",
        "/produk/tas-mawar/",
        "/kategori/tas/",
        "/tentang/",
        "/kontak/",
        "/en/",
        "/en/produk/tas-mawar/",
        "/robots.txt",
        "/sitemap.xml",
        "/feed/meta.csv",
        "/feed/google.xml",
        "/static/bootstrap/css/bootstrap.min.css",
    ],
)
def test_public_shop_pages_keep_their_public_caching(client, shop, path):
    first = client.get(path)
    assert first.status_code == 200, path
    assert is_public(first), (path, first["Cache-Control"])
    # Also when served from the shop's cache.
    assert is_public(client.get(path)), path


def test_the_order_form_keeps_its_own_never_cache(client, shop):
    product, _category = shop
    variant = product.variants.get()
    response = client.get(reverse("shop:order", args=[variant.pk]))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_middleware_leaves_a_response_that_names_its_own_caching():
    kept = HttpResponse()
    kept["Cache-Control"] = "public, max-age=60"
    middleware = PrivateCacheMiddleware(lambda request: kept)
    assert (
        middleware(RequestFactory().get("/"))["Cache-Control"] == "public, max-age=60"
    )


def test_middleware_marks_a_response_without_caching_private():
    middleware = PrivateCacheMiddleware(lambda request: HttpResponse())
    response = middleware(RequestFactory().get("/"))
    assert response["Cache-Control"] == "private, no-store"


def test_a_shop_page_seen_by_a_logged_in_admin_is_private(pengurus_client, shop):
    # Rendered for her alone, as it is this moment: nobody else keeps it.
    response = pengurus_client.get("/produk/tas-mawar/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
