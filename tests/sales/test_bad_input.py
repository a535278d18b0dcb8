"""Bad input to the ledger is refused with its message, and nothing is saved.

Each case goes through the page where there is one (status 400, the field's
message) and through the service itself (the error's code), so the rule holds
whoever calls it. Limits are tried at exactly the bound and one past it.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from catalog.models import Availability, StockMovement, StockReason, Variant
from core.money import MAX_AMOUNT, MAX_PRICE
from members.roles import Role
from production.services import hand_in_accept
from sales.models import Expense, Payment, Sale, SaleLine
from sales.rules import MAX_LINES, MAX_QUANTITY
from sales.selectors import Period, profit_and_loss, top_products
from sales.services import (
    LineInput,
    expense_post,
    expense_record,
    payment_record,
    sale_create,
    sale_post,
    sale_reverse,
    wages_pay,
)
from tests.catalog.factories import ProductFactory, add_variant
from tests.conftest import with_token
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db

CUSTOMER = "Bu Ratna dari Bobotsari"
NOTE = "Benang katun 10 gulung"


def today() -> date:
    return timezone.localdate()


def t(message: str, **params) -> str:
    """A message as the (Indonesian) page shows it."""
    with translation.override("id"):
        return gettext(message) % params if params else gettext(message)


def day_text(day: date) -> str:
    with translation.override("id"):
        return date_format(day, "j F Y")


def future_message(day: date) -> str:
    return t(
        "%(date)s is after today. Enter the day it happened, today at the latest.",
        date=day_text(day),
    )


def before_founding_message(day: date) -> str:
    return t(
        "%(date)s is before %(year)s, when the co-op was founded. Check the year.",
        date=day_text(day),
        year=2011,
    )


def too_many_rupiah(limit: str) -> str:
    return t("At most %(limit_value)s; check the number of zeros.", limit_value=limit)


def field_codes(error: ValidationError, field: str) -> list[str]:
    return [item.code for item in error.error_dict[field]]


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN)


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin.user)
    return client


@pytest.fixture
def bag():
    return ProductFactory(name="Tas Rajut Mawar", price=185_000, stock=5)


def variant_of(product) -> Variant:
    return Variant.objects.get(product=product)


def stock_of(product) -> int:
    return variant_of(product).stock


def assert_no_sale(*stocks) -> None:
    assert not Sale.objects.exists()
    assert not SaleLine.objects.exists()
    assert not Payment.objects.exists()
    for product, stock in stocks:
        assert stock_of(product) == stock


# Through the sale page ------------------------------------------------------------


def sale_data(lines, **overrides) -> dict:
    """The sale form as a browser posts it; ``lines`` are (variant id, qty, price)."""
    data = {
        "date": today().isoformat(),
        "channel": "shopee",
        "customer_name": CUSTOMER,
        "customer_whatsapp": "",
        "discount": "0",
        "shipping_charged": "0",
        "marketplace_fee": "0",
        "paid": "lunas",
        "due_date": "",
        "note": "",
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "30",
        "action": "post",
    }
    for index, (variant, quantity, price) in enumerate(lines):
        data[f"lines-{index}-variant"] = str(variant)
        data[f"lines-{index}-quantity"] = str(quantity)
        data[f"lines-{index}-unit_price"] = str(price)
    data.update(overrides)
    return data


def post_sale(client, lines, **overrides):
    return client.post(
        reverse("sales:sale-create"), with_token(sale_data(lines, **overrides))
    )


def refused_sale(response) -> dict:
    """The form's errors by field, as (code, message) pairs; the typing is kept."""
    assert response.status_code == 400
    assert CUSTOMER in response.content.decode()
    return {
        field: [(error.code, error.messages[0]) for error in errors]
        for field, errors in response.context["form"].errors.as_data().items()
    }


