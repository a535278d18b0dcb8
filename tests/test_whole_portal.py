"""Whole-portal checks, over every URL pattern: a new page is checked the day it exists.

1. Every portal page sends an anonymous visitor to the login page (a POST-only page
   answers a GET with 405 and sends the POST to the login page).
2. Every address that names an object gives nothing to those who may not see it:
   another member, a trainer (for the admin's data) and an anonymous visitor; nor do
   the admin's own sections (money, exports, the shop's back office, the catalogue,
   the admin site) to a trainer or a member.
3. Every page that takes a POST refuses one without a CSRF token and changes nothing.
"""

from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.conftest import with_token
from tests.portal_urls import (
    ADMIN_OBJECTS,
    ANONYMOUS,
    ID_TARGETS,
    OTHER_MEMBER,
    TRAINER,
    World,
    admin_model,
    all_routes,
    id_routes,
    portal_routes,
    post_routes,
    url_for,
)

pytestmark = pytest.mark.django_db


def _login_path() -> str:
    return reverse(settings.LOGIN_URL)


def ends_at_login(response, route, client=None) -> bool:
    """A redirect to the portal's login page, or the admin site's for its pages.

    With ``client``, the portal's own moved addresses are followed first.
    """
    for _hop in range(3):
        if response.status_code not in (301, 302):
            return False
        where = urlsplit(response["Location"]).path
        if where == _login_path() or (
            route.namespace == "admin" and where == reverse("admin:login")
        ):
            return response.status_code == 302
        if client is None:
            return False
        response = client.get(response["Location"])
    return False


def _ids(routes):
    return [route.label for route in routes]


# 1. Anonymous visitors ------------------------------------------------------------


ANONYMOUS_ROUTES = portal_routes()


@pytest.mark.parametrize("route", ANONYMOUS_ROUTES, ids=_ids(ANONYMOUS_ROUTES))
def test_an_anonymous_visitor_of_a_portal_page_is_sent_to_log_in(client, route):
    url, _target = url_for(route, World())

    response = client.get(url)

    if route.methods is not None and "GET" not in route.methods:
        # A POST-only page: refused for its method, before anything is shown.
        assert response.status_code == 405, (route.label, response.status_code)
        response = client.post(url, with_token())
    assert ends_at_login(response, route, client), (
        f"{route.label} at {url} answered {response.status_code} "
        f"{response.get('Location', '')} to an anonymous visitor"
    )


# 2. Objects of someone else -------------------------------------------------------


def _as(actor: str, world: World) -> Client:
    client = Client()
    if actor == OTHER_MEMBER:
        client.force_login(world.member_b.user)
    elif actor == TRAINER:
        client.force_login(world.trainer.user)
    return client


ID_CASES = [
    pytest.param(route, actor, id=f"{route.label}-{actor}")
    for route in id_routes()
    if not route.is_public or route.label in ID_TARGETS
    for actor in (ANONYMOUS, OTHER_MEMBER, TRAINER)
]


def _row_counts() -> dict[str, int]:
    counted = {}
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "axes", "admin"}:
            continue
        counted[model._meta.label] = model._default_manager.count()
    return counted


@pytest.mark.parametrize(("route", "actor"), ID_CASES)
def test_nobody_gets_an_object_that_is_not_for_them(route, actor):
    world = World()
    url, target = url_for(route, world)
    if actor in target.open_to:
        pytest.skip(f"{route.label} is open to the {actor}")
    client = _as(actor, world)
    before = _row_counts()

    if route.methods is not None and "GET" not in route.methods:
        response = client.post(url, with_token({"note": "x", "reason": "x"}))
    else:
        response = client.get(url)

    assert response.status_code in (403, 404) or ends_at_login(response, route), (
        f"{route.label} at {url} answered {response.status_code} "
        f"{response.get('Location', '')} to the {actor}"
    )
    body = b"".join(response) if response.streaming else response.content
    assert target.text.encode() not in body, f"{route.label} shows {target.text!r}"
    assert _row_counts() == before, f"{route.label} changed rows for a {actor}"


