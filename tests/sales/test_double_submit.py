"""Every ledger form sent twice writes once and leads to the first result."""

import re

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog.models import StockMovement, StockReason, Variant
from members.roles import Role
from production.services import hand_in_accept
from sales.models import EntryStatus, Expense, ExpenseCategory, Payment, Sale
from sales.services import expense_record
from tests.catalog.factories import ProductFactory
from tests.conftest import forms_without_token, with_token
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate
from tests.sales.entry_factories import make_sale

pytestmark = pytest.mark.django_db

ALREADY_SAVED = "This was already saved; here is the result."
NO_TOKEN = "This form has no valid one-time code, so nothing was saved."
TODAY = timezone.localdate


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN)


@pytest.fixture
def admin_client(admin):
    client = Client()
    client.force_login(admin.user)
    # Messages in English, as the code writes them.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def bag():
    return ProductFactory(name="Tas Rajut Mawar", price=185_000, stock=5)


def variant_of(product) -> Variant:
    return Variant.objects.get(product=product)


def stock_of(product) -> int:
    return variant_of(product).stock


def movements(product, reason) -> int:
    return StockMovement.objects.filter(variant__product=product, reason=reason).count()


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def assert_led_to_first(first, second) -> None:
    assert first.status_code == 302
    assert second.status_code == 303
    assert second["Location"] == first["Location"]
    # Led to the first result, not told what a second attempt would have met.
    assert texts(second)[-1] == ALREADY_SAVED


def sale_data(product, quantity=2, **overrides) -> dict:
    return {
        "date": TODAY().isoformat(),
        "channel": "whatsapp",
        "customer_name": "Bu Ratna",
        "customer_whatsapp": "",
        "discount": "0",
        "shipping_charged": "0",
        "marketplace_fee": "0",
        "paid": "lunas",
        "due_date": "",
        "note": "",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "30",
        "lines-0-variant": str(variant_of(product).pk),
        "lines-0-quantity": str(quantity),
        "lines-0-unit_price": "",
        "action": "post",
        **overrides,
    }


def sale_url() -> str:
    return reverse("sales:sale-create")


# Sales ------------------------------------------------------------------------


def test_save_and_post_sent_twice_makes_one_sale_one_payment_and_takes_stock_once(
    admin_client, bag
):
    data = with_token(sale_data(bag))
    first = admin_client.post(sale_url(), data)
    second = admin_client.post(sale_url(), data)
    sale = Sale.objects.get()
    assert first["Location"] == reverse("sales:sale-detail", args=[sale.pk])
    assert_led_to_first(first, second)
    assert sale.status == EntryStatus.POSTED
    assert Payment.objects.count() == 1
    assert stock_of(bag) == 3
    assert movements(bag, StockReason.SALE_POSTED) == 1


def test_a_draft_sent_twice_makes_one_draft(admin_client, bag):
    data = with_token(sale_data(bag, action="draft"))
    first = admin_client.post(sale_url(), data)
    second = admin_client.post(sale_url(), data)
    assert_led_to_first(first, second)
    assert Sale.objects.get().status == EntryStatus.DRAFT
    assert stock_of(bag) == 5


def test_a_sale_refused_goes_through_once_with_the_same_token(admin_client, bag):
    data = with_token(sale_data(bag, quantity=9))  # more than the 5 in stock
    refused = admin_client.post(sale_url(), data)
    assert refused.status_code == 400
    assert not Sale.objects.exists()
    assert forms_without_token(refused) == []

    corrected = {**data, "lines-0-quantity": "1"}
    saved = admin_client.post(sale_url(), corrected)
    again = admin_client.post(sale_url(), corrected)
    assert_led_to_first(saved, again)
    assert Sale.objects.count() == 1
    assert stock_of(bag) == 4


