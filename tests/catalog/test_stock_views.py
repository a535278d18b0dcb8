"""The stock card (kartu stok) and the stock count (stok opname) pages."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from catalog.models import StockMovement, StockReason, Variant
from catalog.stock import stock_add, stock_take
from members.roles import Role
from production.services import hand_in_accept
from sales.services import LineInput, sale_create, sale_post
from tests.catalog.factories import ProductFactory, add_variant
from tests.conftest import forms_without_token, with_token
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db


def t(message: str) -> str:
    """A message as the (Indonesian) page shows it."""
    with translation.override("id"):
        return gettext(message)


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN, full_name="Bu Sri").user


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture
def product():
    return ProductFactory(name="Tas Mawar", stock=5, variation1_name="Warna")


@pytest.fixture
def variant(product):
    return product.variants.get()


def card_url(variant) -> str:
    return reverse("catalog:stock-card", args=[variant.pk])


def count_url(product) -> str:
    return reverse("catalog:stock-count", args=[product.pk])


def stock(variant) -> int:
    return Variant.objects.get(pk=variant.pk).stock


def lines_of(page: str) -> list[str]:
    return re.findall(r'<li class="list-group-item stock-line">(.*?)</li>', page, re.S)


def sell(variant, quantity, admin):
    sale = sale_create(
        date=timezone.localdate(),
        channel="whatsapp",
        lines=[LineInput(variant_id=variant.pk, quantity=quantity)],
        recorded_by=admin,
    )
    return sale_post(sale=sale, posted_by=admin)


# --- stock card -----------------------------------------------------------------


def test_the_stock_card_lists_movements_newest_first_with_the_balance(
    admin_client, admin, variant
):
    set_rate(variant.product, 10_000)
    hand_in = make_hand_in(product=variant.product, quantity=4)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin)
    sale = sell(variant, 2, admin)
    page = admin_client.get(card_url(variant)).content.decode()
    lines = lines_of(page)
    assert len(lines) == 3
    sold, handed_in, opening = lines
    assert t("Sale posted") in sold
    assert "-2</span> → <span" in sold
    assert ">7</span>" in sold
    assert f'href="{sale.get_absolute_url()}"' in sold
    assert sale.number in sold
    assert "Bu Sri" in sold
    assert t("Hand-in accepted") in handed_in
    assert "+4</span>" in handed_in
    assert ">9</span>" in handed_in
    assert f'href="{hand_in.get_absolute_url()}"' in handed_in
    assert t("Opening balance") in opening
    assert ">5</span>" in opening
    assert t("In stock now: %(stock)s").replace("%(stock)s", "7") in page


def test_the_stock_card_shows_the_note_of_a_count(admin_client, variant):
    admin_client.post(
        count_url(variant.product),
        with_token(
            {f"counted_{variant.pk}": "3", f"seen_{variant.pk}": "5", "note": "rusak"}
        ),
    )
    page = admin_client.get(card_url(variant)).content.decode()
    assert t("Stock count correction") in lines_of(page)[0]
    assert "“rusak”" in lines_of(page)[0]


def test_the_stock_card_is_paginated(admin_client, variant):
    for _ in range(34):
        stock_add(variant_id=variant.pk, quantity=1, reason=StockReason.OPENING)
    first = admin_client.get(card_url(variant)).content.decode()
    second = admin_client.get(card_url(variant), {"page": 2}).content.decode()
    assert len(lines_of(first)) == 30
    assert len(lines_of(second)) == 5
    assert ">39</span>" in lines_of(first)[0]  # newest first
    assert ">5</span>" in lines_of(second)[-1]  # the opening balance last
    assert "?page=2" in first


def test_the_stock_card_queries_do_not_grow_with_its_lines(admin_client, admin):
    counts = []
    for lines in (4, 30):
        variant = ProductFactory(stock=lines * 2).variants.get()
        set_rate(variant.product, 10_000)
        for index in range(lines - 1):
            if index % 2:
                sell(variant, 1, admin)
            else:
                hand_in = make_hand_in(product=variant.product, quantity=1)
                hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin)
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(card_url(variant))
        assert len(lines_of(response.content.decode())) == lines
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_stock_card_fits_a_small_screen(admin_client, variant):
    page = admin_client.get(card_url(variant)).content.decode()
    # A stacked list, no wide table to scroll sideways.
    assert "<table" not in page
    assert 'class="list-group stock-card' in page


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_members_and_trainers_cannot_open_a_stock_card(client, variant, role):
    client.force_login(MemberFactory(role=role).user)
    assert client.get(card_url(variant)).status_code == 403


def test_a_visitor_logs_in_first_for_a_stock_card(client, variant):
    response = client.get(card_url(variant))
    assert response.status_code == 302
    assert reverse("members:login") in response["Location"]


def test_the_product_page_links_each_stock_card_and_the_count(
    admin_client, product, variant
):
    other = add_variant(product, option1="Biru", stock=2)
    page = admin_client.get(product.get_absolute_url()).content.decode()
    assert f'href="{card_url(variant)}"' in page
    assert f'href="{card_url(other)}"' in page
    assert f'href="{count_url(product)}"' in page


# --- stock count ----------------------------------------------------------------


def count_data(variant, counted, *, seen=None, note="opname akhir bulan"):
    return with_token(
        {
            f"counted_{variant.pk}": counted,
            f"seen_{variant.pk}": str(variant.stock if seen is None else seen),
            "note": note,
        }
    )


def test_the_count_page_asks_for_each_variant_with_its_stock(
    admin_client, product, variant
):
    other = add_variant(product, option1="Biru", stock=2)
    response = admin_client.get(count_url(product))
    page = response.content.decode()
    assert f'name="counted_{variant.pk}"' in page
    assert f'name="counted_{other.pk}"' in page
    assert 'inputmode="numeric"' in page
    assert f'name="seen_{other.pk}" value="2"' in page
    assert forms_without_token(response) == []


def test_a_count_books_exactly_the_difference(admin_client, admin, variant):
    response = admin_client.post(count_url(variant.product), count_data(variant, "3"))
    assert response.status_code == 302
    assert stock(variant) == 3
    movement = StockMovement.objects.get(reason=StockReason.STOCK_COUNT)
    assert (movement.quantity, movement.balance_after, movement.note) == (
        -2,
        3,
        "opname akhir bulan",
    )
    assert movement.created_by == admin
    page = admin_client.get(response["Location"]).content.decode()
    assert (t("Stock count saved: %(count)s correction booked.") % {"count": 1}) in page


def test_only_the_variants_counted_are_booked(admin_client, product, variant):
    other = add_variant(product, option1="Biru", stock=2)
    data = count_data(variant, "")
    data.update({f"counted_{other.pk}": "1.000", f"seen_{other.pk}": "2"})
    admin_client.post(count_url(product), data)
    assert (stock(variant), stock(other)) == (5, 1000)
    assert list(
        StockMovement.objects.filter(reason=StockReason.STOCK_COUNT).values_list(
            "variant_id", "quantity"
        )
    ) == [(other.pk, 998)]


def test_a_count_that_matches_says_so_and_writes_nothing(admin_client, variant):
    response = admin_client.post(
        count_url(variant.product), count_data(variant, "5"), follow=True
    )
    assert t("Stock count saved: the stock already matches.") in (
        response.content.decode()
    )
    assert StockMovement.objects.count() == 1


def assert_count_refused(response, variant, message, typed):
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert f'value="{typed}"' in page  # what was typed stays
    assert stock(variant) == 5
    assert not StockMovement.objects.filter(reason=StockReason.STOCK_COUNT).exists()


def test_a_negative_count_is_refused_with_a_message(admin_client, variant):
    response = admin_client.post(count_url(variant.product), count_data(variant, "-1"))
    assert_count_refused(
        response,
        variant,
        t("A count cannot be below 0; enter the pieces you counted."),
        "-1",
    )


def test_a_count_that_is_not_a_number_is_refused(admin_client, variant):
    response = admin_client.post(count_url(variant.product), count_data(variant, "3,5"))
    assert_count_refused(
        response, variant, t("Enter a whole number, e.g. 12 or 1.000."), "3,5"
    )


def test_a_count_without_a_note_is_refused(admin_client, variant):
    response = admin_client.post(
        count_url(variant.product), count_data(variant, "3", note="")
    )
    assert_count_refused(response, variant, "Bidang ini tidak boleh kosong.", "3")


def test_a_count_of_nothing_is_refused(admin_client, variant):
    response = admin_client.post(count_url(variant.product), count_data(variant, ""))
    assert response.status_code == 400
    assert t("Enter the counted pieces of at least one variant.") in (
        response.content.decode()
    )
    assert StockMovement.objects.count() == 1


def test_a_count_while_a_sale_took_pieces_is_refused_and_shows_the_new_stock(
    admin_client, admin, variant
):
    data = count_data(variant, "5")  # the page showed 5
    sell(variant, 1, admin)
    response = admin_client.post(count_url(variant.product), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        t(
            "The stock of %(item)s changed from %(expected)s to %(current)s while "
            "you counted (a sale or a hand-in). Check the count and save again."
        )
        % {"item": "Tas Mawar", "expected": 5, "current": 4}
    ) in page
    assert stock(variant) == 4
    assert not StockMovement.objects.filter(reason=StockReason.STOCK_COUNT).exists()
    # The page now carries today's stock: sent again, the count is booked.
    assert f'name="seen_{variant.pk}" value="4"' in page
    data["seen_" + str(variant.pk)] = "4"
    admin_client.post(count_url(variant.product), data)
    assert stock(variant) == 5


def test_the_same_count_sent_twice_books_once_and_shows_the_first_result(
    admin_client, admin, variant
):
    data = count_data(variant, "3")
    first = admin_client.post(count_url(variant.product), data)
    stock_take(variant_id=variant.pk, quantity=1)  # a sale in between
    second = admin_client.post(count_url(variant.product), data)
    assert first.status_code == 302
    assert second.status_code in (302, 303)
    assert second["Location"] == first["Location"]
    assert stock(variant) == 2
    assert StockMovement.objects.filter(reason=StockReason.STOCK_COUNT).count() == 1


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_members_and_trainers_cannot_count_stock(client, variant, role):
    client.force_login(MemberFactory(role=role).user)
    assert client.get(count_url(variant.product)).status_code == 403
    response = client.post(count_url(variant.product), count_data(variant, "0"))
    assert response.status_code == 403
    assert stock(variant) == 5
