"""The entry pages of the ledger: sales, payments, expenses, wages, and the admin."""

from collections import Counter
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from catalog.models import Availability, Product, Status, Variant
from members.roles import Role
from production.services import hand_in_accept
from sales.models import (
    EntryStatus,
    Expense,
    ExpenseCategory,
    Payment,
    Sale,
    SaleLine,
)
from sales.services import expense_record, expense_reverse, sale_reverse
from tests.catalog.factories import ProductFactory, jpeg_bytes
from tests.conftest import with_token
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate
from tests.sales.entry_factories import bulk_expenses, bulk_sales, make_sale

pytestmark = pytest.mark.django_db

CUSTOMER = "Bu Ratna dari Bobotsari"
TODAY = timezone.localdate


def t(message: str) -> str:
    """A message as the (Indonesian) page shows it."""
    with translation.override("id"):
        return gettext(message)


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN)


@pytest.fixture
def admin_client(admin):
    client = Client()
    client.force_login(admin.user)
    return client


@pytest.fixture
def bag():
    return ProductFactory(name="Tas Rajut Mawar", price=185_000, stock=5)


@pytest.fixture
def purse():
    return ProductFactory(name="Dompet Koin", price=45_000, stock=3)


def variant_of(product) -> Variant:
    return Variant.objects.get(product=product)


def stock_of(product) -> int:
    return variant_of(product).stock


def sale_data(lines, *, total_forms=3, **overrides) -> dict:
    """The sale form as a browser posts it; ``lines`` are (variant id, qty, price)."""
    data = {
        "date": TODAY().isoformat(),
        "channel": "whatsapp",
        "customer_name": CUSTOMER,
        "customer_whatsapp": "",
        "discount": "0",
        "shipping_charged": "0",
        "marketplace_fee": "0",
        "paid": "lunas",
        "due_date": "",
        "note": "",
        "lines-TOTAL_FORMS": str(max(total_forms, len(lines))),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "30",
        "action": "post",
    }
    for index in range(int(data["lines-TOTAL_FORMS"])):
        variant, quantity, price = lines[index] if index < len(lines) else ("", "1", "")
        data[f"lines-{index}-variant"] = str(variant)
        data[f"lines-{index}-quantity"] = str(quantity)
        data[f"lines-{index}-unit_price"] = str(price)
    data.update(overrides)
    return data