def line_errors(response) -> dict:
    errors = {}
    for line in response.context["formset"].forms:
        for field, items in line.errors.as_data().items():
            errors[field] = [(error.code, error.messages[0]) for error in items]
    return errors


def test_a_fee_larger_than_the_goods_is_refused_on_the_page(admin_client, bag):
    # Rp 185.000 of goods and a fee of Rp 925.000: today this posted −Rp 740.000.
    response = post_sale(
        admin_client, [(variant_of(bag).pk, 1, "")], marketplace_fee="925.000"
    )
    errors = refused_sale(response)
    message = t(
        "With this fee the sale comes to %(total)s, below Rp 0. The fee cannot be "
        "more than the goods and shipping; check the fee.",
        total="-Rp 740.000",
    )
    assert errors["marketplace_fee"] == [("negative_total", message)]
    assert message in response.content.decode()
    assert_no_sale((bag, 5))


@pytest.mark.parametrize("days", [1, 365 * 73])
def test_a_sale_dated_after_today_is_refused_on_the_page(admin_client, bag, days):
    day = today() + timedelta(days=days)
    response = post_sale(
        admin_client, [(variant_of(bag).pk, 1, "")], date=day.isoformat()
    )
    assert refused_sale(response)["date"] == [("future_date", future_message(day))]
    assert_no_sale((bag, 5))


def test_a_sale_dated_before_the_founding_is_refused_on_the_page(admin_client, bag):
    day = date(2010, 12, 31)
    response = post_sale(
        admin_client, [(variant_of(bag).pk, 1, "")], date=day.isoformat()
    )
    errors = refused_sale(response)
    assert errors["date"] == [("before_founding", before_founding_message(day))]
    assert_no_sale((bag, 5))


def test_the_sale_page_offers_only_dates_from_2011_to_today(admin_client):
    page = admin_client.get(reverse("sales:sale-create")).content.decode()
    assert f'min="2011-01-01" max="{today().isoformat()}"' in page


def test_a_unit_price_is_accepted_up_to_the_bound_on_the_page(admin_client):
    # A piece priced exactly at the bound, typed with the thousands dots.
    shawl = ProductFactory(price=150_000, stock=1)
    response = post_sale(admin_client, [(variant_of(shawl).pk, 1, "100.000.000")])
    assert response.status_code == 302
    assert SaleLine.objects.get().unit_price == MAX_PRICE
    assert stock_of(shawl) == 0


def test_a_unit_price_past_the_bound_is_refused_on_the_page(admin_client, bag):
    response = post_sale(admin_client, [(variant_of(bag).pk, 1, "100.000.001")])
    refused_sale(response)
    assert line_errors(response)["unit_price"] == [
        ("max_value", too_many_rupiah("Rp 100.000.000"))
    ]
    assert_no_sale((bag, 5))


def test_a_quantity_with_a_thousands_dot_is_one_thousand(admin_client):
    socks = ProductFactory(price=10_000, stock=1000)
    response = post_sale(admin_client, [(variant_of(socks).pk, "1.000", "")])
    assert response.status_code == 302
    line = SaleLine.objects.get()
    assert line.quantity == 1000
    assert line.line_total == 10_000_000
    assert stock_of(socks) == 0


def test_a_quantity_past_the_bound_is_refused_on_the_page(admin_client, bag):
    response = post_sale(admin_client, [(variant_of(bag).pk, "10.001", "")])
    refused_sale(response)
    assert line_errors(response)["quantity"] == [
        (
            "max_value",
            t("At most %(limit_value)s; check the number.", limit_value="10.000"),
        )
    ]
    assert_no_sale((bag, 5))


def test_shipping_past_the_bound_is_refused_on_the_page(admin_client, bag):
    response = post_sale(
        admin_client, [(variant_of(bag).pk, 1, "")], shipping_charged="10.000.000.001"
    )
    assert refused_sale(response)["shipping_charged"] == [
        ("max_value", too_many_rupiah("Rp 10.000.000.000"))
    ]
    assert_no_sale((bag, 5))


