"""The customer's order request form: no account, one request per send, no spam."""

import re
from html import unescape
from urllib.parse import unquote

import pytest
from django.core import signing
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import translation

from catalog.models import Status
from storefront.models import OrderRequest, OrderStatus
from storefront.orders import ratelimit
from storefront.orders.views import SENT_SALT, sign_order
from tests.catalog.factories import add_variant
from tests.conftest import forms_without_token, with_token

from .shop import CO_OP_NUMBER, preorder, published, shop_settings, two_colours

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Siti Aminah",
    "whatsapp": "0812-3456-7890",
    "quantity": "2",
    "note": "Warna merah ya, untuk kado.",
}


def order_url(variant, language="id") -> str:
    with translation.override(language):
        return reverse("shop:order", args=[variant.pk])


def variant_of(product):
    return product.variants.order_by("position", "id").first()


def send(client, variant, language="en", **changes):
    return client.post(order_url(variant, language), with_token({**GOOD, **changes}))


def page_of(response) -> str:
    return unescape(response.content.decode())


def wa_text(page: str) -> tuple[str, str]:
    """The number and the decoded text of the page's wa.me link to the co-op."""
    match = re.search(r'href="https://wa\.me/(\d*)\?text=([^"]*)"', page)
    assert match, "no WhatsApp link on the page"
    return match.group(1), unquote(match.group(2))


@pytest.fixture(autouse=True)
def _shop():
    shop_settings()


@pytest.fixture
def bag():
    return published(name="Tas Rajut Mawar", price=185_000, stock=3)


# --- The page -------------------------------------------------------------------


def test_the_form_shows_the_product_price_and_ready_stock(client, bag):
    response = client.get(order_url(variant_of(bag), "en"))
    page = page_of(response)
    assert response.status_code == 200
    assert "Tas Rajut Mawar" in page
    assert "Rp 185.000" in page
    assert "Ready: 3 pieces" in page
    assert "<h1>Order request</h1>" in page


def test_the_form_for_a_pre_order_shows_the_lead_time(client):
    product = preorder(name="Tas Pesanan", price=250_000)
    page = page_of(client.get(order_url(variant_of(product), "en")))
    assert "<h1>Pre-order</h1>" in page
    assert "Pre-order · 14 days" in page
    assert "ready in about 14 days" in page
    assert "Send pre-order request" in page


def test_the_form_for_a_sold_out_variant_offers_to_knit_it(client):
    product = two_colours(name="Dompet Dua Warna")
    blue = product.variants.get(option1="Biru")
    page = page_of(client.get(order_url(blue, "en")))
    assert "<h1>Ask to have it knitted</h1>" in page
    assert "Sold out" in page
    assert "we can knit it for you" in page
    # The variant's own price and its option.
    assert "Rp 175.000" in page
    assert "Warna: Biru" in page


def test_the_indonesian_form_is_at_pesan_and_the_english_under_en(client, bag):
    variant = variant_of(bag)
    assert order_url(variant) == f"/pesan/{variant.pk}/"
    assert order_url(variant, "en") == f"/en/pesan/{variant.pk}/"
    assert 'lang="id"' in client.get(f"/pesan/{variant.pk}/").content.decode()
    assert 'lang="en"' in client.get(f"/en/pesan/{variant.pk}/").content.decode()


def test_the_form_is_never_kept_in_the_page_cache(client, bag):
    url = order_url(variant_of(bag))
    first, second = client.get(url), client.get(url)
    for response in (first, second):
        assert "X-Shop-Cache" not in response
        assert "no-cache" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
    # Each visitor gets a token of her own.
    tokens = [
        re.search(r'name="form_token" value="([^"]+)"', r.content.decode()).group(1)
        for r in (first, second)
    ]
    assert tokens[0] != tokens[1]


def test_the_form_carries_csrf_and_a_one_time_token(bag):
    client = Client(enforce_csrf_checks=True)
    response = client.get(order_url(variant_of(bag)))
    page = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    assert forms_without_token(response) == []
    # Without the CSRF token the request is refused and nothing is saved.
    refused = client.post(order_url(variant_of(bag)), with_token(GOOD))
    assert refused.status_code == 403
    assert not OrderRequest.objects.exists()


def test_the_form_works_for_an_anonymous_visitor_with_csrf_checks(bag):
    client = Client(enforce_csrf_checks=True)
    page = client.get(order_url(variant_of(bag))).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    response = client.post(
        order_url(variant_of(bag)),
        {**GOOD, "csrfmiddlewaretoken": csrf, "form_token": token},
    )
    assert response.status_code == 302
    assert OrderRequest.objects.count() == 1


