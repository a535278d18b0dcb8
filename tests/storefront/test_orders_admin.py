"""The admins' order request pages: list, detail, a draft sale in one tap, close."""

from html import unescape
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog.models import Status
from members.roles import Role
from sales.models import EntryStatus, Sale, SaleLine, SalesChannel
from storefront.models import OrderRequest, OrderStatus
from storefront.orders.services import order_request_create
from tests.conftest import forms_without_token, with_token
from tests.members.factories import MemberFactory

from .shop import published, two_colours

pytestmark = pytest.mark.django_db

LIST = reverse("shop-admin:order-list")


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN, full_name="Bu Warsini")


def logged_in(member) -> Client:
    client = Client()
    client.force_login(member.user)
    # Messages in English, as the code writes them.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def admin_client(admin):
    return logged_in(admin)


@pytest.fixture
def bag():
    return published(name="Tas Rajut Mawar", price=185_000, stock=3)


def make_request(variant, *, name="Siti Aminah", whatsapp="6281234567890", **kw):
    kw.setdefault("quantity", 2)
    return order_request_create(variant=variant, name=name, whatsapp=whatsapp, **kw)


def variant_of(product):
    return product.variants.order_by("position", "id").first()


def page_of(response) -> str:
    return unescape(response.content.decode())


def convert_url(order) -> str:
    return reverse("shop-admin:order-convert", args=[order.pk])


def close_url(order) -> str:
    return reverse("shop-admin:order-close", args=[order.pk])


# --- Who may -----------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_only_admins_see_or_handle_requests(bag, role):
    order = make_request(variant_of(bag))
    client = logged_in(MemberFactory(role=role))
    assert client.get(LIST).status_code == 403
    assert client.get(order.get_absolute_url()).status_code == 403
    assert client.post(convert_url(order), with_token()).status_code == 403
    assert client.post(close_url(order), with_token()).status_code == 403
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert not Sale.objects.exists()


def test_a_visitor_is_sent_to_log_in(client, bag):
    order = make_request(variant_of(bag))
    for url in (LIST, order.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("members:login"))
    assert client.post(convert_url(order), with_token()).status_code == 302
    assert not Sale.objects.exists()


# --- The list ----------------------------------------------------------------------


def test_the_list_shows_pending_requests_newest_first(admin_client, bag):
    old = make_request(variant_of(bag), name="Pembeli Lama")
    new = make_request(variant_of(bag), name="Pembeli Baru", quantity=1)
    closed = make_request(variant_of(bag), name="Pembeli Tutup")
    closed.status = OrderStatus.CLOSED
    closed.save()
    page = page_of(admin_client.get(LIST))
    assert page.index("Pembeli Baru") < page.index("Pembeli Lama")
    assert "Pembeli Tutup" not in page
    assert "Rp 370.000" in page and "Rp 185.000" in page
    assert "+62 812-3456-7890" in page
    assert new.get_absolute_url() in page and old.get_absolute_url() in page


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        ("pending", {"Menunggu"}),
        ("converted", {"Jadi"}),
        ("closed", {"Tutup"}),
        ("all", {"Menunggu", "Jadi", "Tutup"}),
        ("nonsense", {"Menunggu"}),
    ],
)
def test_the_list_filters_by_status(admin_client, bag, status, shown):
    for name, state in (
        ("Menunggu", OrderStatus.PENDING),
        ("Jadi", OrderStatus.CONVERTED),
        ("Tutup", OrderStatus.CLOSED),
    ):
        order = make_request(variant_of(bag), name=f"Bu {name}")
        order.status = state
        order.save()
    page = page_of(admin_client.get(LIST, {"status": status}))
    for name in ("Menunggu", "Jadi", "Tutup"):
        assert (f"Bu {name}" in page) == (name in shown), name


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("siti", {"Siti Aminah"}),
        ("0812 3456", {"Siti Aminah"}),
        ("+62 813", {"Rina Wati"}),
        ("08139999", {"Rina Wati"}),
        ("dompet", {"Rina Wati"}),
        ("biru", {"Rina Wati"}),
        ("mawar siti", {"Siti Aminah"}),
        ("HR-", {"Siti Aminah", "Rina Wati"}),
        ("tidak ada", set()),
    ],
)
def test_the_list_searches_name_number_and_product(admin_client, bag, query, found):
    purse = two_colours(name="Dompet Dua Warna")
    make_request(variant_of(bag), name="Siti Aminah", whatsapp="6281234567890")
    make_request(
        purse.variants.get(option1="Biru"), name="Rina Wati", whatsapp="6281399991111"
    )
    page = page_of(admin_client.get(LIST, {"q": query, "status": "all"}))
    for name in ("Siti Aminah", "Rina Wati"):
        assert (name in page) == (name in found), name
    if not found:
        assert "No order requests match this search." in page