# Straight through sale_create ------------------------------------------------------


def create(admin, *lines, **options) -> Sale:
    options.setdefault("date", today())
    options.setdefault("channel", "shopee")
    return sale_create(
        lines=[
            LineInput(variant_id=variant_of(product).pk, quantity=qty, unit_price=price)
            for product, qty, price in lines
        ],
        recorded_by=admin.user,
        **options,
    )


def test_a_fee_that_leaves_exactly_nothing_is_accepted(admin, bag):
    sale = create(admin, (bag, 1, None), marketplace_fee=185_000)
    assert sale.total == 0


def test_a_fee_one_rupiah_past_the_goods_is_refused(admin, bag):
    with pytest.raises(ValidationError) as caught:
        create(admin, (bag, 1, None), shipping_charged=15_000, marketplace_fee=200_001)
    assert field_codes(caught.value, "marketplace_fee") == ["negative_total"]
    assert caught.value.messages == [
        t(
            "With this fee the sale comes to %(total)s, below Rp 0. The fee cannot "
            "be more than the goods and shipping; check the fee.",
            total="-Rp 1",
        )
    ]
    assert_no_sale((bag, 5))


def test_the_database_refuses_a_negative_total_that_is_not_a_reversal(admin):
    with pytest.raises(IntegrityError), transaction.atomic():
        Sale.objects.create(
            date=today(), channel="shopee", total=-740_000, created_by=admin.user
        )


def test_a_reversal_still_carries_the_negative_total(admin, bag):
    sale = sale_post(sale=create(admin, (bag, 2, None)), posted_by=admin.user)
    reversal = sale_reverse(sale=sale, reversed_by=admin.user, reason="retur")
    assert reversal.total == -370_000


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (timedelta(days=1), "future_date"),
        (date(2099, 1, 1), "future_date"),
        (date(2010, 12, 31), "before_founding"),
    ],
)
def test_a_sale_dated_out_of_range_is_refused(admin, bag, day, code):
    day = today() + day if isinstance(day, timedelta) else day
    with pytest.raises(ValidationError) as caught:
        create(admin, (bag, 1, None), date=day)
    assert field_codes(caught.value, "date") == [code]
    assert_no_sale((bag, 5))


@pytest.mark.parametrize("day", [date(2011, 1, 1), None])
def test_a_sale_dated_on_the_first_day_or_today_is_accepted(admin, bag, day):
    sale = create(admin, (bag, 1, None), date=day or today())
    assert sale.date == (day or today())


def test_a_due_date_may_be_in_the_future(admin, bag):
    due = today() + timedelta(days=60)
    sale = create(admin, (bag, 1, None), due_date=due)
    assert sale.due_date == due


def test_a_due_date_before_the_sale_is_refused(admin, bag):
    with pytest.raises(ValidationError) as caught:
        create(admin, (bag, 1, None), due_date=today() - timedelta(days=1))
    assert field_codes(caught.value, "due_date") == ["due_before_sale"]
    assert_no_sale((bag, 5))


def test_a_unit_price_at_the_bound_is_accepted_and_one_past_is_refused(admin, bag):
    assert create(admin, (bag, 1, MAX_PRICE)).subtotal == MAX_PRICE
    with pytest.raises(ValidationError) as caught:
        create(admin, (bag, 1, MAX_PRICE + 1))
    assert caught.value.code == "price_too_large"
    assert Sale.objects.count() == 1


def test_a_quantity_at_the_bound_is_accepted_and_one_past_is_refused(admin, bag):
    # A draft: no stock is needed until it is posted.
    assert create(admin, (bag, MAX_QUANTITY, 1)).subtotal == MAX_QUANTITY
    with pytest.raises(ValidationError) as caught:
        create(admin, (bag, MAX_QUANTITY + 1, 1))
    assert caught.value.code == "quantity_too_large"
    assert Sale.objects.count() == 1