def test_the_honeypot_is_hidden_from_people(client, bag):
    page = client.get(order_url(variant_of(bag))).content.decode()
    field = re.search(
        r'<div class="visually-hidden" aria-hidden="true">(.*?)</div>\s*'
        r'<div class="order">',
        page,
        re.S,
    )
    assert field, "the hidden field's wrapper is missing"
    hidden = field.group(1)
    assert 'name="website"' in hidden
    assert 'tabindex="-1"' in hidden
    assert 'autocomplete="off"' in hidden


@pytest.mark.parametrize("status", [Status.DRAFT, Status.ARCHIVED])
def test_a_variant_of_a_product_not_in_the_shop_is_not_found(client, bag, status):
    bag.status = status
    bag.save(update_fields=["status"])
    url = order_url(variant_of(bag))
    assert client.get(url).status_code == 404
    assert client.post(url, with_token(GOOD)).status_code == 404
    assert not OrderRequest.objects.exists()


def test_an_unknown_variant_is_not_found(client):
    assert client.get("/pesan/999999/").status_code == 404


# --- Sending it -----------------------------------------------------------------


def test_a_request_is_saved_pending_at_the_price_of_that_moment(client, bag):
    response = send(client, variant_of(bag))
    order = OrderRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith("/en/pesan/terkirim/")
    signed = response["Location"].split("/")[-2]
    assert signing.loads(signed, salt=SENT_SALT) == order.pk
    assert order.status == OrderStatus.PENDING
    assert order.name == "Siti Aminah"
    # Normalised as members' numbers are.
    assert order.whatsapp == "6281234567890"
    assert order.quantity == 2
    assert order.note == "Warna merah ya, untuk kado."
    assert order.unit_price == 185_000
    assert order.variant == variant_of(bag)
    assert order.sale is None and order.handled_by is None
    # A later price change does not change what she was shown.
    bag.price = 200_000
    bag.save(update_fields=["price"])
    order.refresh_from_db()
    assert order.unit_price == 185_000
    assert order.total == 370_000


def test_a_variant_with_its_own_price_is_requested_at_that_price(client):
    product = two_colours(name="Dompet Dua Warna")
    blue = product.variants.get(option1="Biru")
    send(client, blue, quantity="1")
    assert OrderRequest.objects.get().unit_price == 175_000


def test_the_confirmation_thanks_her_and_sums_up_the_request(client, bag):
    response = send(client, variant_of(bag), language="id")
    assert response["Location"].startswith("/pesan/terkirim/")
    with translation.override("en"):
        sent = client.get(response["Location"].replace("/pesan/", "/en/pesan/", 1))
    page = page_of(sent)
    order = OrderRequest.objects.get()
    assert sent.status_code == 200
    assert "Thank you, Siti Aminah!" in page
    assert "+62 812-3456-7890" in page
    assert f"Your request no. {order.pk}" in page
    assert "Tas Rajut Mawar" in page
    assert "2 pieces" in page
    assert "Rp 185.000 per piece" in page
    assert "Rp 370.000" in page
    assert "Warna merah ya, untuk kado." in page
    assert "no-cache" in sent["Cache-Control"]
    assert 'name="robots" content="noindex' in page


def test_the_confirmation_offers_whatsapp_with_the_request_written_in(client, bag):
    response = send(client, variant_of(bag))
    page = page_of(client.get(response["Location"]))
    order = OrderRequest.objects.get()
    number, text = wa_text(page)
    assert number == CO_OP_NUMBER
    assert text == (
        f"Hello Hira Rajut, I have just sent order request no. {order.pk}:\n"
        "2 × Tas Rajut Mawar\n"
        f"SKU: {order.variant.sku}\n"
        "Total: Rp 370.000\n"
        "Name: Siti Aminah\n"
        "Note: Warna merah ya, untuk kado."
    )
    assert "Chat on WhatsApp" in page


def test_a_tampered_confirmation_link_is_not_found(client, bag):
    send(client, variant_of(bag))
    order = OrderRequest.objects.get()
    assert client.get(f"/pesan/terkirim/{order.pk}/").status_code == 404
    signed = sign_order(order)
    assert client.get(f"/pesan/terkirim/{signed}x/").status_code == 404
    assert client.get(f"/pesan/terkirim/{signed}/").status_code == 200