def test_the_list_pages_through_many_requests(admin_client, bag):
    for number in range(30):
        make_request(variant_of(bag), name=f"Pembeli {number:02d}")
    first = page_of(admin_client.get(LIST))
    assert "Pembeli 29" in first and "Pembeli 04" not in first
    assert "Page 1 of 2" in first
    second = page_of(admin_client.get(LIST, {"page": 2}))
    assert "Pembeli 04" in second and "Pembeli 29" not in second


def list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST, {"status": "all"}).status_code == 200
    return len(queries)


def test_the_list_takes_the_same_queries_for_one_or_thirty_requests(
    admin_client, bag, django_assert_num_queries
):
    make_request(variant_of(bag))
    one = list_queries(admin_client)
    purse = two_colours(name="Dompet Dua Warna")
    for number in range(29):
        product = bag if number % 2 else purse
        make_request(variant_of(product), name=f"Pembeli {number}")
    with django_assert_num_queries(one):
        admin_client.get(LIST, {"status": "all"})


# --- The detail --------------------------------------------------------------------


def test_the_detail_shows_everything_about_the_request(admin_client, bag):
    order = make_request(variant_of(bag), note="Untuk kado, warna merah.")
    response = admin_client.get(order.get_absolute_url())
    page = page_of(response)
    assert response.status_code == 200
    assert "Siti Aminah" in page
    assert "+62 812-3456-7890" in page
    assert "2 ×" in page and "Tas Rajut Mawar" in page
    assert "Rp 185.000 each" in page
    assert "Rp 370.000" in page
    assert "Untuk kado, warna merah." in page
    assert "In stock now: 3 pieces" in page
    assert "Waiting for an answer" in page
    assert "Make a draft sale" in page and "Close without a sale" in page
    assert forms_without_token(response) == []


def test_the_detail_says_when_the_price_changed_since(admin_client, bag):
    order = make_request(variant_of(bag))
    bag.price = 200_000
    bag.save(update_fields=["price"])
    page = page_of(admin_client.get(order.get_absolute_url()))
    assert (
        "The price is Rp 200.000 now; the request keeps the price she was shown."
        in page
    )


def test_the_whatsapp_reply_greets_her_and_names_the_request(admin_client):
    purse = two_colours(name="Dompet Dua Warna")
    order = make_request(purse.variants.get(option1="Biru"), quantity=3)
    page = page_of(admin_client.get(order.get_absolute_url()))
    start = page.index('href="https://wa.me/6281234567890?text=') + len('href="')
    link = page[start : page.index('"', start)]
    assert link == (
        "https://wa.me/6281234567890?text="
        "Hello%20Siti%20Aminah%2C%20this%20is%20Hira%20Rajut.%20Thank%20you%20for"
        "%20your%20order%20request%3A%0A"
        "3%20%C3%97%20Dompet%20Dua%20Warna%20%28Biru%29%0A"
        "Total%3A%20Rp%20525.000%20%28Rp%20175.000%20each%29"
    )
    assert unquote(link.split("?text=")[1]) == (
        "Hello Siti Aminah, this is Hira Rajut. Thank you for your order request:\n"
        "3 × Dompet Dua Warna (Biru)\n"
        "Total: Rp 525.000 (Rp 175.000 each)"
    )


def test_a_handled_request_shows_no_buttons_but_its_sale(admin_client, bag):
    order = make_request(variant_of(bag))
    admin_client.post(convert_url(order), with_token())
    page = page_of(admin_client.get(order.get_absolute_url()))
    sale = Sale.objects.get()
    assert "Make a draft sale" not in page
    assert sale.get_absolute_url() in page
    assert "Made a sale" in page
    assert "Bu Warsini" in page


def test_an_unknown_request_is_not_found(admin_client):
    assert (
        admin_client.get(reverse("shop-admin:order-detail", args=[999])).status_code
        == 404
    )


# --- A draft sale in one tap -------------------------------------------------------


