from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone

from catalog.models import Availability, Status, Variant
from members.roles import Role
from production.services import hand_in_accept
from sales.models import (
    EntryStatus,
    Expense,
    ExpenseCategory,
    Payment,
    PostedEntryError,
    Sale,
    SaleLine,
)
from sales.services import (
    LineInput,
    expense_record,
    expense_reverse,
    payment_record,
    sale_create,
    sale_post,
    sale_reverse,
    wages_pay,
    wages_unpaid,
)
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN).user


def stock(product) -> int:
    return Variant.objects.get(product=product).stock


def new_sale(admin, *items, **options) -> Sale:
    lines = [
        LineInput(variant_id=product.variants.get().pk, quantity=quantity, **extra)
        for product, quantity, *rest in items
        for extra in [rest[0] if rest else {}]
    ]
    options.setdefault("date", TODAY)
    options.setdefault("channel", "whatsapp")
    return sale_create(lines=lines, recorded_by=admin, **options)


def test_posting_takes_stock_numbers_the_sale_and_records_payment(admin):
    bag = ProductFactory(stock=5, price=150000)
    sale = sale_post(
        sale=new_sale(admin, (bag, 2), shipping_charged=20000), posted_by=admin
    )
    assert stock(bag) == 3
    assert sale.number == f"PJ-{TODAY.year}-000001"
    assert sale.total == 320000
    assert sale.posted_by == admin
    assert sale.payments.get().amount == 320000
    assert Sale.objects.with_outstanding().get(pk=sale.pk).outstanding == 0


def test_numbers_follow_each_other_per_year(admin):
    bag = ProductFactory(stock=5)
    first = sale_post(sale=new_sale(admin, (bag, 1)), posted_by=admin)
    second = sale_post(sale=new_sale(admin, (bag, 1)), posted_by=admin)
    assert (first.number[-6:], second.number[-6:]) == ("000001", "000002")


def test_unit_price_defaults_to_the_current_price_and_is_kept(admin):
    bag = ProductFactory(stock=5, price=150000)
    sale = new_sale(admin, (bag, 1))
    bag.price = 175000
    bag.save()
    assert sale.lines.get().unit_price == 150000


def test_a_sale_without_enough_stock_posts_nothing(admin):
    bag, purse = ProductFactory(stock=5), ProductFactory(stock=1)
    sale = new_sale(admin, (bag, 2), (purse, 2))
    with pytest.raises(ValidationError) as caught:
        sale_post(sale=sale, posted_by=admin)
    assert caught.value.code == "insufficient_stock"
    sale.refresh_from_db()
    assert sale.status == EntryStatus.DRAFT
    assert sale.number is None
    assert (stock(bag), stock(purse)) == (5, 1)
    assert not Payment.objects.exists()


def test_pre_order_lines_take_no_stock(admin):
    shoes = ProductFactory(
        stock=0, availability=Availability.PREORDER, lead_time_days=14
    )
    sale_post(sale=new_sale(admin, (shoes, 3)), posted_by=admin)
    assert stock(shoes) == 0


def test_posting_twice_is_refused(admin):
    bag = ProductFactory(stock=5)
    sale = new_sale(admin, (bag, 1))
    sale_post(sale=sale, posted_by=admin)
    with pytest.raises(ValidationError) as caught:
        sale_post(sale=sale, posted_by=admin)
    assert caught.value.code == "already_posted"
    assert stock(bag) == 4


@pytest.mark.parametrize(
    ("quantity", "extra", "code"),
    [
        (0, {}, "bad_quantity"),
        (-1, {}, "bad_quantity"),
        (1, {"unit_price": -5}, "negative_price"),
    ],
)
def test_bad_lines_are_refused_and_nothing_is_saved(admin, quantity, extra, code):
    bag = ProductFactory(stock=5)
    with pytest.raises(ValidationError) as caught:
        new_sale(admin, (bag, quantity, extra))
    assert caught.value.code == code
    assert not Sale.objects.exists()


