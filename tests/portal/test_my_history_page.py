"""Riwayat saya: latest hand-ins first, then totals, paid marks and attendance."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from members.roles import Role
from production.services import hand_in_accept
from sales.services.wages import wages_pay
from tests.catalog.factories import ProductFactory, jpeg_bytes
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db

URL = reverse("portal:my-history")


@pytest.fixture
def member():
    return MemberFactory(role=Role.MEMBER)


@pytest.fixture
def member_client(client, member):
    client.force_login(member.user)
    return client


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN)


def accepted(member, admin, *, quantity=2, rate=10_000, photo=None):
    product = ProductFactory(stock=0)
    set_rate(product, rate)
    hand_in = make_hand_in(
        member=member, product=product, quantity=quantity, photo=photo
    )
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    return hand_in


def page_of(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_sections_come_in_order_hand_ins_total_earnings_attendance(
    member_client, member, admin
):
    accepted(member, admin)
    page = page_of(member_client)
    positions = [
        page.index(f'id="{section}"')
        for section in ("my-hand-ins", "my-this-month", "my-earnings", "my-attendance")
    ]
    assert positions == sorted(positions)


def test_latest_hand_in_is_listed_first(member_client, member):
    make_hand_in(member=member, product=ProductFactory(name="Tas Lama", stock=0))
    make_hand_in(member=member, product=ProductFactory(name="Dompet Baru", stock=0))
    page = page_of(member_client)
    assert page.index("Dompet Baru") < page.index("Tas Lama")


def test_hand_in_shows_its_thumbnail_and_the_day_it_was_handed_in(
    member_client, member
):
    hand_in = make_hand_in(member=member, photo=io.BytesIO(jpeg_bytes(640, 480)))
    page = page_of(member_client)
    entry = page[page.index(hand_in.get_absolute_url()) :]
    entry = entry[: entry.index("</a>")]
    assert "<img" in entry
    assert 'sizes="64px"' in entry
    day = timezone.localtime(hand_in.submitted_at)
    months = [
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Mei",
        "Jun",
        "Jul",
        "Agu",
        "Sep",
        "Okt",
        "Nov",
        "Des",
    ]
    assert f"{day.day} {months[day.month - 1]} {day.year}" in entry


def test_hand_in_without_photo_shows_a_placeholder(member_client, member):
    hand_in = make_hand_in(member=member)
    page = page_of(member_client)
    entry = page[page.index(hand_in.get_absolute_url()) :]
    assert "history-nophoto" in entry[: entry.index("</a>")]


def test_this_month_total_counts_pieces_and_earnings(member_client, member, admin):
    accepted(member, admin, quantity=3, rate=20_000)
    accepted(member, admin, quantity=1, rate=5_000)
    section = page_of(member_client).split('id="my-this-month"')[1]
    section = section[: section.index("</section>")]
    assert re.search(r">\s*4\b", section)
    assert "Rp 65.000" in section


def test_this_month_total_is_zero_without_accepted_pieces(member_client, member):
    make_hand_in(member=member)
    section = page_of(member_client).split('id="my-this-month"')[1]
    section = section[: section.index("</section>")]
    assert re.search(r">\s*0\b", section)
    assert "Rp 0" in section


def earnings_section(client) -> str:
    section = page_of(client).split('id="my-earnings"')[1]
    return section[: section.index("</section>")]


def test_month_without_wages_paid_is_marked_not_paid(member_client, member, admin):
    accepted(member, admin)
    section = earnings_section(member_client)
    assert "wage-unpaid" in section
    assert "wage-paid" not in section


def test_month_whose_wages_were_paid_is_marked_paid(member_client, member, admin):
    accepted(member, admin)
    wages_pay(
        member=member,
        month=timezone.localdate().replace(day=1),
        paid_by=admin.user,
        date=timezone.localdate(),
    )
    section = earnings_section(member_client)
    assert "wage-paid" in section
    assert "wage-unpaid" not in section


def test_month_paid_in_part_is_still_marked_not_paid(member_client, member, admin):
    accepted(member, admin)
    wages_pay(
        member=member,
        month=timezone.localdate().replace(day=1),
        paid_by=admin.user,
        date=timezone.localdate(),
    )
    accepted(member, admin)  # accepted after the payment: owed again
    assert "wage-unpaid" in earnings_section(member_client)


def test_wages_paid_to_another_member_leave_hers_unpaid(member_client, member, admin):
    accepted(member, admin)
    other = MemberFactory(role=Role.MEMBER)
    accepted(other, admin)
    wages_pay(
        member=other,
        month=timezone.localdate().replace(day=1),
        paid_by=admin.user,
        date=timezone.localdate(),
    )
    assert "wage-unpaid" in earnings_section(member_client)


def test_piece_counts_say_they_count_in_the_month_accepted(
    member_client, member, admin
):
    accepted(member, admin)
    section = earnings_section(member_client)
    assert 'data-counted-in="accepted"' in section


def test_pieces_made_last_month_and_accepted_now_count_this_month(
    member_client, member, admin
):
    product = ProductFactory(stock=0)
    set_rate(product, 10_000)
    hand_in = make_hand_in(member=member, product=product, quantity=5, days_ago=40)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    section = page_of(member_client).split('id="my-this-month"')[1]
    assert re.search(r">\s*5\b", section[: section.index("</section>")])


def test_another_members_hand_ins_and_earnings_are_not_shown(
    member_client, member, admin
):
    other = MemberFactory(role=Role.MEMBER)
    accepted(other, admin, quantity=7, rate=30_000)
    page = page_of(member_client)
    assert "Rp 210.000" not in page
    assert "my-earnings" in page and "wage-unpaid" not in page


def own_hand_ins(member, admin, count):
    for n in range(count):
        product = ProductFactory(stock=0)
        set_rate(product, 15_000)
        photo = io.BytesIO(jpeg_bytes(64, 48)) if n % 2 == 0 else None
        hand_in = make_hand_in(
            member=member, product=product, photo=photo, days_ago=1 + n % 60
        )
        if n % 3 == 0:
            hand_in_accept(hand_in=hand_in, grade="B", reviewed_by=admin.user)


@pytest.mark.parametrize("count", [1, 20])
def test_history_page_runs_a_fixed_number_of_queries(
    member_client, member, admin, count, django_assert_num_queries
):
    own_hand_ins(member, admin, count)
    # session, user, her roles, member, hand-ins counted and their page (with
    # photos), wages paid, earnings twice (the page's and the wages' check),
    # attendance counts and latest sessions.
    with django_assert_num_queries(11):
        response = member_client.get(URL)
    assert response.status_code == 200