def test_posting_a_draft_twice_posts_it_once(admin_client, admin, bag):
    draft = make_sale(user=admin.user, lines=[(variant_of(bag), 2)], post=False)
    url = reverse("sales:sale-post", args=[draft.pk])
    token = with_token()
    first = admin_client.post(url, token)
    second = admin_client.post(url, token)
    assert_led_to_first(first, second)
    draft.refresh_from_db()
    assert draft.status == EntryStatus.POSTED
    assert stock_of(bag) == 3
    assert movements(bag, StockReason.SALE_POSTED) == 1


def test_a_post_refused_for_the_stock_goes_through_with_the_same_token(
    admin_client, admin, bag
):
    draft = make_sale(user=admin.user, lines=[(variant_of(bag), 2)], post=False)
    other = make_sale(user=admin.user, lines=[(variant_of(bag), 4)])  # 1 left
    url = reverse("sales:sale-post", args=[draft.pk])
    token = with_token()
    refused = admin_client.post(url, token)
    assert refused.status_code == 302
    assert texts(refused)[-1].startswith("Not posted, the sale stays a draft")
    draft.refresh_from_db()
    assert draft.status == EntryStatus.DRAFT

    admin_client.post(
        reverse("sales:sale-reverse", args=[other.pk]), with_token({"reason": "batal"})
    )
    posted = admin_client.post(url, token)
    assert posted.status_code == 302
    draft.refresh_from_db()
    assert draft.status == EntryStatus.POSTED


def test_a_reversal_sent_twice_reverses_once(admin_client, admin, bag):
    sale = make_sale(user=admin.user, lines=[(variant_of(bag), 2)])
    url = reverse("sales:sale-reverse", args=[sale.pk])
    data = with_token({"reason": "Dikembalikan pembeli"})
    first = admin_client.post(url, data)
    second = admin_client.post(url, data)
    reversal = Sale.objects.get(reverses=sale)
    assert first["Location"] == reverse("sales:sale-detail", args=[reversal.pk])
    assert_led_to_first(first, second)
    assert Sale.objects.count() == 2
    assert stock_of(bag) == 5
    assert movements(bag, StockReason.SALE_REVERSED) == 1


def test_a_reversal_without_a_reason_goes_through_once_with_the_same_token(
    admin_client, admin, bag
):
    sale = make_sale(user=admin.user, lines=[(variant_of(bag), 2)])
    url = reverse("sales:sale-reverse", args=[sale.pk])
    token = with_token()
    refused = admin_client.post(url, {**token, "reason": ""})
    assert refused.status_code == 400
    assert forms_without_token(refused) == []
    saved = admin_client.post(url, {**token, "reason": "salah ketik"})
    again = admin_client.post(url, {**token, "reason": "salah ketik"})
    assert_led_to_first(saved, again)
    assert Sale.objects.filter(reverses=sale).count() == 1


def test_deleting_a_draft_twice_leads_to_the_list_both_times(admin_client, admin, bag):
    draft = make_sale(user=admin.user, lines=[(variant_of(bag), 1)], post=False)
    url = reverse("sales:sale-delete", args=[draft.pk])
    token = with_token()
    first = admin_client.post(url, token)
    second = admin_client.post(url, token)  # not a "not found" page
    assert first["Location"] == reverse("sales:sale-list")
    assert_led_to_first(first, second)
    assert not Sale.objects.exists()


# Payments ---------------------------------------------------------------------


@pytest.fixture
def unpaid_sale(admin, bag):
    return make_sale(
        user=admin.user,
        lines=[(variant_of(bag), 1)],
        due_date=TODAY(),
    )


def payment_url(sale) -> str:
    return reverse("sales:payment-create", args=[sale.pk])


def payment_data(amount="50.000") -> dict:
    return {"amount": amount, "date": TODAY().isoformat(), "note": ""}


def test_a_payment_sent_twice_is_recorded_once(admin_client, unpaid_sale):
    data = with_token(payment_data())
    first = admin_client.post(payment_url(unpaid_sale), data)
    second = admin_client.post(payment_url(unpaid_sale), data)
    assert_led_to_first(first, second)
    assert list(Payment.objects.values_list("amount", flat=True)) == [50_000]