def test_the_same_form_sent_twice_saves_one_request(client, bag):
    data = with_token(GOOD)
    url = order_url(variant_of(bag), "en")
    first = client.post(url, data)
    second = client.post(url, data)
    assert OrderRequest.objects.count() == 1
    assert second.status_code == 303
    assert second["Location"] == first["Location"]
    page = page_of(client.get(second["Location"]))
    assert "This was already saved; here is the result." in page


# --- Mistakes -------------------------------------------------------------------

BAD = [
    ("quantity", "0", "At least 1 piece."),
    (
        "quantity",
        "100",
        "At most 99 pieces in one request; for more, chat with us on WhatsApp.",
    ),
    ("quantity", "abc", "Write the number of pieces in digits, e.g. 2."),
    ("quantity", "", "Write how many pieces you would like, e.g. 1."),
    ("quantity", "-1", "At least 1 piece."),
    ("whatsapp", "12345", "Start an Indonesian number with 08 or +62."),
    ("whatsapp", "0812-34", "This number is too short"),
    ("whatsapp", "0812 abc 7890", "A WhatsApp number may only contain digits"),
    ("whatsapp", "", "Please write your WhatsApp number."),
    ("name", "", "Please write your name, so we know whom to answer."),
    ("name", "   ", "Please write your name, so we know whom to answer."),
    ("name", "S" * 121, "The name is too long: at most 120 characters."),
    (
        "note",
        "x" * 1001,
        "The note is too long: at most 1000 characters (yours has 1001).",
    ),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD)
def test_a_mistake_is_explained_saves_nothing_and_keeps_what_was_typed(
    client, bag, field, value, message
):
    response = send(client, variant_of(bag), **{field: value})
    page = page_of(response)
    assert response.status_code == 400
    assert message in page
    assert "Please check the marked fields: nothing was sent yet." in page
    assert 'aria-invalid="true"' in page
    assert not OrderRequest.objects.exists()
    # Every field keeps what was typed, the wrong one too.
    typed = {**GOOD, field: value}
    for name in ("name", "whatsapp", "quantity"):
        if typed[name].strip():
            assert f'name="{name}" value="{typed[name]}"' in page, name
    assert f">\n{typed['note']}</textarea>" in page


def test_a_mistake_is_told_in_indonesian_on_the_indonesian_form(client, bag):
    response = send(client, variant_of(bag), language="id", whatsapp="12345")
    page = page_of(response)
    assert response.status_code == 400
    assert "Nomor Indonesia diawali 08 atau +62." in page
    assert 'value="12345"' in page


def test_the_corrected_form_is_sent_with_the_same_token(client, bag):
    data = with_token({**GOOD, "quantity": "0"})
    url = order_url(variant_of(bag), "en")
    assert client.post(url, data).status_code == 400
    response = client.post(url, {**data, "quantity": "1"})
    assert response.status_code == 302
    assert OrderRequest.objects.get().quantity == 1


def test_a_product_archived_while_she_types_is_refused_with_a_message(client, bag):
    page = client.get(order_url(variant_of(bag), "en"))
    assert page.status_code == 200
    bag.status = Status.ARCHIVED
    bag.save(update_fields=["status"])
    assert send(client, variant_of(bag)).status_code == 404
    assert not OrderRequest.objects.exists()


# --- Spam -----------------------------------------------------------------------


def test_a_filled_hidden_field_looks_sent_but_saves_nothing(client, bag):
    response = send(client, variant_of(bag), website="http://spam.example")
    page = page_of(response)
    assert response.status_code == 200
    assert "Thank you, Siti Aminah!" in page
    assert not OrderRequest.objects.exists()