def post_sale(client, lines, **overrides):
    return client.post(
        reverse("sales:sale-create"), with_token(sale_data(lines, **overrides))
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def error_codes(response) -> set[str]:
    """Codes of every error on the sale form and its lines."""
    codes = set()
    form = response.context["form"]
    for errors in form.errors.as_data().values():
        codes |= {error.code for error in errors}
    formset = response.context.get("formset")
    if formset is not None:
        for line in formset.forms:
            for field, errors in line.errors.as_data().items():
                codes |= {f"line-{field}"} | {error.code for error in errors}
        codes |= {error.code for error in formset.non_form_errors().as_data()}
    return codes


def assert_nothing_saved(response, *stocks):
    assert response.status_code == 400
    assert not Sale.objects.exists()
    assert not SaleLine.objects.exists()
    # What was typed is still there to correct.
    assert CUSTOMER in response.content.decode()
    for product, stock in stocks:
        assert stock_of(product) == stock


# Who may use the pages ---------------------------------------------------------


def page_urls(sale_pk: int, expense_pk: int) -> list[tuple[str, str]]:
    return [
        ("get", reverse("sales:sale-list")),
        ("get", reverse("sales:sale-create")),
        ("get", reverse("sales:sale-detail", args=[sale_pk])),
        ("post", reverse("sales:sale-post", args=[sale_pk])),
        ("post", reverse("sales:sale-reverse", args=[sale_pk])),
        ("post", reverse("sales:payment-create", args=[sale_pk])),
        ("post", reverse("sales:sale-delete", args=[sale_pk])),
        ("get", reverse("sales:expense-list")),
        ("get", reverse("sales:expense-create")),
        ("post", reverse("sales:expense-post", args=[expense_pk])),
        ("post", reverse("sales:expense-reverse", args=[expense_pk])),
        ("get", reverse("sales:wages")),
        ("post", reverse("sales:wages-pay")),
    ]


@pytest.fixture
def one_of_each(admin, bag):
    sale = make_sale(user=admin.user, lines=[(variant_of(bag), 1)], post=False)
    expense = expense_record(
        date=TODAY(), category="yarn", amount=50_000, recorded_by=admin.user
    )
    return sale, expense


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_members_and_trainers_get_403_on_every_page_and_action(
    client, one_of_each, role
):
    sale, expense = one_of_each
    client.force_login(MemberFactory(role=role).user)
    for method, url in page_urls(sale.pk, expense.pk):
        response = getattr(client, method)(url, {"reason": "x"})
        assert response.status_code == 403, url
    assert Sale.objects.get().status == EntryStatus.DRAFT
    assert Expense.objects.count() == 1


def test_anonymous_visitors_are_sent_to_the_login_page(client, one_of_each):
    sale, expense = one_of_each
    login = reverse("members:login")
    for method, url in page_urls(sale.pk, expense.pk):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(login), url


def test_admin_opens_every_page(admin_client, one_of_each):
    sale, _expense = one_of_each
    for url in [
        reverse("sales:sale-list"),
        reverse("sales:sale-create"),
        reverse("sales:sale-detail", args=[sale.pk]),
        reverse("sales:expense-list"),
        reverse("sales:expense-create"),
        reverse("sales:wages"),
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_actions_refuse_get(admin_client, one_of_each):
    sale, expense = one_of_each
    for method, url in page_urls(sale.pk, expense.pk):
        if method == "post":
            assert admin_client.get(url).status_code == 405, url


def test_pages_have_no_inline_scripts_or_styles(admin_client, one_of_each):
    sale, _expense = one_of_each
    for url in [
        reverse("sales:sale-create"),
        reverse("sales:sale-detail", args=[sale.pk]),
        reverse("sales:expense-list"),
    ]:
        page = admin_client.get(url).content.decode()
        assert "style=" not in page
        assert "<script>" not in page
        assert "sales-entries.css" in page


# Recording a sale -----------------------------------------------------------------


def test_sale_form_starts_with_one_line_and_a_product_picker(admin_client, bag):
    response = admin_client.get(reverse("sales:sale-create"))
    page = response.content.decode()
    # Products are searched in the picker, not listed in the page.
    assert "Tas Rajut Mawar" not in page
    assert reverse("sales:product-picker") in page
    assert 'name="lines-0-product"' in page
    assert 'type="hidden" name="lines-0-variant"' in page
    form = response.context["form"]
    assert form["date"].value() == TODAY()
    assert len(response.context["formset"].forms) == 1
    assert 'id="line-template"' in page


def test_sale_of_two_products_posted_takes_stock_and_is_paid(
    admin_client, admin, bag, purse
):
    response = post_sale(
        admin_client, [(variant_of(bag).pk, 2, ""), (variant_of(purse).pk, 1, "")]
    )
    sale = Sale.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("sales:sale-detail", args=[sale.pk])
    assert sale.status == EntryStatus.POSTED
    assert sale.number == f"PJ-{TODAY().year}-000001"
    assert sale.total == 2 * 185_000 + 45_000
    assert sale.customer_name == CUSTOMER
    assert sale.created_by == admin.user == sale.posted_by
    assert stock_of(bag) == 3
    assert stock_of(purse) == 2
    assert Payment.objects.get(sale=sale).amount == sale.total


def test_save_as_draft_keeps_stock_and_number_empty(admin_client, bag):
    post_sale(admin_client, [(variant_of(bag).pk, 2, "")], action="draft")
    sale = Sale.objects.get()
    assert sale.status == EntryStatus.DRAFT
    assert sale.number is None
    assert stock_of(bag) == 5
    assert not Payment.objects.exists()


def test_more_lines_than_the_three_empty_rows_are_saved(admin_client):
    products = [ProductFactory(price=10_000 * (i + 1), stock=2) for i in range(5)]
    lines = [(variant_of(p).pk, 1, "") for p in products]
    post_sale(admin_client, lines, total_forms=5)
    assert SaleLine.objects.count() == 5
    assert Sale.objects.get().total == 150_000


def test_price_override_discount_shipping_and_fee_make_the_total(admin_client, bag):
    post_sale(
        admin_client,
        [(variant_of(bag).pk, 2, "Rp 170.000")],
        discount="10.000",
        shipping_charged="15000",
        marketplace_fee="8.500",
        channel="shopee",
    )
    sale = Sale.objects.get()
    line = sale.lines.get()
    assert line.unit_price == 170_000
    assert sale.subtotal == 340_000
    assert sale.total == 340_000 - 10_000 + 15_000 - 8_500
    assert sale.channel == "shopee"


def test_unpaid_sale_has_a_due_date_and_no_payment(admin_client, bag):
    due = TODAY() + timedelta(days=14)
    post_sale(admin_client, [(variant_of(bag).pk, 1, "")], paid="belum", due_date=due)
    sale = Sale.objects.get()
    assert sale.due_date == due
    assert not sale.payments.exists()
    page = admin_client.get(reverse("sales:sale-list")).content.decode()
    assert "text-bg-danger" in page
    assert "Rp 185.000" in page


def test_paid_sale_ignores_a_due_date_typed_before_choosing_paid(admin_client, bag):
    due = TODAY() + timedelta(days=3)
    post_sale(admin_client, [(variant_of(bag).pk, 1, "")], due_date=due)
    sale = Sale.objects.get()
    assert sale.due_date is None
    assert sale.payments.get().amount == 185_000


def test_customer_whatsapp_is_stored_normalised(admin_client, bag):
    post_sale(
        admin_client, [(variant_of(bag).pk, 1, "")], customer_whatsapp="0812-3456-7890"
    )
    assert Sale.objects.get().customer_whatsapp == "6281234567890"


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ((None, "0", ""), "line-quantity"),
        ((None, "-2", ""), "line-quantity"),
        ((None, "", ""), "line-quantity"),
        ((None, "1", "-5000"), "line-unit_price"),
        ((None, "1", "seratus ribu"), "line-unit_price"),
        ((999_999, "1", ""), "unknown_product"),
    ],
)
def test_bad_line_is_refused_with_a_message_and_nothing_saved(
    admin_client, bag, line, code
):
    variant, quantity, price = line
    response = post_sale(
        admin_client, [(variant or variant_of(bag).pk, quantity, price)]
    )
    assert_nothing_saved(response, (bag, 5))
    assert code in error_codes(response)
    assert 'class="alert alert-danger"' in response.content.decode()


