"""The ledger services called directly: every refusal by code and message, every
field a posting writes, and the bounds where one Rupiah makes the difference.
"""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext, override

from catalog.models import Availability, StockMovement, StockReason, Variant
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
from sales.services import (
    LineInput,
    expense_post,
    expense_record,
    expense_reverse,
    payment_record,
    sale_create,
    sale_post,
    sale_record,
    sale_reverse,
    wages_pay,
    wages_unpaid,
)
from sales.services.ledger import post_new_entry
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN).user


@pytest.fixture
def bag():
    return ProductFactory(name="Tas Mawar", price=100_000, stock=10)


def variant_of(product) -> Variant:
    return Variant.objects.get(product=product)


def refusal(call, **kwargs) -> ValidationError:
    """The error of a refused call, its messages in English."""
    with override("en"), pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value


def in_indonesian(message: str) -> str:
    """A note the ledger writes itself, in the language of the page (Indonesian)."""
    with override("id"):
        translated = gettext(message)
    assert translated != message
    return translated


def messages(error: ValidationError):
    with override("en"):
        if hasattr(error, "error_dict"):
            return error.message_dict
        return [str(message) for message in error.messages]


def draft(admin, *lines, **options) -> Sale:
    """A draft of (product, quantity[, unit price]) lines, dated today."""
    options.setdefault("date", today())
    options.setdefault("channel", "whatsapp")
    return sale_create(
        lines=[
            LineInput(variant_of(product).pk, quantity, *price)
            for product, quantity, *price in lines
        ],
        recorded_by=admin,
        **options,
    )


def posted(admin, *lines, **options) -> Sale:
    return sale_post(sale=draft(admin, *lines, **options), posted_by=admin)


def unpaid(admin, product, quantity=1, **options) -> Sale:
    return posted(admin, (product, quantity), due_date=today(), **options)


# --- Sales ----------------------------------------------------------------------------


def test_a_sale_without_a_note_has_an_empty_note(admin, bag):
    sale = draft(admin, (bag, 1))
    assert Sale.objects.get(pk=sale.pk).note == ""


def test_the_note_and_the_customer_are_kept_without_surrounding_blanks(admin, bag):
    sale = draft(admin, (bag, 1), note="  kirim besok ", customer_name=" Bu Ratna ")
    stored = Sale.objects.get(pk=sale.pk)
    assert (stored.note, stored.customer_name) == ("kirim besok", "Bu Ratna")


def test_posting_records_who_posted_it_and_when(admin, bag):
    sale = draft(admin, (bag, 2))
    before = timezone.now()
    sale = sale_post(sale=sale, posted_by=admin)
    assert sale.status == EntryStatus.POSTED
    assert sale.number == f"PJ-{today().year}-000001"
    assert sale.posted_by == admin
    assert before <= sale.posted_at <= timezone.now()


def test_posting_books_the_pieces_on_the_stock_card_against_the_sale(admin, bag):
    sale = posted(admin, (bag, 3))
    movement = StockMovement.objects.get(reason=StockReason.SALE_POSTED)
    assert (movement.variant, movement.quantity) == (variant_of(bag), -3)
    assert movement.source == sale
    assert movement.source_type == ContentType.objects.get_for_model(Sale)
    assert movement.created_by == admin
    assert movement.balance_after == 7


def test_a_sale_paid_at_once_gets_its_payment(admin, bag):
    with override("id"):  # the note is written in the language of the page
        sale = posted(admin, (bag, 2))
    payment = Payment.objects.get(sale=sale)
    assert (payment.amount, payment.date, payment.recorded_by) == (
        200_000,
        sale.date,
        admin,
    )
    assert payment.note == in_indonesian("Paid at sale")


def test_a_sale_of_rp_1_paid_at_once_gets_a_payment_of_rp_1(admin, bag):
    sale = posted(admin, (bag, 1, 1))
    assert list(Payment.objects.filter(sale=sale).values_list("amount", flat=True)) == [
        1
    ]