def test_a_total_at_the_bound_is_accepted_and_one_past_is_refused(admin, bag):
    # 100 pieces at the highest price come to exactly the highest sum.
    assert create(admin, (bag, 100, MAX_PRICE)).total == MAX_AMOUNT
    with pytest.raises(ValidationError) as caught:
        create(admin, (bag, 100, MAX_PRICE), shipping_charged=1)
    assert caught.value.code == "total_too_large"
    assert Sale.objects.count() == 1


def test_every_sum_at_the_bound_is_accepted(admin, bag):
    sale = create(
        admin,
        (bag, 100, MAX_PRICE),
        discount=MAX_AMOUNT,
        shipping_charged=MAX_AMOUNT,
        marketplace_fee=MAX_AMOUNT,
    )
    assert (sale.subtotal, sale.total) == (MAX_AMOUNT, 0)


@pytest.mark.parametrize("field", ["discount", "shipping_charged", "marketplace_fee"])
def test_a_sum_past_the_bound_is_refused(admin, bag, field):
    with pytest.raises(ValidationError) as caught:
        create(admin, (bag, 1, None), **{field: MAX_AMOUNT + 1})
    assert field_codes(caught.value, field) == ["amount_too_large"]
    assert_no_sale((bag, 5))


def test_more_lines_than_the_form_allows_are_refused(admin, bag):
    assert create(admin, *[(bag, 1, None)] * MAX_LINES).lines.count() == MAX_LINES
    with pytest.raises(ValidationError) as caught:
        create(admin, *[(bag, 1, None)] * (MAX_LINES + 1))
    assert caught.value.code == "too_many_lines"
    assert Sale.objects.count() == 1


def test_a_draft_dated_after_today_is_not_posted(admin, bag):
    # A draft kept from before dates were checked: it must never become PJ-2099.
    draft = create(admin, (bag, 1, None))
    Sale.objects.filter(pk=draft.pk).update(date=date(2099, 1, 1))
    with pytest.raises(ValidationError) as caught:
        sale_post(sale=draft, posted_by=admin.user)
    assert field_codes(caught.value, "date") == ["future_date"]
    draft.refresh_from_db()
    assert (draft.status, draft.number) == ("draft", None)
    assert stock_of(bag) == 5
    assert not Payment.objects.exists()


def test_a_draft_expense_dated_after_today_is_not_posted(admin):
    draft = expense_record(
        date=today(), category="yarn", amount=1000, recorded_by=admin.user, post=False
    )
    Expense.objects.filter(pk=draft.pk).update(date=date(2099, 1, 1))
    draft.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        expense_post(expense=draft, posted_by=admin.user)
    assert field_codes(caught.value, "date") == ["future_date"]
    assert Expense.objects.get().number is None


def test_the_reports_add_up_a_sale_at_the_bound(admin):
    # 100 pieces at the highest price and material cost: sums that 32-bit
    # integers (PostgreSQL's) cannot hold, which the reports multiply.
    dear = ProductFactory(price=MAX_PRICE, material_cost=MAX_PRICE, stock=100)
    sale_post(sale=create(admin, (dear, 100, None)), posted_by=admin.user)
    period = Period.last_months(1)
    report = profit_and_loss(period=period)
    assert (report.total.gross_sales, report.total.cost_of_goods) == (
        MAX_AMOUNT,
        MAX_AMOUNT,
    )
    [row] = top_products(period=period)
    assert (row.sales, row.cost_of_goods, row.units) == (MAX_AMOUNT, MAX_AMOUNT, 100)


# A sale of stock and pre-order lines ------------------------------------------------