def test_unknown_product_says_so(admin_client, bag):
    response = post_sale(admin_client, [(999_999, 1, "")])
    assert_nothing_saved(response, (bag, 5))
    assert t("Unknown product.") in response.content.decode()


def test_archived_product_is_refused_by_name(admin_client, bag):
    Product.objects.filter(pk=bag.pk).update(status=Status.ARCHIVED)
    response = post_sale(admin_client, [(variant_of(bag).pk, 1, "")])
    assert_nothing_saved(response, (bag, 5))
    assert "archived_product" in error_codes(response)
    assert "Tas Rajut Mawar" in str(response.context["form"].non_field_errors())


def test_discount_larger_than_the_goods_is_refused(admin_client, bag):
    response = post_sale(admin_client, [(variant_of(bag).pk, 1, "")], discount="200000")
    assert_nothing_saved(response, (bag, 5))
    assert "discount_too_large" in error_codes(response)
    assert response.context["form"].errors["discount"]
    # The money section is open, so the marked field is seen.
    assert 'more-money" open' in response.content.decode()


def test_negative_discount_is_refused(admin_client, bag):
    response = post_sale(admin_client, [(variant_of(bag).pk, 1, "")], discount="-5")
    assert_nothing_saved(response, (bag, 5))
    assert response.context["form"].errors["discount"]


def test_due_date_before_the_sale_date_is_refused(admin_client, bag):
    response = post_sale(
        admin_client,
        [(variant_of(bag).pk, 1, "")],
        paid="belum",
        due_date=(TODAY() - timedelta(days=1)).isoformat(),
    )
    assert_nothing_saved(response, (bag, 5))
    assert "due_before_sale" in error_codes(response)
    assert response.context["form"].errors["due_date"]


def test_unpaid_without_a_due_date_is_refused(admin_client, bag):
    response = post_sale(admin_client, [(variant_of(bag).pk, 1, "")], paid="belum")
    assert_nothing_saved(response, (bag, 5))
    assert response.context["form"].errors["due_date"]


def test_sale_without_products_is_refused(admin_client, bag):
    response = post_sale(admin_client, [])
    assert_nothing_saved(response, (bag, 5))
    assert "no_lines" in error_codes(response)


def test_quantity_without_a_product_is_refused(admin_client, bag):
    response = post_sale(admin_client, [("", "3", "")])
    assert_nothing_saved(response, (bag, 5))
    assert "line-variant" in error_codes(response)


def test_refused_sale_keeps_every_line_typed(admin_client, bag, purse):
    response = post_sale(
        admin_client,
        [(variant_of(bag).pk, 2, "170000"), (variant_of(purse).pk, 0, "")],
    )
    assert response.status_code == 400
    page = response.content.decode()
    for index, product in enumerate((bag, purse)):
        pk = variant_of(product).pk
        assert f'name="lines-{index}-variant" value="{pk}"' in page
        assert product.name in page
    assert 'value="170000"' in page


def test_not_enough_stock_saves_nothing_and_keeps_the_form(admin_client, bag):
    response = post_sale(admin_client, [(variant_of(bag).pk, 6, "")])
    assert response.status_code == 400
    assert not Sale.objects.exists()
    assert stock_of(bag) == 5
    assert not Payment.objects.exists()
    page = response.content.decode()
    reason = t("Not enough stock of %(item)s: %(left)s left, %(wanted)s sold.") % {
        "item": "Tas Rajut Mawar",
        "left": 5,
        "wanted": 6,
    }
    assert reason in page
    # What was typed is still there, to fix and send again.
    assert 'value="6"' in page


def test_pre_order_product_sells_without_stock(admin_client):
    made_to_order = ProductFactory(
        name="Ransel Pesanan",
        availability=Availability.PREORDER,
        lead_time_days=14,
        stock=0,
    )
    post_sale(admin_client, [(variant_of(made_to_order).pk, 2, "")])
    sale = Sale.objects.get()
    assert sale.status == EntryStatus.POSTED
    assert stock_of(made_to_order) == 0


# A sale's page and its actions -------------------------------------------------------