def test_a_sale_whose_fee_takes_all_gets_no_payment_of_rp_0(admin, bag):
    sale = posted(admin, (bag, 1), marketplace_fee=100_000)
    assert sale.total == 0
    assert sale.status == EntryStatus.POSTED
    assert not Payment.objects.filter(sale=sale).exists()


def test_a_sale_not_yet_paid_gets_no_payment(admin, bag):
    sale = unpaid(admin, bag)
    assert not Payment.objects.filter(sale=sale).exists()


def test_a_draft_whose_product_was_archived_meanwhile_is_refused_by_name(admin, bag):
    sale = draft(admin, (bag, 1))
    bag.status = "archived"
    bag.save()
    error = refusal(sale_post, sale=sale, posted_by=admin)
    assert error.code == "archived_product"
    assert messages(error) == ["Tas Mawar is archived and no longer sold."]
    assert Sale.objects.get(pk=sale.pk).status == EntryStatus.DRAFT
    assert variant_of(bag).stock == 10


def test_recording_and_posting_at_once_posts(admin, bag):
    sale = sale_record(
        post=True,
        recorded_by=admin,
        date=today(),
        channel="shopee",
        lines=[LineInput(variant_of(bag).pk, 1)],
    )
    assert Sale.objects.get(pk=sale.pk).status == EntryStatus.POSTED
    assert variant_of(bag).stock == 9


def test_recording_without_posting_keeps_a_draft(admin, bag):
    sale = sale_record(
        post=False,
        recorded_by=admin,
        date=today(),
        channel="shopee",
        lines=[LineInput(variant_of(bag).pk, 1)],
    )
    assert Sale.objects.get(pk=sale.pk).status == EntryStatus.DRAFT
    assert variant_of(bag).stock == 10


def test_posting_a_draft_posts_that_draft_only(admin, bag):
    first, middle, last = (draft(admin, (bag, n)) for n in (1, 2, 3))
    sale_post(sale=middle, posted_by=admin)
    statuses = dict(Sale.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: EntryStatus.DRAFT,
        middle.pk: EntryStatus.POSTED,
        last.pk: EntryStatus.DRAFT,
    }
    assert variant_of(bag).stock == 8


def test_sales_and_expenses_are_numbered_apart_and_per_year(admin, bag):
    year = today().year
    last_year = today().replace(year=year - 1, day=1)
    numbers = [
        posted(admin, (bag, 1)).number,
        posted(admin, (bag, 1), date=last_year).number,
        expense(admin).number,
        expense(admin, date=last_year).number,
        posted(admin, (bag, 1)).number,
    ]
    assert numbers == [
        f"PJ-{year}-000001",
        f"PJ-{year - 1}-000001",
        f"PG-{year}-000001",
        f"PG-{year - 1}-000001",
        f"PJ-{year}-000002",
    ]


def test_a_sale_posted_already_is_not_posted_again(admin, bag):
    sale = posted(admin, (bag, 1))
    error = refusal(sale_post, sale=sale, posted_by=admin)
    assert error.code == "already_posted"
    assert messages(error) == ["This sale is already posted."]
    assert variant_of(bag).stock == 9


def test_the_sums_of_a_sale_are_kept_as_typed(admin, bag):
    sale = draft(
        admin, (bag, 2), discount=5_000, shipping_charged=12_000, marketplace_fee=3_000
    )
    stored = Sale.objects.get(pk=sale.pk)
    assert (stored.subtotal, stored.discount) == (200_000, 5_000)
    assert (stored.shipping_charged, stored.marketplace_fee) == (12_000, 3_000)
    assert stored.total == 200_000 - 5_000 + 12_000 - 3_000


def test_an_unknown_product_is_refused(admin, bag):
    error = refusal(
        sale_create,
        date=today(),
        channel="shopee",
        lines=[LineInput(variant_id=999_999, quantity=1)],
        recorded_by=admin,
    )
    assert error.code == "unknown_product"
    assert messages(error) == ["Unknown product."]
    assert not Sale.objects.exists()


