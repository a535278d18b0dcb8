"""The admin's home page counts the shop's order requests that wait for an answer."""

from html import unescape

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from members.roles import Role
from storefront.models import OrderStatus
from storefront.orders.selectors import pending_count
from storefront.orders.services import order_request_create
from tests.members.factories import MemberFactory
from tests.storefront.shop import published

pytestmark = pytest.mark.django_db

HOME = reverse("portal:home")
LIST = reverse("shop-admin:order-list")


def logged_in(role) -> Client:
    client = Client()
    client.force_login(MemberFactory(role=role).user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def requests(count: int) -> list:
    variant = published(stock=2).variants.get()
    return [
        order_request_create(
            variant=variant, name=f"Pembeli {n}", whatsapp="6281234567890", quantity=1
        )
        for n in range(count)
    ]


def card(page: str) -> str:
    start = page.index('data-dashboard="order-requests"')
    return page[start : page.index("</a>", start)]


def test_the_admin_home_shows_the_waiting_requests_and_links_to_them():
    orders = requests(3)
    orders[0].status = OrderStatus.CLOSED
    orders[0].save()
    page = unescape(logged_in(Role.ADMIN).get(HOME).content.decode())
    assert '<span class="dash-value">2</span>' in card(page)
    assert "waiting for an answer" in card(page)
    assert "Customers wait: answer them on WhatsApp." in card(page)
    assert f'href="{LIST}" data-dashboard="order-requests"' in page


def test_with_nothing_waiting_the_card_says_so():
    page = unescape(logged_in(Role.ADMIN).get(HOME).content.decode())
    assert '<span class="dash-value">0</span>' in card(page)
    assert "Every request has an answer." in card(page)


def test_the_admin_home_offers_the_order_requests_page():
    page = unescape(logged_in(Role.ADMIN).get(HOME).content.decode())
    actions = page[page.index('class="action-list') :]
    assert f'href="{LIST}"' in actions
    assert "Order requests" in actions


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_members_and_trainers_see_no_order_requests(role):
    requests(1)
    page = logged_in(role).get(HOME).content.decode()
    assert 'data-dashboard="order-requests"' not in page
    assert LIST not in page


def test_the_count_is_one_query(django_assert_num_queries):
    requests(4)
    with django_assert_num_queries(1):
        assert pending_count() == 4