def test_sale_page_shows_lines_totals_payments_and_who(admin_client, admin, bag):
    sale = make_sale(
        user=admin.user, lines=[(variant_of(bag), 2)], customer_name=CUSTOMER
    )
    page = admin_client.get(reverse("sales:sale-detail", args=[sale.pk]))
    html = page.content.decode()
    assert sale.number in html
    assert "2 ×</strong> Tas Rajut Mawar" in html
    assert "Rp 370.000" in html
    assert CUSTOMER in html
    assert admin.full_name in html
    assert f'data-stock-left="{variant_of(bag).pk}"' in html
    # Paid in full: nothing more to record; no delete for a posted sale.
    assert reverse("sales:payment-create", args=[sale.pk]) not in html
    assert reverse("sales:sale-delete", args=[sale.pk]) not in html
    assert reverse("sales:sale-reverse", args=[sale.pk]) in html


def test_draft_page_offers_post_and_delete_but_no_reversal(admin_client, admin, bag):
    sale = make_sale(user=admin.user, lines=[(variant_of(bag), 1)], post=False)
    html = admin_client.get(reverse("sales:sale-detail", args=[sale.pk])).content
    html = html.decode()
    assert reverse("sales:sale-post", args=[sale.pk]) in html
    assert reverse("sales:sale-delete", args=[sale.pk]) in html
    assert reverse("sales:sale-reverse", args=[sale.pk]) not in html


def test_posting_a_draft_takes_stock(admin_client, admin, bag):
    sale = make_sale(user=admin.user, lines=[(variant_of(bag), 2)], post=False)
    response = admin_client.post(
        reverse("sales:sale-post", args=[sale.pk]), with_token()
    )
    assert response.status_code == 302
    sale.refresh_from_db()
    assert sale.status == EntryStatus.POSTED
    assert stock_of(bag) == 3


def test_the_final_record_address_speaks_plainly_and_the_old_one_still_works(
    admin_client, admin, bag
):
    # The plain word in the address too; a form left open on the old address
    # (…/posting/) before it moved still records the sale.
    first = make_sale(user=admin.user, lines=[(variant_of(bag), 1)], post=False)
    second = make_sale(user=admin.user, lines=[(variant_of(bag), 1)], post=False)
    assert reverse("sales:sale-post", args=[first.pk]).endswith("/catat-final/")

    response = admin_client.post(
        f"/keuangan/penjualan/{second.pk}/posting/", with_token()
    )

    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == EntryStatus.POSTED
    assert stock_of(bag) == 4


def test_posting_twice_is_refused_and_takes_stock_once(admin_client, admin, bag):
    sale = make_sale(user=admin.user, lines=[(variant_of(bag), 2)], post=False)
    url = reverse("sales:sale-post", args=[sale.pk])
    admin_client.post(url, with_token())
    response = admin_client.post(url, with_token())
    assert t("This sale is already posted.") in messages_of(response)
    assert stock_of(bag) == 3
    assert Payment.objects.count() == 1
    assert Sale.objects.get().number.endswith("000001")


def reverse_sale(client, sale, reason="Dikembalikan pembeli"):
    return client.post(
        reverse("sales:sale-reverse", args=[sale.pk]), with_token({"reason": reason})
    )


def test_reversal_returns_the_stock_and_links_both_ways(admin_client, admin, bag):
    sale = make_sale(user=admin.user, lines=[(variant_of(bag), 2)])
    response = reverse_sale(admin_client, sale)
    reversal = Sale.objects.get(reverses=sale)
    assert response.url == reverse("sales:sale-detail", args=[reversal.pk])
    assert reversal.total == -sale.total
    assert reversal.note == "Dikembalikan pembeli"
    assert stock_of(bag) == 5
    original_page = admin_client.get(reverse("sales:sale-detail", args=[sale.pk]))
    reversal_page = admin_client.get(response.url)
    assert reversal.number in original_page.content.decode()
    assert sale.number in reversal_page.content.decode()
    assert reverse("sales:sale-reverse", args=[sale.pk]) not in (
        original_page.content.decode()
    )


def test_reversal_needs_a_reason(admin_client, admin, bag):
    sale = make_sale(user=admin.user, lines=[(variant_of(bag), 2)])
    response = reverse_sale(admin_client, sale, reason="  ")
    assert response.status_code == 400
    assert response.context["reverse_form"].errors["reason"]
    assert 'id="reverse" open' in response.content.decode()
    assert not Sale.objects.filter(reverses=sale).exists()
    assert stock_of(bag) == 3


def test_reversing_twice_is_refused(admin_client, admin, bag):
    sale = make_sale(user=admin.user, lines=[(variant_of(bag), 2)])
    reverse_sale(admin_client, sale)
    response = reverse_sale(admin_client, sale)
    assert Sale.objects.filter(reverses__isnull=False).count() == 1
    assert stock_of(bag) == 5
    assert any(sale.number in message for message in messages_of(response))