def test_unknown_product_is_refused(admin):
    with pytest.raises(ValidationError) as caught:
        sale_create(
            date=TODAY,
            channel="shopee",
            lines=[LineInput(variant_id=999999, quantity=1)],
            recorded_by=admin,
        )
    assert caught.value.code == "unknown_product"
    assert not Sale.objects.exists()


def test_archived_product_is_not_sold(admin):
    bag = ProductFactory(stock=5, status=Status.ARCHIVED)
    with pytest.raises(ValidationError) as caught:
        new_sale(admin, (bag, 1))
    assert caught.value.code == "archived_product"


def test_discount_larger_than_the_goods_is_refused(admin):
    bag = ProductFactory(stock=5, price=50000)
    with pytest.raises(ValidationError) as caught:
        new_sale(admin, (bag, 1), discount=60000)
    assert "discount" in caught.value.error_dict
    assert not Sale.objects.exists()


def test_due_date_before_the_sale_is_refused(admin):
    bag = ProductFactory(stock=5)
    with pytest.raises(ValidationError) as caught:
        new_sale(admin, (bag, 1), due_date=TODAY - timedelta(days=1))
    assert "due_date" in caught.value.error_dict
    assert not Sale.objects.exists()


def test_reversal_returns_stock_and_nets_the_sale_to_zero(admin):
    bag = ProductFactory(stock=5, price=100000)
    sale = sale_post(
        sale=new_sale(admin, (bag, 2), discount=10000, marketplace_fee=5000),
        posted_by=admin,
    )
    reversal = sale_reverse(sale=sale, reversed_by=admin, reason="Dibatalkan pembeli")
    assert stock(bag) == 5
    assert reversal.reverses == sale
    assert reversal.is_posted and reversal.number.startswith("PJ-")
    both = Sale.objects.filter(pk__in=[sale.pk, reversal.pk])
    sums = both.aggregate(
        total=Sum("total"), discount=Sum("discount"), fee=Sum("marketplace_fee")
    )
    assert sums == {"total": 0, "discount": 0, "fee": 0}
    lines = SaleLine.objects.filter(sale__in=both).aggregate(
        quantity=Sum("quantity"), amount=Sum("line_total")
    )
    assert lines == {"quantity": 0, "amount": 0}


def test_a_reversal_cannot_be_reversed_nor_a_sale_twice(admin):
    bag = ProductFactory(stock=5)
    sale = sale_post(sale=new_sale(admin, (bag, 1)), posted_by=admin)
    reversal = sale_reverse(sale=sale, reversed_by=admin, reason="salah catat")
    with pytest.raises(ValidationError) as twice:
        sale_reverse(sale=sale, reversed_by=admin, reason="lagi")
    with pytest.raises(ValidationError) as of_reversal:
        sale_reverse(sale=reversal, reversed_by=admin, reason="lagi")
    assert twice.value.code == "already_reversed"
    assert of_reversal.value.code == "reversal_of_reversal"
    assert stock(bag) == 5
    assert Sale.objects.count() == 2


def test_a_draft_cannot_be_reversed(admin):
    bag = ProductFactory(stock=5)
    with pytest.raises(ValidationError):
        sale_reverse(sale=new_sale(admin, (bag, 1)), reversed_by=admin, reason="x")


def test_posted_sale_refuses_to_be_saved_or_deleted(admin):
    bag = ProductFactory(stock=5)
    sale = sale_post(sale=new_sale(admin, (bag, 1)), posted_by=admin)
    sale.customer_name = "diubah"
    with pytest.raises(PostedEntryError):
        sale.save()
    with pytest.raises(PostedEntryError):
        sale.delete()
    with pytest.raises(PostedEntryError):
        Sale.objects.filter(pk=sale.pk).delete()
    assert Sale.objects.get(pk=sale.pk).customer_name == ""


def test_a_draft_can_be_deleted(admin):
    bag = ProductFactory(stock=5)
    sale = new_sale(admin, (bag, 1))
    sale.delete()
    assert not Sale.objects.exists()