def test_an_archived_product_is_refused_by_name(admin, bag):
    bag.status = "archived"
    bag.save()
    with override("en"), pytest.raises(ValidationError) as caught:
        draft(admin, (bag, 1))
    assert caught.value.code == "archived_product"
    assert messages(caught.value) == ["Tas Mawar is archived and no longer sold."]
    assert not Sale.objects.exists()


def test_a_bad_quantity_names_the_product(admin, bag):
    with override("en"), pytest.raises(ValidationError) as caught:
        draft(admin, (bag, 0))
    assert caught.value.code == "bad_quantity"
    assert messages(caught.value) == ["The quantity of Tas Mawar must be at least 1."]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("discount", "The discount cannot be negative."),
        ("shipping_charged", "Shipping cannot be negative."),
        ("marketplace_fee", "The fee cannot be negative."),
    ],
)
def test_a_negative_sum_is_refused_on_its_field(admin, bag, field, message):
    with override("en"), pytest.raises(ValidationError) as caught:
        draft(admin, (bag, 1), **{field: -1})
    assert caught.value.error_dict[field][0].code == "negative"
    assert messages(caught.value) == {field: [message]}
    assert not Sale.objects.exists()


def test_a_discount_larger_than_the_goods_is_refused_on_its_field(admin, bag):
    with override("en"), pytest.raises(ValidationError) as caught:
        draft(admin, (bag, 1), discount=100_001)
    assert caught.value.error_dict["discount"][0].code == "discount_too_large"
    assert messages(caught.value) == {
        "discount": ["The discount is larger than the goods' total."]
    }


def test_a_due_date_before_the_sale_is_refused_on_its_field(admin, bag):
    with override("en"), pytest.raises(ValidationError) as caught:
        draft(admin, (bag, 1), due_date=today() - timedelta(days=1))
    assert caught.value.error_dict["due_date"][0].code == "due_before_sale"
    assert messages(caught.value) == {
        "due_date": ["The payment due date is before the sale date."]
    }


# --- Reversing a sale -----------------------------------------------------------------


def test_a_reversal_copies_the_customer_and_books_the_pieces_back(admin, bag):
    sale = posted(
        admin, (bag, 2), customer_name="Bu Ratna", customer_whatsapp="6281234567890"
    )
    before = timezone.now()
    reversal = sale_reverse(sale=sale, reversed_by=admin, reason="  salah catat ")
    assert (reversal.customer_name, reversal.customer_whatsapp) == (
        sale.customer_name,
        sale.customer_whatsapp,
    )
    assert reversal.customer_whatsapp
    assert reversal.channel == sale.channel
    assert reversal.note == "salah catat"
    assert reversal.number == f"PJ-{today().year}-000002"
    assert reversal.posted_by == admin
    assert before <= reversal.posted_at <= timezone.now()
    back = StockMovement.objects.get(reason=StockReason.SALE_REVERSED)
    assert (back.quantity, back.source, back.created_by) == (2, sale, admin)
    assert variant_of(bag).stock == 10


def test_a_reversal_carries_every_sum_of_the_sale_negated(admin, bag):
    sale = posted(
        admin, (bag, 2), discount=5_000, shipping_charged=12_000, marketplace_fee=3_000
    )
    reversal = sale_reverse(sale=sale, reversed_by=admin, reason="batal")
    stored = Sale.objects.get(pk=reversal.pk)
    assert (stored.subtotal, stored.discount, stored.shipping_charged) == (
        -200_000,
        -5_000,
        -12_000,
    )
    assert (stored.marketplace_fee, stored.total) == (-3_000, -204_000)
    assert (stored.channel, stored.reverses) == (sale.channel, sale)


def test_a_reversed_pre_order_line_still_takes_no_stock(admin, bag):
    made_to_order = ProductFactory(availability=Availability.PREORDER, stock=0)
    sale = posted(admin, (bag, 1), (made_to_order, 2))
    reversal = sale_reverse(sale=sale, reversed_by=admin, reason="batal")
    lines = {
        line.product_id: line.takes_stock
        for line in SaleLine.objects.filter(sale=reversal)
    }
    assert lines == {bag.pk: True, made_to_order.pk: False}
    assert variant_of(made_to_order).stock == 0
    assert variant_of(bag).stock == 10