def ip_client(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def test_the_sixth_request_from_one_address_is_refused(bag):
    customer = ip_client("203.0.113.7")
    for number in range(ratelimit.LIMIT):
        assert (
            send(customer, variant_of(bag), name=f"Pembeli {number}").status_code == 302
        )
    response = send(customer, variant_of(bag), name="Pembeli Enam", note="Enam")
    page = page_of(response)
    assert response.status_code == 429
    assert (
        "Too many requests were sent from your connection in a short time. Please "
        "wait 10 minutes and send again; what you typed is kept."
    ) in page
    assert 'name="name" value="Pembeli Enam"' in page
    assert ">\nEnam</textarea>" in page
    assert OrderRequest.objects.count() == ratelimit.LIMIT
    assert not OrderRequest.objects.filter(name="Pembeli Enam").exists()


def test_another_address_can_still_send(bag):
    for _ in range(ratelimit.LIMIT):
        send(ip_client("203.0.113.7"), variant_of(bag))
    assert send(ip_client("203.0.113.7"), variant_of(bag)).status_code == 429
    assert send(ip_client("198.51.100.20"), variant_of(bag)).status_code == 302
    assert OrderRequest.objects.count() == ratelimit.LIMIT + 1


def test_the_count_is_kept_in_the_shared_cache(bag):
    """Each send from a fresh client; a cache opened afresh reads the same count."""
    for _ in range(3):
        send(ip_client("203.0.113.7"), variant_of(bag))
    request = type("Request", (), {"META": {"REMOTE_ADDR": "203.0.113.7"}})()
    # A new connection to the default cache, as another worker would open.
    other_worker = caches.create_connection("default")
    assert other_worker is not caches["default"]
    assert other_worker.get(ratelimit.client_key(request)) == 3
    other_worker.incr(ratelimit.client_key(request), 2)
    assert send(ip_client("203.0.113.7"), variant_of(bag)).status_code == 429
    assert OrderRequest.objects.count() == 3


def test_mistakes_do_not_use_up_the_limit(bag):
    customer = ip_client("203.0.113.7")
    for _ in range(ratelimit.LIMIT + 2):
        assert send(customer, variant_of(bag), quantity="0").status_code == 400
    assert send(customer, variant_of(bag)).status_code == 302


def test_the_hidden_field_counts_against_the_limit(bag):
    bot = ip_client("203.0.113.66")
    for _ in range(ratelimit.LIMIT):
        assert send(bot, variant_of(bag), website="x").status_code == 200
    assert send(bot, variant_of(bag)).status_code == 429
    assert not OrderRequest.objects.exists()


def test_a_refused_request_can_be_sent_later_with_the_same_token(bag):
    customer = ip_client("203.0.113.7")
    for _ in range(ratelimit.LIMIT):
        send(customer, variant_of(bag))
    data = with_token({**GOOD, "name": "Nanti Saja"})
    url = order_url(variant_of(bag), "en")
    assert customer.post(url, data).status_code == 429
    caches["default"].delete(
        ratelimit.client_key(type("R", (), {"META": {"REMOTE_ADDR": "203.0.113.7"}})())
    )
    assert customer.post(url, data).status_code == 302
    assert OrderRequest.objects.filter(name="Nanti Saja").count() == 1


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
    ],
)
def test_addresses_are_counted_by_client_and_ipv6_by_its_network(address, key):
    request = type("Request", (), {"META": {"REMOTE_ADDR": address}})()
    assert ratelimit.client_key(request) == ratelimit.KEY_PREFIX + key


def test_a_second_variant_can_be_ordered(client, bag):
    other = add_variant(bag, option1="Hijau", stock=1)
    send(client, other, quantity="1")
    assert OrderRequest.objects.get().variant == other


def test_the_form_offers_whatsapp_with_the_product_written_in(client, bag):
    variant = variant_of(bag)
    number, text = wa_text(page_of(client.get(order_url(variant, "en"))))
    assert number == CO_OP_NUMBER
    assert text == (
        "Hello Hira Rajut, I would like to order:\n"
        "Tas Rajut Mawar\n"
        f"SKU: {variant.sku}\n"
        "Price: Rp 185.000\n"
        f"http://testserver/en/produk/{bag.slug}/"
    )


def test_without_a_co_op_number_the_pages_offer_no_whatsapp_link(client, bag):
    shop_settings(whatsapp="")
    assert "wa.me" not in client.get(order_url(variant_of(bag))).content.decode()
    response = send(client, variant_of(bag))
    sent = client.get(response["Location"]).content.decode()
    assert "Thank you" in sent and "wa.me" not in sent


def test_behind_a_proxy_the_visitor_is_the_address_the_proxy_appended(settings):
    from django.test import RequestFactory

    from storefront.orders.ratelimit import client_key

    forged_then_real = {
        "REMOTE_ADDR": "10.0.0.1",
        "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.7",
    }
    request = RequestFactory().get("/", **forged_then_real)
    settings.BEHIND_PROXY = False
    assert client_key(request).endswith(":10.0.0.1")
    settings.BEHIND_PROXY = True
    assert client_key(request).endswith(":203.0.113.7")
