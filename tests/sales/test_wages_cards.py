"""The wages page: a card per member with her unpaid months, paid after asking."""

import re
from datetime import datetime

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.roles import Role
from production.models import HandIn
from production.services import hand_in_accept
from sales.models import Expense, ExpenseCategory
from tests.catalog.factories import ProductFactory
from tests.conftest import forms_without_token, with_token
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db

RATE = 10_000
MONTHS = 12


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN)


@pytest.fixture
def admin_client(admin):
    client = Client()
    client.force_login(admin.user)
    return client


@pytest.fixture
def product():
    product = ProductFactory(stock=0)
    set_rate(product, RATE, days_ago=800)
    return product


def months_back(count: int) -> list[datetime]:
    """The 15th of this month and of the ``count - 1`` months before it."""
    now = timezone.localtime()
    year, month = now.year, now.month
    days = []
    for _ in range(count):
        days.append(now.replace(year=year, month=month, day=15, hour=10))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return days


def knitters_with_unpaid_months(admin, product, members: int, *, start: int = 0):
    """``members`` knitters, each with 2 accepted pieces in each of 12 months."""
    made = []
    for number in range(start, start + members):
        knitter = MemberFactory(role=Role.MEMBER, full_name=f"Anggota {number:03d}")
        first = make_hand_in(member=knitter, product=product, quantity=2)
        hand_in_accept(hand_in=first, grade="A", reviewed_by=admin.user)
        first.refresh_from_db()
        copies = []
        for day in months_back(MONTHS):
            copy = HandIn.objects.get(pk=first.pk)
            copy.pk = None
            copy.reviewed_at = day
            copies.append(copy)
        HandIn.objects.bulk_create(copies)
        first.delete()
        made.append(knitter)
    return made


def wages_page(client, **params):
    return client.get(reverse("sales:wages"), params)


def pay(client, member, amount):
    return client.post(
        reverse("sales:wages-pay-member"),
        with_token({"member": member.pk, "amount": amount}),
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_one_card_per_member_lists_her_months_and_total(admin_client, admin, product):
    [knitter] = knitters_with_unpaid_months(admin, product, 1)
    response = wages_page(admin_client)
    [card] = response.context["page"]
    assert card.member_id == knitter.pk
    assert len(card.months) == MONTHS
    assert [row.month for row in card.months] == sorted(r.month for r in card.months)
    assert card.total == MONTHS * 2 * RATE
    page = response.content.decode()
    assert page.count('class="entry-card wage-card"') == 1
    assert "Rp 240.000" in page and "Rp 20.000" in page
    assert forms_without_token(response) == []


def test_pay_button_shows_the_amount_and_asks_first(admin_client, admin, product):
    knitters_with_unpaid_months(admin, product, 1)
    page = wages_page(admin_client).content.decode()
    assert "Bayar Rp 240.000" in page
    # The pay form sits inside a closed confirmation: a first tap opens it.
    assert '<details class="confirm-box pay-box mt-2">' in page
    [question] = re.findall(r"<p [^>]*data-confirm>(.*?)</p>", page)
    assert "Rp 240.000" in question and "Anggota 000" in question and "12" in question


def test_paying_a_member_pays_every_unpaid_month_once(admin_client, admin, product):
    [knitter] = knitters_with_unpaid_months(admin, product, 1)
    data = with_token({"member": knitter.pk, "amount": 240_000})
    response = admin_client.post(reverse("sales:wages-pay-member"), data)
    assert response.url == reverse("sales:wages")
    admin_client.post(reverse("sales:wages-pay-member"), data)
    wages = Expense.objects.filter(category=ExpenseCategory.MEMBER_WAGES)
    assert wages.count() == MONTHS
    assert {e.amount for e in wages} == {2 * RATE}
    assert len({e.wage_month for e in wages}) == MONTHS
    assert all(e.is_posted and e.member == knitter for e in wages)
    after = wages_page(admin_client)
    assert list(after.context["page"]) == []
    numbers = sorted(e.number for e in wages)
    [message] = messages_of(response)
    assert "Rp 240.000" in message
    assert f"{numbers[0]} – {numbers[-1]}" in message


def test_changed_total_pays_nothing_and_says_the_new_amount(
    admin_client, admin, product
):
    [knitter] = knitters_with_unpaid_months(admin, product, 1)
    response = pay(admin_client, knitter, 200_000)
    assert not Expense.objects.exists()
    assert any("Rp 240.000" in m for m in messages_of(response))
    # The token was released: the corrected form can be sent again.
    assert pay(admin_client, knitter, 240_000).status_code == 302
    assert Expense.objects.count() == MONTHS


@pytest.mark.parametrize(
    "data", [{}, {"member": "x", "amount": "1"}, {"member": "1", "amount": "0"}]
)
def test_bad_pay_post_pays_nothing(admin_client, admin, product, data):
    knitters_with_unpaid_months(admin, product, 1)
    response = admin_client.post(reverse("sales:wages-pay-member"), with_token(data))
    assert response.status_code == 302
    assert messages_of(response)
    assert not Expense.objects.exists()


def test_member_with_nothing_unpaid_is_refused(admin_client):
    knitter = MemberFactory(role=Role.MEMBER)
    response = pay(admin_client, knitter, 1000)
    assert response.status_code == 302
    assert messages_of(response)
    assert not Expense.objects.exists()


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_members_and_trainers_cannot_pay(client, admin, product, role):
    [knitter] = knitters_with_unpaid_months(admin, product, 1)
    client.force_login(MemberFactory(role=role).user)
    assert pay(client, knitter, 240_000).status_code == 403
    assert not Expense.objects.exists()


def test_page_shows_ten_members_and_the_next_page(admin_client, admin, product):
    knitters_with_unpaid_months(admin, product, 12)
    first = wages_page(admin_client)
    assert len(first.context["page"]) == 10
    assert first.context["members_unpaid"] == 12
    assert first.context["total_unpaid"] == 12 * MONTHS * 2 * RATE
    second = wages_page(admin_client, page=2)
    assert [c.member_name for c in second.context["page"]] == [
        "Anggota 010",
        "Anggota 011",
    ]


def measure(client, assert_num_queries_max) -> tuple[int, int]:
    with assert_num_queries_max(12) as queries:
        response = wages_page(client)
    assert response.status_code == 200
    return len(queries), len(response.content)


def test_size_and_queries_stay_fixed_for_3_and_30_members(
    admin_client, admin, product, django_assert_max_num_queries
):
    empty_queries, empty_size = measure(admin_client, django_assert_max_num_queries)
    knitters_with_unpaid_months(admin, product, 3)
    few_queries, few_size = measure(admin_client, django_assert_max_num_queries)
    knitters_with_unpaid_months(admin, product, 27, start=3)
    many_queries, many_size = measure(admin_client, django_assert_max_num_queries)
    assert few_queries == many_queries == empty_queries
    # 30 members with a year each still show ten cards: at most ten cards' worth.
    per_card = (few_size - empty_size) / 3
    assert many_size <= empty_size + 10 * per_card * 1.05 + 200
    assert many_size < 120_000