def test_a_draft_cannot_be_reversed(admin, bag):
    error = refusal(
        sale_reverse, sale=draft(admin, (bag, 1)), reversed_by=admin, reason="x"
    )
    assert error.code == "not_posted"
    assert messages(error) == [
        "Only a posted entry can be reversed; a draft can simply be deleted."
    ]


def test_a_reversal_cannot_be_reversed(admin, bag):
    reversal = sale_reverse(sale=posted(admin, (bag, 1)), reversed_by=admin, reason="x")
    error = refusal(sale_reverse, sale=reversal, reversed_by=admin, reason="y")
    assert error.code == "reversal_of_reversal"
    assert messages(error) == ["A reversal cannot be reversed."]


def test_a_sale_reversed_already_is_not_reversed_twice(admin, bag):
    sale = posted(admin, (bag, 1))
    sale_reverse(sale=sale, reversed_by=admin, reason="x")
    error = refusal(sale_reverse, sale=sale, reversed_by=admin, reason="y")
    assert error.code == "already_reversed"
    assert messages(error) == [f"{sale.number} is already reversed."]
    assert Sale.objects.filter(reverses=sale).count() == 1


def test_a_second_reversal_racing_past_the_check_is_refused_by_the_database(admin, bag):
    sale = posted(admin, (bag, 1))
    sale_reverse(sale=sale, reversed_by=admin, reason="x")
    late = Sale(
        date=today(),
        channel=sale.channel,
        subtotal=-sale.subtotal,
        total=-sale.total,
        reverses=sale,
        created_by=admin,
    )
    with override("en"), pytest.raises(ValidationError) as caught:
        post_new_entry(late, "PJ", admin)
    assert caught.value.code == "already_reversed"
    assert messages(caught.value) == ["This entry was reversed a moment ago."]
    assert Sale.objects.filter(reverses=sale).count() == 1


# --- Payments -------------------------------------------------------------------------


def test_a_payment_without_a_note_has_an_empty_note(admin, bag):
    sale = unpaid(admin, bag)
    payment = payment_record(sale=sale, amount=1_000, date=today(), recorded_by=admin)
    stored = Payment.objects.get(pk=payment.pk)
    assert (stored.note, stored.amount, stored.recorded_by) == ("", 1_000, admin)


def test_the_note_of_a_payment_is_kept_without_surrounding_blanks(admin, bag):
    sale = unpaid(admin, bag)
    payment = payment_record(
        sale=sale, amount=1_000, date=today(), recorded_by=admin, note=" transfer "
    )
    assert Payment.objects.get(pk=payment.pk).note == "transfer"


def test_the_last_rupiah_owed_can_be_paid_and_then_nothing_is_owed(admin, bag):
    sale = unpaid(admin, bag)
    payment_record(sale=sale, amount=99_999, date=today(), recorded_by=admin)
    payment_record(sale=sale, amount=1, date=today(), recorded_by=admin)
    error = refusal(
        payment_record, sale=sale, amount=1, date=today(), recorded_by=admin
    )
    assert error.code == "nothing_owed"
    assert messages(error) == ["Nothing is owed on this sale."]
    assert Payment.objects.filter(sale=sale).count() == 2


def test_more_than_is_owed_is_refused_saying_what_is_owed(admin, bag):
    sale = unpaid(admin, bag)
    error = refusal(
        payment_record, sale=sale, amount=100_001, date=today(), recorded_by=admin
    )
    assert error.code == "overpaid"
    assert messages(error) == ["That is more than the Rp 100.000 still owed."]
    assert not Payment.objects.exists()


@pytest.mark.parametrize("amount", [0, -5])
def test_a_payment_of_rp_0_or_less_is_refused(admin, bag, amount):
    sale = unpaid(admin, bag)
    error = refusal(
        payment_record, sale=sale, amount=amount, date=today(), recorded_by=admin
    )
    assert error.error_dict["amount"][0].code == "not_positive"
    assert messages(error) == {"amount": ["The amount must be more than Rp 0."]}
    assert not Payment.objects.exists()