def test_reversing_a_reversal_is_refused(admin_client, admin, bag):
    sale = make_sale(user=admin.user, lines=[(variant_of(bag), 2)])
    reversal = sale_reverse(sale=sale, reversed_by=admin.user, reason="salah")
    response = reverse_sale(admin_client, reversal)
    assert t("A reversal cannot be reversed.") in messages_of(response)
    assert Sale.objects.count() == 2
    assert stock_of(bag) == 5


def test_reversing_a_draft_is_refused(admin_client, admin, bag):
    sale = make_sale(user=admin.user, lines=[(variant_of(bag), 2)], post=False)
    reverse_sale(admin_client, sale)
    assert Sale.objects.count() == 1
    assert stock_of(bag) == 5


def pay(client, sale, amount, **extra):
    data = {"amount": amount, "date": TODAY().isoformat(), "note": ""}
    data.update(extra)
    return client.post(
        reverse("sales:payment-create", args=[sale.pk]), with_token(data)
    )


@pytest.fixture
def unpaid_sale(admin, bag):
    return make_sale(
        user=admin.user,
        lines=[(variant_of(bag), 1)],
        due_date=TODAY() + timedelta(days=7),
    )


def test_payments_bring_the_outstanding_amount_down(admin_client, unpaid_sale):
    url = reverse("sales:sale-detail", args=[unpaid_sale.pk])
    page = admin_client.get(url).content.decode()
    assert reverse("sales:payment-create", args=[unpaid_sale.pk]) in page
    assert 'value="185000"' in page
    pay(admin_client, unpaid_sale, "100.000")
    assert admin_client.get(url).context["outstanding"] == 85_000
    pay(admin_client, unpaid_sale, "85000")
    page = admin_client.get(url)
    assert page.context["outstanding"] == 0
    assert page.context["payment_form"] is None
    assert sum(p.amount for p in unpaid_sale.payments.all()) == 185_000


def test_payment_above_what_is_owed_is_refused_and_kept(admin_client, unpaid_sale):
    response = pay(admin_client, unpaid_sale, "200000", note="transfer BRI")
    assert response.status_code == 400
    assert (
        "overpaid" in error_codes(response) or response.context["payment_form"].errors
    )
    assert "transfer BRI" in response.content.decode()
    assert not unpaid_sale.payments.exists()


@pytest.mark.parametrize("amount", ["0", "-100", "", "abc"])
def test_payment_of_no_money_is_refused(admin_client, unpaid_sale, amount):
    response = pay(admin_client, unpaid_sale, amount)
    assert response.status_code == 400
    assert response.context["payment_form"].errors["amount"]
    assert not unpaid_sale.payments.exists()


def test_payment_dated_before_the_sale_is_refused(admin_client, unpaid_sale):
    response = pay(
        admin_client, unpaid_sale, "1000", date=(TODAY() - timedelta(days=1))
    )
    assert response.status_code == 400
    assert response.context["payment_form"].errors["date"]
    assert not unpaid_sale.payments.exists()


def test_payment_to_a_reversed_sale_is_refused(admin_client, admin, unpaid_sale):
    sale_reverse(sale=unpaid_sale, reversed_by=admin.user, reason="batal")
    response = pay(admin_client, unpaid_sale, "1000")
    assert response.status_code == 400
    assert not Payment.objects.exists()


def test_deleting_a_draft_removes_it(admin_client, admin, bag):
    sale = make_sale(user=admin.user, lines=[(variant_of(bag), 1)], post=False)
    response = admin_client.post(
        reverse("sales:sale-delete", args=[sale.pk]), with_token()
    )
    assert response.url == reverse("sales:sale-list")
    assert not Sale.objects.exists()
    assert not SaleLine.objects.exists()
    assert stock_of(bag) == 5


def test_deleting_a_posted_sale_is_refused(admin_client, admin, bag):
    sale = make_sale(user=admin.user, lines=[(variant_of(bag), 1)])
    response = admin_client.post(
        reverse("sales:sale-delete", args=[sale.pk]), with_token()
    )
    assert response.url == reverse("sales:sale-detail", args=[sale.pk])
    assert Sale.objects.get().status == EntryStatus.POSTED
    assert SaleLine.objects.count() == 1
    assert messages_of(response)


# The sales list -----------------------------------------------------------------


def test_sale_list_shows_badges_and_filters_by_channel(admin_client, admin, bag):
    draft = make_sale(
        user=admin.user, lines=[(variant_of(bag), 1)], post=False, channel="shopee"
    )
    posted = make_sale(
        user=admin.user, lines=[(variant_of(bag), 1)], customer_name="Mbak Dewi"
    )
    reversal = sale_reverse(sale=posted, reversed_by=admin.user, reason="retur")
    page = admin_client.get(reverse("sales:sale-list")).content.decode()
    assert t("Draft") in page
    assert posted.number in page and reversal.number in page
    assert "Mbak Dewi" in page
    assert "-Rp 185.000" in page
    shopee = admin_client.get(reverse("sales:sale-list"), {"kanal": "shopee"})
    assert [s.pk for s in shopee.context["page"]] == [draft.pk]
    drafts = admin_client.get(reverse("sales:sale-list"), {"status": "draf"})
    assert [s.pk for s in drafts.context["page"]] == [draft.pk]