def test_one_tap_makes_one_draft_sale_from_the_request(admin_client, admin, bag):
    order = make_request(variant_of(bag), note="Kirim ke Purwokerto.")
    # The price changed after she asked: the sale keeps her price.
    bag.price = 200_000
    bag.save(update_fields=["price"])
    response = admin_client.post(convert_url(order), with_token())
    sale = Sale.objects.get()
    assert response.status_code == 302
    assert response["Location"] == sale.get_absolute_url()
    assert sale.status == EntryStatus.DRAFT
    assert sale.channel == SalesChannel.STOREFRONT
    assert sale.date == timezone.localdate()
    assert sale.customer_name == "Siti Aminah"
    assert sale.customer_whatsapp == "6281234567890"
    assert sale.created_by == admin.user
    assert (
        sale.note == f"Order request #{order.pk} from the shop.\nKirim ke Purwokerto."
    )
    assert sale.subtotal == sale.total == 370_000
    line = SaleLine.objects.get(sale=sale)
    assert (line.variant, line.quantity, line.unit_price, line.line_total) == (
        variant_of(bag),
        2,
        185_000,
        370_000,
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.CONVERTED
    assert order.sale == sale
    assert order.handled_by == admin.user
    assert order.handled_at is not None
    # A draft takes no stock; posting it does.
    assert variant_of(bag).stock == 3
    page = page_of(admin_client.get(response["Location"]))
    assert "Draft sale made from Siti Aminah's request." in page


def test_a_second_tap_on_the_same_form_makes_no_second_sale(admin_client, bag):
    order = make_request(variant_of(bag))
    data = with_token()
    first = admin_client.post(convert_url(order), data)
    second = admin_client.post(convert_url(order), data)
    assert Sale.objects.count() == 1
    assert second.status_code == 303
    assert second["Location"] == first["Location"]


def test_a_second_admin_converting_the_same_request_makes_no_second_sale(
    admin_client, bag
):
    """Two admins, two pages, two tokens: the row lock and the status decide."""
    order = make_request(variant_of(bag))
    other = logged_in(MemberFactory(role=Role.ADMIN))
    assert admin_client.post(convert_url(order), with_token()).status_code == 302
    response = other.post(convert_url(order), with_token(), follow=True)
    assert Sale.objects.count() == 1
    assert SaleLine.objects.count() == 1
    assert "This request was already made into a sale." in page_of(response)
    order.refresh_from_db()
    assert order.sale == Sale.objects.get()


def test_a_closed_request_cannot_become_a_sale(admin_client, bag):
    order = make_request(variant_of(bag))
    assert admin_client.post(close_url(order), with_token()).status_code == 302
    response = admin_client.post(convert_url(order), with_token(), follow=True)
    assert "This request was already closed." in page_of(response)
    assert not Sale.objects.exists()
    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED


def test_a_request_for_an_archived_product_stays_pending(admin_client, bag):
    order = make_request(variant_of(bag))
    bag.status = Status.ARCHIVED
    bag.save(update_fields=["status"])
    response = admin_client.post(convert_url(order), with_token(), follow=True)
    page = page_of(response)
    assert "Tas Rajut Mawar is archived and no longer sold." in page
    assert "The product is no longer in the shop (Archived)." in page
    assert not Sale.objects.exists()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING and order.handled_by is None


# --- Close -------------------------------------------------------------------------


def test_closing_a_request_needs_no_sale(admin_client, admin, bag):
    order = make_request(variant_of(bag))
    response = admin_client.post(close_url(order), with_token(), follow=True)
    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED
    assert order.handled_by == admin.user and order.handled_at is not None
    assert order.sale is None
    assert not Sale.objects.exists()
    assert response.redirect_chain[-1][0] == LIST
    assert "Siti Aminah's request is closed." in page_of(response)


def test_closing_twice_with_the_same_form_closes_once(admin_client, bag):
    order = make_request(variant_of(bag))
    data = with_token()
    admin_client.post(close_url(order), data)
    first_time = OrderRequest.objects.get().handled_at
    second = admin_client.post(close_url(order), data)
    assert second.status_code == 303
    assert OrderRequest.objects.get().handled_at == first_time


def test_a_get_does_not_convert_or_close(admin_client, bag):
    order = make_request(variant_of(bag))
    assert admin_client.get(convert_url(order)).status_code == 405
    assert admin_client.get(close_url(order)).status_code == 405
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