def test_a_sale_mixing_stock_and_pre_order_lines_takes_only_the_stock(admin):
    # Made in this order, so in variant order the pre-order line sits between
    # the two stock lines: every stock line after it must still take its pieces.
    bag = ProductFactory(stock=5)
    shoes = ProductFactory(
        stock=0, availability=Availability.PREORDER, lead_time_days=14
    )
    purse = ProductFactory(stock=4)
    hat = add_variant(purse, stock=3, option1="Biru")
    sale = sale_create(
        date=today(),
        channel="shopee",
        lines=[
            LineInput(variant_id=variant.pk, quantity=quantity)
            for variant, quantity in (
                (hat, 1),
                (variant_of(shoes), 2),
                (bag.variants.get(), 2),
                (purse.variants.order_by("id").first(), 3),
            )
        ],
        recorded_by=admin.user,
    )
    sale_post(sale=sale, posted_by=admin.user)
    assert stock_of(bag) == 3
    assert variant_of(shoes).stock == 0
    assert purse.variants.order_by("id").first().stock == 1
    assert Variant.objects.get(pk=hat.pk).stock == 2
    # Stock lines book a movement; the pre-order line books none.
    taken = StockMovement.objects.filter(reason=StockReason.SALE_POSTED)
    assert sorted(taken.values_list("quantity", flat=True)) == [-3, -2, -1]
    assert not taken.filter(variant=variant_of(shoes)).exists()
    assert [line.takes_stock for line in sale.lines.order_by("id")] == [
        True,
        False,
        True,
        True,
    ]


# Expenses -----------------------------------------------------------------------


def post_expense(client, **overrides):
    data = {
        "date": today().isoformat(),
        "category": "yarn",
        "amount": "250.000",
        "note": NOTE,
        "receipt": "",
    }
    data.update(overrides)
    return client.post(reverse("sales:expense-create"), with_token(data))


def refused_expense(response) -> dict:
    assert response.status_code == 400
    assert NOTE in response.content.decode()
    assert not Expense.objects.exists()
    return {
        field: [(error.code, error.messages[0]) for error in errors]
        for field, errors in response.context["form"].errors.as_data().items()
    }


def test_an_expense_dated_after_today_is_refused_on_the_page(admin_client):
    day = today() + timedelta(days=1)
    response = post_expense(admin_client, date=day.isoformat())
    assert refused_expense(response)["date"] == [("future_date", future_message(day))]


def test_an_expense_dated_before_the_founding_is_refused_on_the_page(admin_client):
    response = post_expense(admin_client, date="2010-12-31")
    assert refused_expense(response)["date"] == [
        ("before_founding", before_founding_message(date(2010, 12, 31)))
    ]


def test_an_expense_at_the_bound_is_recorded_on_the_page(admin_client):
    response = post_expense(admin_client, amount="Rp 10.000.000.000")
    assert response.status_code == 302
    assert Expense.objects.get().amount == MAX_AMOUNT


def test_an_expense_past_the_bound_is_refused_on_the_page(admin_client):
    response = post_expense(admin_client, amount="10.000.000.001")
    assert refused_expense(response)["amount"] == [
        ("max_value", too_many_rupiah("Rp 10.000.000.000"))
    ]


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        (None, "required"),
        (0, "not_positive"),
        (-5_000, "not_positive"),
        (MAX_AMOUNT + 1, "amount_too_large"),
    ],
)
def test_an_expense_of_a_bad_amount_is_refused(admin, amount, code):
    with pytest.raises(ValidationError) as caught:
        expense_record(
            date=today(), category="yarn", amount=amount, recorded_by=admin.user
        )
    assert field_codes(caught.value, "amount") == [code]
    assert not Expense.objects.exists()


def test_an_expense_at_the_bound_is_recorded(admin):
    expense = expense_record(
        date=today(), category="yarn", amount=MAX_AMOUNT, recorded_by=admin.user
    )
    assert expense.amount == MAX_AMOUNT


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (timedelta(days=1), "future_date"),
        (date(2099, 1, 1), "future_date"),
        (date(2010, 12, 31), "before_founding"),
    ],
)
def test_an_expense_dated_out_of_range_is_refused(admin, day, code):
    day = today() + day if isinstance(day, timedelta) else day
    with pytest.raises(ValidationError) as caught:
        expense_record(date=day, category="yarn", amount=1000, recorded_by=admin.user)
    assert field_codes(caught.value, "date") == [code]
    assert not Expense.objects.exists()