def test_a_payment_refused_goes_through_once_with_the_same_token(
    admin_client, unpaid_sale
):
    token = with_token()
    refused = admin_client.post(
        payment_url(unpaid_sale), {**token, **payment_data("0")}
    )
    assert refused.status_code == 400
    assert not Payment.objects.exists()
    assert forms_without_token(refused) == []

    corrected = {**token, **payment_data("185.000")}
    saved = admin_client.post(payment_url(unpaid_sale), corrected)
    again = admin_client.post(payment_url(unpaid_sale), corrected)
    assert_led_to_first(saved, again)
    assert list(Payment.objects.values_list("amount", flat=True)) == [185_000]


# Expenses ---------------------------------------------------------------------


def expense_data(**overrides) -> dict:
    return {
        "date": TODAY().isoformat(),
        "category": "yarn",
        "amount": "250.000",
        "note": "Benang katun 10 gulung",
        "receipt": "",
        **overrides,
    }


def test_an_expense_sent_twice_is_recorded_once(admin_client):
    data = with_token(expense_data())
    first = admin_client.post(reverse("sales:expense-create"), data)
    second = admin_client.post(reverse("sales:expense-create"), data)
    assert_led_to_first(first, second)
    assert list(Expense.objects.values_list("amount", flat=True)) == [250_000]


def test_an_expense_refused_goes_through_once_with_the_same_token(admin_client):
    data = with_token(expense_data(amount="dua ratus"))
    refused = admin_client.post(reverse("sales:expense-create"), data)
    assert refused.status_code == 400
    assert not Expense.objects.exists()
    assert forms_without_token(refused) == []

    corrected = {**data, "amount": "200.000"}
    saved = admin_client.post(reverse("sales:expense-create"), corrected)
    again = admin_client.post(reverse("sales:expense-create"), corrected)
    assert_led_to_first(saved, again)
    assert Expense.objects.count() == 1


@pytest.fixture
def draft_expense(admin):
    return expense_record(
        date=TODAY(),
        category="yarn",
        amount=40_000,
        recorded_by=admin.user,
        post=False,
    )


def test_posting_an_expense_twice_leads_to_the_first_result(
    admin_client, draft_expense
):
    url = reverse("sales:expense-post", args=[draft_expense.pk])
    token = with_token()
    first = admin_client.post(url, token)
    second = admin_client.post(url, token)
    assert_led_to_first(first, second)
    draft_expense.refresh_from_db()
    assert draft_expense.status == EntryStatus.POSTED


def test_an_expense_reversal_sent_twice_reverses_once(admin_client, admin):
    expense = expense_record(
        date=TODAY(), category="yarn", amount=40_000, recorded_by=admin.user
    )
    url = reverse("sales:expense-reverse", args=[expense.pk])
    data = with_token({"reason": "Salah ketik"})
    first = admin_client.post(url, data)
    second = admin_client.post(url, data)
    assert_led_to_first(first, second)
    assert Expense.objects.filter(reverses=expense).count() == 1


def test_an_expense_reversal_without_a_reason_goes_through_with_the_same_token(
    admin_client, admin
):
    expense = expense_record(
        date=TODAY(), category="yarn", amount=40_000, recorded_by=admin.user
    )
    url = reverse("sales:expense-reverse", args=[expense.pk])
    token = with_token()
    refused = admin_client.post(url, {**token, "reason": ""})
    assert refused.status_code == 302
    assert not Expense.objects.filter(reverses=expense).exists()
    admin_client.post(url, {**token, "reason": "Salah ketik"})
    assert Expense.objects.filter(reverses=expense).count() == 1


# Wages ------------------------------------------------------------------------