def test_unpaid_filter_lists_only_sales_with_money_owed(
    admin_client, admin, bag, unpaid_sale
):
    make_sale(user=admin.user, lines=[(variant_of(bag), 1)])
    response = admin_client.get(reverse("sales:sale-list"), {"status": "belum-lunas"})
    assert [s.pk for s in response.context["page"]] == [unpaid_sale.pk]


def test_unknown_filters_show_everything(admin_client, admin, bag):
    make_sale(user=admin.user, lines=[(variant_of(bag), 1)])
    response = admin_client.get(
        reverse("sales:sale-list"), {"kanal": "x", "status": "y", "page": "zz"}
    )
    assert len(response.context["page"]) == 1


LIST_QUERIES = 8


def count_queries(client, url, assert_max) -> int:
    with assert_max(LIST_QUERIES) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("filters", ["", "?kanal=shopee", "?status=belum-lunas"])
def test_sale_list_queries_do_not_grow_with_the_sales(
    admin_client, admin, bag, django_assert_max_num_queries, filters
):
    url = reverse("sales:sale-list") + filters
    bulk_sales(10, user=admin.user, variant=variant_of(bag))
    few = count_queries(admin_client, url, django_assert_max_num_queries)
    bulk_sales(190, user=admin.user, variant=variant_of(bag), start=11)
    assert Sale.objects.count() > 200
    many = count_queries(admin_client, url, django_assert_max_num_queries)
    assert few == many


def test_expense_list_queries_do_not_grow_with_the_expenses(
    admin_client, admin, django_assert_max_num_queries
):
    url = reverse("sales:expense-list")
    bulk_expenses(10, user=admin.user)
    few = count_queries(admin_client, url, django_assert_max_num_queries)
    bulk_expenses(190, user=admin.user, start=11)
    many = count_queries(admin_client, url, django_assert_max_num_queries)
    assert few == many


# Expenses -----------------------------------------------------------------------


def expense_data(**overrides) -> dict:
    data = {
        "date": TODAY().isoformat(),
        "category": "yarn",
        "amount": "250.000",
        "note": "Benang katun 10 gulung",
        "receipt": "",
    }
    data.update(overrides)
    return data


def post_expense(client, **overrides):
    return client.post(
        reverse("sales:expense-create"), with_token(expense_data(**overrides))
    )


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file())


def test_expense_is_recorded_and_posted(admin_client, admin):
    response = post_expense(admin_client)
    expense = Expense.objects.get()
    assert response.url == reverse("sales:expense-list")
    assert expense.status == EntryStatus.POSTED
    assert expense.number == f"PG-{TODAY().year}-000001"
    assert expense.amount == 250_000
    assert expense.category == ExpenseCategory.YARN
    assert expense.created_by == admin.user
    page = admin_client.get(response.url).content.decode()
    assert expense.number in page and "Rp 250.000" in page


@pytest.mark.parametrize("amount", ["", "0", "-5000", "dua ratus"])
def test_expense_without_a_proper_amount_is_refused(admin_client, amount):
    response = post_expense(admin_client, amount=amount)
    assert response.status_code == 400
    assert response.context["form"].errors["amount"]
    assert "Benang katun 10 gulung" in response.content.decode()
    assert not Expense.objects.exists()


def test_wages_cannot_be_recorded_as_a_plain_expense(admin_client):
    response = post_expense(admin_client, category="member_wages")
    assert response.status_code == 400
    assert response.context["form"].errors["category"]
    assert not Expense.objects.exists()


def test_expense_with_a_receipt_photo_keeps_its_renditions(admin_client, _media_root):
    receipt = SimpleUploadedFile("nota.jpg", jpeg_bytes(640, 480), "image/jpeg")
    post_expense(admin_client, receipt=receipt)
    expense = Expense.objects.get()
    assert expense.status == EntryStatus.POSTED
    assert expense.receipt.original.name.startswith("sales/receipts/")
    assert (expense.receipt.width, expense.receipt.height) == (640, 480)
    assert {r["kind"] for r in expense.receipt.renditions} >= {"webp", "jpeg"}
    assert stored_files(_media_root)
    page = admin_client.get(reverse("sales:expense-list")).content.decode()
    assert expense.receipt.original.url in page


def test_receipt_that_is_not_a_photo_is_refused_and_nothing_kept(
    admin_client, _media_root
):
    receipt = SimpleUploadedFile("nota.jpg", b"bukan foto", "image/jpeg")
    response = post_expense(admin_client, receipt=receipt)
    assert response.status_code == 400
    assert response.context["form"].errors["receipt"]
    assert not Expense.objects.exists()
    assert stored_files(_media_root) == []