def test_a_draft_expense_dated_in_the_future_is_refused_too(admin):
    with pytest.raises(ValidationError) as caught:
        expense_record(
            date=date(2099, 1, 1),
            category="yarn",
            amount=1000,
            recorded_by=admin.user,
            post=False,
        )
    assert field_codes(caught.value, "date") == ["future_date"]
    assert not Expense.objects.exists()


# Payments -----------------------------------------------------------------------


@pytest.fixture
def unpaid_sale(admin, bag):
    sale = create(admin, (bag, 1, None), due_date=today() + timedelta(days=7))
    return sale_post(sale=sale, posted_by=admin.user)


def pay_on_page(client, sale, amount, **extra):
    data = {"amount": amount, "date": today().isoformat(), "note": NOTE, **extra}
    return client.post(
        reverse("sales:payment-create", args=[sale.pk]), with_token(data)
    )


def refused_payment(response, sale) -> dict:
    assert response.status_code == 400
    assert NOTE in response.content.decode()
    assert not Payment.objects.filter(sale=sale).exists()
    return {
        field: [(error.code, error.messages[0]) for error in errors]
        for field, errors in response.context["payment_form"].errors.as_data().items()
    }


def test_a_payment_dated_after_today_is_refused_on_the_page(admin_client, unpaid_sale):
    day = today() + timedelta(days=1)
    response = pay_on_page(admin_client, unpaid_sale, "1000", date=day.isoformat())
    errors = refused_payment(response, unpaid_sale)
    assert errors["date"] == [("future_date", future_message(day))]


def test_a_payment_dated_before_the_sale_is_refused_on_the_page(
    admin_client, admin, bag
):
    sale = create(
        admin,
        (bag, 1, None),
        date=today() - timedelta(days=3),
        due_date=today() + timedelta(days=7),
    )
    sale = sale_post(sale=sale, posted_by=admin.user)
    day = today() - timedelta(days=4)
    response = pay_on_page(admin_client, sale, "1000", date=day.isoformat())
    assert refused_payment(response, sale)["date"] == [
        ("before_sale", t("The payment date is before the sale."))
    ]


def test_a_payment_past_the_bound_is_refused_on_the_page(admin_client, unpaid_sale):
    response = pay_on_page(admin_client, unpaid_sale, "10.000.000.001")
    assert refused_payment(response, unpaid_sale)["amount"] == [
        ("max_value", too_many_rupiah("Rp 10.000.000.000"))
    ]


def pay(sale, amount, admin, **options) -> Payment:
    options.setdefault("date", today())
    return payment_record(sale=sale, amount=amount, recorded_by=admin.user, **options)


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        (None, "required"),
        (0, "not_positive"),
        (-1_000, "not_positive"),
        (MAX_AMOUNT + 1, "amount_too_large"),
    ],
)
def test_a_payment_of_a_bad_amount_is_refused_by_the_service(
    admin, unpaid_sale, amount, code
):
    with pytest.raises(ValidationError) as caught:
        pay(unpaid_sale, amount, admin)
    assert field_codes(caught.value, "amount") == [code]
    assert not unpaid_sale.payments.exists()


def test_a_payment_at_the_bound_is_recorded(admin):
    dear = ProductFactory(price=MAX_PRICE, stock=100)
    sale = create(admin, (dear, 100, None), due_date=today() + timedelta(days=7))
    sale = sale_post(sale=sale, posted_by=admin.user)
    assert pay(sale, MAX_AMOUNT, admin).amount == MAX_AMOUNT