def test_unpaid_sale_takes_later_payments_up_to_what_is_owed(admin):
    bag = ProductFactory(stock=5, price=100000)
    sale = sale_post(
        sale=new_sale(admin, (bag, 2), due_date=TODAY + timedelta(days=14)),
        posted_by=admin,
    )
    assert Sale.objects.with_outstanding().get(pk=sale.pk).outstanding == 200000
    payment_record(sale=sale, amount=50000, date=TODAY, recorded_by=admin)
    with pytest.raises(ValidationError) as caught:
        payment_record(sale=sale, amount=200000, date=TODAY, recorded_by=admin)
    assert caught.value.code == "overpaid"
    assert Sale.objects.with_outstanding().get(pk=sale.pk).outstanding == 150000


def test_expense_without_amount_is_refused(admin):
    with pytest.raises(ValidationError):
        expense_record(date=TODAY, category="yarn", amount=None, recorded_by=admin)
    with pytest.raises(ValidationError):
        expense_record(date=TODAY, category="yarn", amount=0, recorded_by=admin)
    assert not Expense.objects.exists()


def test_expense_reversal_nets_to_zero_and_happens_once(admin):
    expense = expense_record(
        date=TODAY, category=ExpenseCategory.YARN, amount=250000, recorded_by=admin
    )
    assert expense.number == f"PG-{TODAY.year}-000001"
    reversal = expense_reverse(expense=expense, reversed_by=admin, reason="dobel")
    assert expense.amount + reversal.amount == 0
    with pytest.raises(ValidationError):
        expense_reverse(expense=expense, reversed_by=admin, reason="lagi")
    with pytest.raises(ValidationError):
        expense_reverse(expense=reversal, reversed_by=admin, reason="lagi")
    with pytest.raises(PostedEntryError):
        expense.delete()


def test_member_wages_are_paid_once_per_month(admin):
    member = MemberFactory()
    product = ProductFactory()
    set_rate(product, 20000)
    hand_in_accept(
        hand_in=make_hand_in(member=member, product=product, quantity=3),
        grade="A",
        reviewed_by=admin,
    )
    assert wages_unpaid(member=member, month=TODAY) == 60000
    expense = wages_pay(member=member, month=TODAY, paid_by=admin, date=TODAY)
    assert expense.category == ExpenseCategory.MEMBER_WAGES
    assert expense.amount == 60000
    assert wages_unpaid(member=member, month=TODAY) == 0
    with pytest.raises(ValidationError):
        wages_pay(member=member, month=TODAY, paid_by=admin, date=TODAY)


def test_a_reversed_sale_takes_no_payment_and_owes_nothing(admin):
    bag = ProductFactory(stock=5, price=100000)
    sale = sale_post(
        sale=new_sale(admin, (bag, 1), due_date=TODAY + timedelta(days=7)),
        posted_by=admin,
    )
    sale_reverse(sale=sale, reversed_by=admin, reason="batal")
    with pytest.raises(ValidationError) as caught:
        payment_record(sale=sale, amount=1000, date=TODAY, recorded_by=admin)
    assert caught.value.code == "reversed"
    assert Sale.objects.with_outstanding().get(pk=sale.pk).outstanding == 0


def test_a_payment_dated_before_the_sale_or_in_the_future_is_refused(admin):
    bag = ProductFactory(stock=5)
    sale = sale_post(
        sale=new_sale(admin, (bag, 1), due_date=TODAY + timedelta(days=7)),
        posted_by=admin,
    )
    for day in (TODAY - timedelta(days=400), TODAY + timedelta(days=1)):
        with pytest.raises(ValidationError):
            payment_record(sale=sale, amount=1000, date=day, recorded_by=admin)
    assert not sale.payments.exists()


def test_a_draft_whose_product_was_archived_does_not_post(admin):
    bag = ProductFactory(stock=5)
    sale = new_sale(admin, (bag, 1))
    bag.status = Status.ARCHIVED
    bag.save()
    with pytest.raises(ValidationError) as caught:
        sale_post(sale=sale, posted_by=admin)
    assert caught.value.code == "archived_product"
    assert stock(bag) == 5