def test_refused_expense_after_the_photo_leaves_no_files(
    admin_client, _media_root, monkeypatch
):
    from sales.services import expenses

    def refuse(*args, **kwargs):
        raise ValidationError("no", code="refused")

    # Posting fails after the photo was stored.
    monkeypatch.setattr(expenses, "post_new_entry", refuse)
    receipt = SimpleUploadedFile("nota.jpg", jpeg_bytes(320, 240), "image/jpeg")
    response = post_expense(admin_client, receipt=receipt)
    assert response.status_code == 400
    assert not Expense.objects.exists()
    assert stored_files(_media_root) == []


def test_expense_reversal_needs_a_reason_and_happens_once(admin_client, admin):
    expense = expense_record(
        date=TODAY(), category="packaging", amount=40_000, recorded_by=admin.user
    )
    url = reverse("sales:expense-reverse", args=[expense.pk])
    admin_client.post(url, with_token({"reason": ""}))
    assert Expense.objects.count() == 1
    admin_client.post(url, with_token({"reason": "Salah ketik"}))
    response = admin_client.post(url, with_token({"reason": "Lagi"}))
    reversal = Expense.objects.get(reverses=expense)
    assert reversal.amount == -40_000
    assert Expense.objects.count() == 2
    assert any(expense.number in message for message in messages_of(response))
    again = admin_client.post(
        reverse("sales:expense-reverse", args=[reversal.pk]),
        with_token({"reason": "x"}),
    )
    assert t("A reversal cannot be reversed.") in messages_of(again)
    assert Expense.objects.count() == 2


def test_draft_expense_can_be_posted_from_the_list(admin_client, admin):
    draft = expense_record(
        date=TODAY(),
        category="shipping",
        amount=12_000,
        recorded_by=admin.user,
        post=False,
    )
    url = reverse("sales:expense-post", args=[draft.pk])
    admin_client.post(url, with_token())
    response = admin_client.post(url, with_token())
    assert Expense.objects.get().status == EntryStatus.POSTED
    assert t("This expense is already posted.") in messages_of(response)


def test_expense_list_filters_by_category(admin_client, admin):
    for category in ("yarn", "promotion"):
        expense_record(
            date=TODAY(), category=category, amount=1000, recorded_by=admin.user
        )
    response = admin_client.get(reverse("sales:expense-list"), {"kategori": "yarn"})
    assert [e.category for e in response.context["page"]] == ["yarn"]


# Wages --------------------------------------------------------------------------