def test_a_payment_to_a_draft_is_refused(admin, bag):
    draft = create(admin, (bag, 1, None), due_date=today() + timedelta(days=7))
    with pytest.raises(ValidationError) as caught:
        pay(draft, 1_000, admin)
    assert caught.value.code == "not_posted"
    assert caught.value.messages == [t("Payments go to posted sales.")]
    assert not Payment.objects.exists()


def test_a_payment_to_a_reversal_is_refused(admin, unpaid_sale):
    reversal = sale_reverse(sale=unpaid_sale, reversed_by=admin.user, reason="batal")
    with pytest.raises(ValidationError) as caught:
        pay(reversal, 1_000, admin)
    assert caught.value.code == "not_posted"
    assert not Payment.objects.exists()


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (timedelta(days=1), "future_date"),
        (date(2099, 1, 1), "future_date"),
        (timedelta(days=-1), "before_sale"),
    ],
)
def test_a_payment_dated_out_of_range_is_refused_by_the_service(
    admin, unpaid_sale, day, code
):
    day = today() + day if isinstance(day, timedelta) else day
    with pytest.raises(ValidationError) as caught:
        pay(unpaid_sale, 1_000, admin, date=day)
    assert field_codes(caught.value, "date") == [code]
    assert not unpaid_sale.payments.exists()


def test_a_payment_to_a_sale_paid_in_full_is_refused(admin, bag):
    paid = sale_post(sale=create(admin, (bag, 1, None)), posted_by=admin.user)
    with pytest.raises(ValidationError) as caught:
        pay(paid, 1_000, admin)
    assert caught.value.code == "nothing_owed"
    assert caught.value.messages == [t("Nothing is owed on this sale.")]
    assert paid.payments.count() == 1


def test_a_payment_of_exactly_what_is_owed_is_accepted_and_one_more_refused(
    admin, unpaid_sale
):
    with pytest.raises(ValidationError) as caught:
        pay(unpaid_sale, 185_001, admin)
    assert caught.value.code == "overpaid"
    assert caught.value.messages == [
        t("That is more than the %(left)s still owed.", left="Rp 185.000")
    ]
    assert pay(unpaid_sale, 185_000, admin).amount == 185_000


def test_a_payment_note_longer_than_its_column_is_refused(admin, unpaid_sale):
    with pytest.raises(ValidationError) as caught:
        pay(unpaid_sale, 1_000, admin, note="x" * 201)
    assert field_codes(caught.value, "note") == ["max_length"]
    assert not unpaid_sale.payments.exists()


# Wages --------------------------------------------------------------------------


def test_wages_are_not_paid_when_the_amount_shown_changed(admin):
    product = ProductFactory(stock=0)
    set_rate(product, 20_000)
    knitter = MemberFactory(role=Role.MEMBER)
    hand_in = make_hand_in(member=knitter, product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    with pytest.raises(ValidationError) as caught:
        wages_pay(
            member=knitter,
            month=today(),
            paid_by=admin.user,
            date=today(),
            expected=40_000,
        )
    assert caught.value.code == "unpaid_changed"
    assert "Rp 60.000" in caught.value.messages[0]
    assert not Expense.objects.exists()
    expense = wages_pay(
        member=knitter, month=today(), paid_by=admin.user, date=today(), expected=60_000
    )
    assert expense.amount == 60_000


def test_wages_dated_after_today_are_refused(admin):
    product = ProductFactory(stock=0)
    set_rate(product, 20_000)
    knitter = MemberFactory(role=Role.MEMBER)
    hand_in = make_hand_in(member=knitter, product=product, quantity=1)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    with pytest.raises(ValidationError) as caught:
        wages_pay(
            member=knitter,
            month=today(),
            paid_by=admin.user,
            date=today() + timedelta(days=1),
        )
    assert field_codes(caught.value, "date") == ["future_date"]
    assert not Expense.objects.exists()