@pytest.fixture
def earned(admin):
    """Sri's accepted pieces this month: 3 × Rp 20.000."""
    product = ProductFactory(stock=0)
    set_rate(product, 20_000)
    knitter = MemberFactory(role=Role.MEMBER, full_name="Sri Wahyuni")
    hand_in = make_hand_in(member=knitter, product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    return knitter


def wages_data(member, amount) -> dict:
    return {"member": member.pk, "month": TODAY().strftime("%Y-%m"), "amount": amount}


def test_a_wage_payout_sent_twice_pays_once(admin_client, earned):
    data = with_token(wages_data(earned, 60_000))
    first = admin_client.post(reverse("sales:wages-pay"), data)
    second = admin_client.post(reverse("sales:wages-pay"), data)
    assert_led_to_first(first, second)
    wages = Expense.objects.filter(category=ExpenseCategory.MEMBER_WAGES)
    assert list(wages.values_list("amount", flat=True)) == [60_000]


def test_a_wage_payout_refused_for_a_changed_amount_goes_through_with_the_token(
    admin_client, earned
):
    token = with_token()
    refused = admin_client.post(
        reverse("sales:wages-pay"), {**token, **wages_data(earned, 40_000)}
    )
    assert refused.status_code == 302
    assert not Expense.objects.exists()
    admin_client.post(
        reverse("sales:wages-pay"), {**token, **wages_data(earned, 60_000)}
    )
    assert Expense.objects.get().amount == 60_000


# Without a token, and the pages' forms ------------------------------------------


def test_no_ledger_form_writes_without_a_token(admin_client, admin, bag, earned):
    draft = make_sale(user=admin.user, lines=[(variant_of(bag), 1)], post=False)
    posted = make_sale(user=admin.user, lines=[(variant_of(bag), 1)], due_date=TODAY())
    expense = expense_record(
        date=TODAY(), category="yarn", amount=1_000, recorded_by=admin.user, post=False
    )
    posts = [
        (reverse("sales:sale-create"), sale_data(bag)),
        (reverse("sales:sale-create"), sale_data(bag, action="draft")),
        (reverse("sales:sale-post", args=[draft.pk]), {}),
        (reverse("sales:sale-delete", args=[draft.pk]), {}),
        (reverse("sales:sale-reverse", args=[posted.pk]), {"reason": "batal"}),
        (payment_url(posted), payment_data()),
        (reverse("sales:expense-create"), expense_data()),
        (reverse("sales:expense-post", args=[expense.pk]), {}),
        (reverse("sales:wages-pay"), wages_data(earned, 60_000)),
    ]
    before = (
        Sale.objects.count(),
        Payment.objects.count(),
        Expense.objects.count(),
        StockMovement.objects.count(),
    )
    for url, data in posts:
        response = admin_client.post(url, data)
        assert response.status_code == 400, url
        assert NO_TOKEN in response.content.decode(), url
    after = (
        Sale.objects.count(),
        Payment.objects.count(),
        Expense.objects.count(),
        StockMovement.objects.count(),
    )
    assert after == before
    draft.refresh_from_db()
    expense.refresh_from_db()
    assert draft.status == expense.status == EntryStatus.DRAFT


def test_every_ledger_form_carries_its_own_token(admin_client, admin, bag, earned):
    draft = make_sale(user=admin.user, lines=[(variant_of(bag), 1)], post=False)
    posted = make_sale(user=admin.user, lines=[(variant_of(bag), 1)], due_date=TODAY())
    expense_record(
        date=TODAY(), category="yarn", amount=1_000, recorded_by=admin.user, post=False
    )
    pages = {
        reverse("sales:sale-create"): 1,
        reverse("sales:sale-detail", args=[draft.pk]): 2,  # post, delete
        reverse("sales:sale-detail", args=[posted.pk]): 2,  # payment, reverse
        reverse("sales:expense-create"): 1,
        reverse("sales:expense-list"): 1,  # post the draft
        reverse("sales:wages"): 1,
    }
    for url, forms in pages.items():
        response = admin_client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert forms_without_token(response) == [], url
        tokens = re.findall(r'name="form_token" value="([^"]+)"', page)
        assert len(tokens) == len(set(tokens)) == forms, url