# The admin's own sections: the money, the export papers, the shop's back office,
# the catalogue and the admin site. Neither a trainer nor a member reads them.
ADMIN_ONLY_NAMESPACES = {"sales", "exports", "shop-admin", "catalog", "admin"}
ADMIN_ONLY_CASES = [
    pytest.param(route, actor, id=f"{route.label}-{actor}")
    for route in portal_routes()
    if route.namespace in ADMIN_ONLY_NAMESPACES
    and (route.methods is None or "GET" in route.methods)
    for actor in (OTHER_MEMBER, TRAINER)
]


@pytest.mark.parametrize(("route", "actor"), ADMIN_ONLY_CASES)
def test_the_admins_pages_give_a_trainer_or_member_nothing(route, actor):
    world = World()
    url, _target = url_for(route, world)
    client = _as(actor, world)

    response = client.get(url)

    assert response.status_code in (403, 404) or ends_at_login(response, route), (
        f"{route.label} at {url} answered {response.status_code} to the {actor}"
    )


# 3. POST without a CSRF token -----------------------------------------------------


POST_ROUTES = post_routes()


@pytest.mark.parametrize("route", POST_ROUTES, ids=_ids(POST_ROUTES))
def test_a_post_without_csrf_token_is_refused_and_changes_nothing(route):
    world = World()
    url, _target = url_for(route, world)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.admin.user)
    before = _row_counts()

    response = client.post(url, with_token({"note": "x", "name": "x"}))

    assert response.status_code == 403, (
        f"{route.label} at {url} answered {response.status_code} to a POST "
        "without a CSRF token"
    )
    assert _row_counts() == before, f"{route.label} changed rows"


# The checks cover what they claim ---------------------------------------------------


def test_the_row_count_sees_a_post_that_is_let_through():
    """With its CSRF token (checks off), the same POST does change the ledger."""
    world = World()
    client = Client()
    client.force_login(world.admin.user)
    url = reverse("sales:sale-post", args=[world.sale.pk])
    before = _row_counts()

    response = client.post(url, with_token())

    assert response.status_code == 302
    assert _row_counts() != before


def test_the_walk_finds_the_portal_and_reads_its_decorators():
    routes = {route.label: route for route in all_routes()}
    assert len(routes) > 100
    assert routes["shop:home"].is_public
    assert not routes["sales:sale-list"].is_public
    assert "role_required" in routes["sales:sale-detail"].decorators
    assert "login_required" in routes["catalog:stock-card"].decorators
    accept = routes["production:review-accept"]
    assert "require_POST" in accept.decorators
    assert accept.methods == {"POST"}
    assert "one_time_form" in routes["training:session-attendance"].decorators
    assert routes["catalog:product-detail"].takes_id
    assert not routes["sales:sale-list"].takes_id


ADMIN_READABLE = [
    route
    for route in id_routes()
    if route.label in ID_TARGETS and (route.methods is None or "GET" in route.methods)
]


@pytest.mark.parametrize("route", ADMIN_READABLE, ids=_ids(ADMIN_READABLE))
def test_an_admin_sees_the_object_the_checks_look_for(client, route):
    """The text the checks above look for is on the page for those who may see it."""
    world = World()
    url, target = url_for(route, world)
    client.force_login(world.admin.user)

    response = client.get(url)

    assert response.status_code == 200, (route.label, response.status_code)
    body = b"".join(response) if response.streaming else response.content
    assert target.text.encode() in body, f"{route.label} does not show {target.text!r}"


def test_every_id_taking_page_has_a_factory():
    missing = [
        route.label
        for route in id_routes()
        if route.label not in ID_TARGETS
        and route.name != "admin:view_on_site"
        and admin_model(route) not in ADMIN_OBJECTS
        and not route.is_public
    ]
    assert not missing, f"add a factory for {', '.join(missing)}"
    stale = set(ID_TARGETS) - {route.label for route in id_routes()}
    assert not stale, f"pages that are gone: {sorted(stale)}"