@pytest.fixture
def earned(admin):
    """Sri's accepted pieces this month: 3 × Rp 20.000."""
    product = ProductFactory(stock=0)
    set_rate(product, 20_000)
    knitter = MemberFactory(role=Role.MEMBER, full_name="Sri Wahyuni")
    hand_in = make_hand_in(member=knitter, product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    return knitter


def pay_wages(client, member, amount, month=None):
    return client.post(
        reverse("sales:wages-pay"),
        with_token(
            {
                "member": member.pk,
                "month": (month or TODAY()).strftime("%Y-%m"),
                "amount": amount,
            }
        ),
    )


def test_wages_page_lists_unpaid_wages_per_member_and_month(admin_client, earned):
    response = admin_client.get(reverse("sales:wages"))
    [row] = response.context["rows"]
    assert row.member_id == earned.pk
    assert row.month == TODAY().replace(day=1)
    assert row.unpaid == 60_000
    assert "Sri Wahyuni" in response.content.decode()
    assert "Rp 60.000" in response.content.decode()


def test_paying_wages_records_a_wage_expense_and_clears_the_row(
    admin_client, admin, earned
):
    response = pay_wages(admin_client, earned, 60_000)
    assert response.url == reverse("sales:wages")
    expense = Expense.objects.get()
    assert expense.category == ExpenseCategory.MEMBER_WAGES
    assert expense.member == earned
    assert expense.wage_month == TODAY().replace(day=1)
    assert expense.amount == 60_000
    assert expense.is_posted
    page = admin_client.get(reverse("sales:wages"))
    assert page.context["rows"] == []
    assert expense.number in page.content.decode()


def test_paying_wages_twice_pays_once(admin_client, earned):
    pay_wages(admin_client, earned, 60_000)
    response = pay_wages(admin_client, earned, 60_000)
    assert Expense.objects.count() == 1
    assert messages_of(response)


def test_wages_changed_since_the_page_was_opened_are_not_paid(admin_client, earned):
    response = pay_wages(admin_client, earned, 40_000)
    assert not Expense.objects.exists()
    assert any("Rp 60.000" in message for message in messages_of(response))


def test_reversed_wages_show_up_as_unpaid_again(admin_client, admin, earned):
    pay_wages(admin_client, earned, 60_000)
    expense = Expense.objects.get()
    admin_client.post(
        reverse("sales:expense-reverse", args=[expense.pk]),
        with_token({"reason": "salah"}),
    )
    [row] = admin_client.get(reverse("sales:wages")).context["rows"]
    assert row.unpaid == 60_000


def test_bad_wage_payment_post_pays_nothing(admin_client, earned):
    response = admin_client.post(
        reverse("sales:wages-pay"), with_token({"member": "x"})
    )
    assert response.status_code == 302
    assert not Expense.objects.exists()


# The admin ----------------------------------------------------------------------


@pytest.fixture
def staff_client(admin):
    admin.user.is_staff = True
    admin.user.save()
    client = Client()
    client.force_login(admin.user)
    return client


def test_admin_lists_sales_and_expenses_read_only(staff_client, admin, bag):
    sale = make_sale(user=admin.user, lines=[(variant_of(bag), 1)], customer_name="Ina")
    sale_reverse(sale=sale, reversed_by=admin.user, reason="retur")
    expense = expense_record(
        date=TODAY(), category="yarn", amount=1000, recorded_by=admin.user
    )
    sales_page = staff_client.get(reverse("admin:sales_sale_changelist"))
    assert sales_page.status_code == 200
    html = sales_page.content.decode()
    assert sale.number in html and "Rp 185.000" in html and "-Rp 185.000" in html
    found = staff_client.get(reverse("admin:sales_sale_changelist"), {"q": "Ina"})
    assert found.status_code == 200
    change = staff_client.get(reverse("admin:sales_sale_change", args=[sale.pk]))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert reverse("sales:sale-detail", args=[sale.pk]) in change.content.decode()
    assert (
        staff_client.get(reverse("admin:sales_expense_changelist")).status_code == 200
    )
    for url in [
        reverse("admin:sales_sale_add"),
        reverse("admin:sales_sale_delete", args=[sale.pk]),
        reverse("admin:sales_expense_delete", args=[expense.pk]),
    ]:
        assert staff_client.get(url).status_code == 403, url
    posted = staff_client.post(
        reverse("admin:sales_sale_change", args=[sale.pk]), {"customer_name": "X"}
    )
    assert posted.status_code == 403
    assert Sale.objects.get(pk=sale.pk).customer_name == "Ina"


def listed(client, url_name: str, state: str) -> set:
    response = client.get(reverse(url_name), {"state": state})
    assert response.status_code == 200, state
    return set(response.context["cl"].result_list)


def test_admin_status_filters_work(staff_client, admin, bag):
    line = [(variant_of(bag), 1)]
    draft = make_sale(user=admin.user, lines=line, post=False)
    kept = make_sale(user=admin.user, lines=line)
    reversed_sale = make_sale(user=admin.user, lines=line)
    reversal = sale_reverse(sale=reversed_sale, reversed_by=admin.user, reason="retur")
    url = "admin:sales_sale_changelist"
    assert listed(staff_client, url, "draft") == {draft}
    # A reversal is posted too: it is an entry of its own.
    assert listed(staff_client, url, "posted") == {kept, reversed_sale, reversal}
    assert listed(staff_client, url, "reversal") == {reversal}
    assert listed(staff_client, url, "reversed") == {reversed_sale}
    assert listed(staff_client, url, "") == {draft, kept, reversed_sale, reversal}


def test_admin_status_filters_work_for_expenses(staff_client, admin):
    def record(post=True):
        return expense_record(
            date=timezone.localdate(),
            category="packaging",
            amount=40_000,
            recorded_by=admin.user,
            post=post,
        )

    draft, kept, reversed_expense = record(post=False), record(), record()
    reversal = expense_reverse(
        expense=reversed_expense, reversed_by=admin.user, reason="salah catat"
    )
    url = "admin:sales_expense_changelist"
    assert listed(staff_client, url, "draft") == {draft}
    assert listed(staff_client, url, "posted") == {kept, reversed_expense, reversal}
    assert listed(staff_client, url, "reversal") == {reversal}
    assert listed(staff_client, url, "reversed") == {reversed_expense}


# Demo data ----------------------------------------------------------------------


def test_demo_sales_are_seeded_once_with_stock_never_below_zero(settings):
    from django.core.management import call_command

    from demo.sales import seed_sales

    settings.DEBUG = True
    call_command("seed_demo")
    seed_sales()
    counts = (Sale.objects.count(), Expense.objects.count(), Payment.objects.count())
    seed_sales()
    assert (
        Sale.objects.count(),
        Expense.objects.count(),
        Payment.objects.count(),
    ) == counts
    assert counts[0] > 200
    assert not Variant.objects.filter(stock__lt=0).exists()
    assert Sale.objects.filter(reverses__isnull=False).count() >= 3
    assert Sale.objects.filter(status=EntryStatus.DRAFT).exists()
    channels = Counter(
        Sale.objects.filter(reverses__isnull=True).values_list("channel", flat=True)
    )
    assert channels["whatsapp"] > channels["instagram"]
    assert channels["shopee"] > channels["instagram"]
    categories = set(Expense.objects.values_list("category", flat=True))
    assert {"yarn", "packaging", "shipping", "promotion", "member_wages"} <= categories
    unpaid = list(Sale.objects.filter(due_date__isnull=False).owing())
    assert unpaid