def test_a_payment_to_a_draft_is_refused(admin, bag):
    sale = draft(admin, (bag, 1), due_date=today())
    error = refusal(
        payment_record, sale=sale, amount=1_000, date=today(), recorded_by=admin
    )
    assert error.code == "not_posted"
    assert messages(error) == ["Payments go to posted sales."]
    assert not Payment.objects.exists()


def test_a_payment_to_a_reversed_sale_is_refused(admin, bag):
    sale = unpaid(admin, bag)
    sale_reverse(sale=sale, reversed_by=admin, reason="batal")
    error = refusal(
        payment_record, sale=sale, amount=1_000, date=today(), recorded_by=admin
    )
    assert error.code == "reversed"
    assert messages(error) == ["This sale is reversed; nothing is owed on it."]
    assert not Payment.objects.exists()


def test_a_payment_dated_before_the_sale_is_refused_on_its_field(admin, bag):
    sale = unpaid(admin, bag, date=today() - timedelta(days=3))
    error = refusal(
        payment_record,
        sale=sale,
        amount=1_000,
        date=today() - timedelta(days=4),
        recorded_by=admin,
    )
    assert error.error_dict["date"][0].code == "before_sale"
    assert messages(error) == {"date": ["The payment date is before the sale."]}


# --- Expenses -------------------------------------------------------------------------


def expense(admin, **options) -> Expense:
    options.setdefault("date", today())
    options.setdefault("category", ExpenseCategory.YARN)
    options.setdefault("amount", 50_000)
    return expense_record(recorded_by=admin, **options)


def test_an_expense_without_a_note_has_an_empty_note(admin):
    stored = Expense.objects.get(pk=expense(admin).pk)
    assert stored.note == ""


def test_an_expense_recorded_posted_names_who_posted_it_and_when(admin):
    before = timezone.now()
    stored = Expense.objects.get(pk=expense(admin).pk)
    assert (stored.status, stored.number) == (
        EntryStatus.POSTED,
        f"PG-{today().year}-000001",
    )
    assert (stored.posted_by, stored.created_by) == (admin, admin)
    assert before <= stored.posted_at <= timezone.now()


def test_an_unknown_expense_category_is_refused(admin):
    error = refusal(expense, admin=admin, category="lottery")
    assert error.code == "bad_category"
    assert messages(error) == ["Unknown expense category."]
    assert not Expense.objects.exists()


WAGES_NEED = ["Member wages need the member and the month they are for."]


def test_member_wages_without_the_member_are_refused(admin):
    error = refusal(
        expense,
        admin=admin,
        category=ExpenseCategory.MEMBER_WAGES,
        wage_month=today().replace(day=1),
    )
    assert error.code == "wages_need_member"
    assert messages(error) == WAGES_NEED
    assert not Expense.objects.exists()


def test_member_wages_without_the_month_are_refused(admin):
    error = refusal(
        expense,
        admin=admin,
        category=ExpenseCategory.MEMBER_WAGES,
        member=MemberFactory(),
    )
    assert error.code == "wages_need_member"
    assert messages(error) == WAGES_NEED
    assert not Expense.objects.exists()


def test_posting_a_draft_expense_posts_that_one_only(admin):
    first = expense(admin, post=False)
    other = expense(admin, post=False)
    before = timezone.now()
    posted_expense = expense_post(expense=first, posted_by=admin)
    assert posted_expense.status == EntryStatus.POSTED
    assert posted_expense.number == f"PG-{today().year}-000001"
    assert posted_expense.posted_by == admin
    assert before <= posted_expense.posted_at <= timezone.now()
    other.refresh_from_db()
    assert (other.status, other.number, other.posted_at) == (
        EntryStatus.DRAFT,
        None,
        None,
    )


def test_an_expense_posted_already_is_not_posted_again(admin):
    posted_expense = expense(admin)
    error = refusal(expense_post, expense=posted_expense, posted_by=admin)
    assert error.code == "already_posted"
    assert messages(error) == ["This expense is already posted."]
    assert Expense.objects.get(pk=posted_expense.pk).number == posted_expense.number


def test_an_expense_reversal_is_numbered_and_posted_by_who_reversed_it(admin):
    original = expense(admin)
    other_admin = MemberFactory(role=Role.ADMIN).user
    reversal = expense_reverse(
        expense=original, reversed_by=other_admin, reason="  dobel "
    )
    stored = Expense.objects.get(pk=reversal.pk)
    assert stored.number == f"PG-{today().year}-000002"
    assert (stored.posted_by, stored.created_by) == (other_admin, other_admin)
    assert stored.note == "dobel"
    assert (stored.amount, stored.reverses) == (-50_000, original)
    assert stored.category == ExpenseCategory.YARN


def test_a_wages_reversal_keeps_the_member_and_the_month(admin):
    member = MemberFactory()
    month = earn(admin, member, 1, 5_000)
    paid = wages_pay(member=member, month=month, paid_by=admin, date=today())
    reversal = expense_reverse(expense=paid, reversed_by=admin, reason="salah")
    stored = Expense.objects.get(pk=reversal.pk)
    assert stored.category == ExpenseCategory.MEMBER_WAGES
    assert (stored.member, stored.wage_month) == (member, month)
    assert wages_unpaid(member=member, month=month) == 5_000


# --- Wages ----------------------------------------------------------------------------


def earn(admin, member, quantity, rate):
    product = ProductFactory(stock=0)
    set_rate(product, rate)
    hand_in = make_hand_in(member=member, product=product, quantity=quantity)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin)
    return today().replace(day=1)  # earned when accepted


def test_unpaid_wages_are_those_of_the_member_asked_for(admin):
    sri, wati = MemberFactory(), MemberFactory()
    month = earn(admin, sri, 2, 10_000)
    earn(admin, wati, 3, 10_000)
    assert wages_unpaid(member=sri, month=month) == 20_000
    assert wages_unpaid(member=wati, month=month) == 30_000


def test_paying_wages_pays_only_that_members_unpaid_amount(admin):
    sri, wati = MemberFactory(), MemberFactory()
    month = earn(admin, sri, 2, 10_000)
    earn(admin, wati, 3, 10_000)
    with override("id"):  # the note is written in the language of the page
        paid = wages_pay(member=sri, month=month, paid_by=admin, date=today())
    assert (paid.amount, paid.member, paid.wage_month) == (20_000, sri, month)
    assert paid.category == ExpenseCategory.MEMBER_WAGES
    assert Expense.objects.get(pk=paid.pk).note == in_indonesian("Piece-rate wages")
    assert wages_unpaid(member=wati, month=month) == 30_000


def test_wages_of_rp_1_are_paid(admin):
    member = MemberFactory()
    month = earn(admin, member, 1, 1)
    assert (
        wages_pay(member=member, month=month, paid_by=admin, date=today()).amount == 1
    )


def test_wages_paid_already_are_not_paid_again(admin):
    member = MemberFactory()
    month = earn(admin, member, 1, 5_000)
    wages_pay(member=member, month=month, paid_by=admin, date=today())
    error = refusal(wages_pay, member=member, month=month, paid_by=admin, date=today())
    assert error.code == "nothing_unpaid"
    assert messages(error) == [f"Nothing unpaid for {member} in that month."]
    assert Expense.objects.count() == 1


def test_wages_are_not_paid_when_the_amount_changed_since_it_was_shown(admin):
    member = MemberFactory()
    month = earn(admin, member, 2, 5_000)
    error = refusal(
        wages_pay,
        member=member,
        month=month,
        paid_by=admin,
        date=today(),
        expected=5_000,
    )
    assert error.code == "unpaid_changed"
    assert messages(error) == [
        f"The unpaid amount of {member} changed to Rp 10.000 in the meantime; "
        "check it and pay again."
    ]
    assert not Expense.objects.exists()
