"""Random sequences of sales, reversals, expenses and hand-ins keep the books right.

A hypothesis state machine drives the services the entry pages use and keeps
its own account of what the stock and the sums must be. Each run starts from
fresh products inside a savepoint that is rolled back at its end.
"""

from collections import Counter, defaultdict

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from catalog.models import Availability, Variant
from members.roles import Role
from production.models import HandIn
from production.services import hand_in_accept
from sales.models import EntryStatus, Expense, ExpenseCategory, Sale, SaleLine
from sales.selectors import Period, profit_and_loss, sales_by_channel
from sales.services import (
    LineInput,
    expense_record,
    expense_reverse,
    sale_create,
    sale_post,
    sale_reverse,
)
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db

READY_PRODUCTS = 3
CATEGORIES = [c for c in ExpenseCategory.values if c != ExpenseCategory.MEMBER_WAGES]

line_strategy = st.tuples(
    st.integers(0, READY_PRODUCTS),  # the last index is the pre-order product
    st.integers(1, 4),
    st.one_of(st.none(), st.integers(0, 300_000)),
)


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        # Everything a run writes is undone at teardown, so runs never meet.
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.admin = MemberFactory(role=Role.ADMIN).user
        self.knitter = MemberFactory(role=Role.MEMBER)
        products = [
            ProductFactory(price=25_000 * (i + 1), stock=i)
            for i in range(READY_PRODUCTS)
        ]
        products.append(
            ProductFactory(
                price=200_000,
                stock=0,
                availability=Availability.PREORDER,
                lead_time_days=14,
            )
        )
        for product in products:
            set_rate(product, 10_000)  # pieces are accepted only with a rate
        self.variants = [product.variants.get() for product in products]
        self.takes_stock = {
            v.pk: v.product.availability != Availability.PREORDER for v in self.variants
        }
        self.initial_stock = {v.pk: v.stock for v in self.variants}
        self.stock = dict(self.initial_stock)
        self.drafts: list[int] = []
        self.posted: list[int] = []  # posted sales and reversals alike
        self.reversed: set[int] = set()
        self.reversals: set[int] = set()
        self.posted_goods = 0  # sum of posted subtotals, reversals negative
        self.expenses: list[int] = []
        self.expenses_reversed: set[int] = set()
        self.expense_reversals: set[int] = set()
        self.recorded = 0
        self.reversed_amount = 0

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # --- sales ---------------------------------------------------------------

    def _fits(self, sale_pk: int) -> bool:
        wanted = Counter()
        for line in SaleLine.objects.filter(sale_id=sale_pk):
            if line.takes_stock:
                wanted[line.variant_id] += line.quantity
        return all(self.stock[pk] >= quantity for pk, quantity in wanted.items())

    def _post(self, sale: Sale) -> None:
        fits = self._fits(sale.pk)
        try:
            sale_post(sale=sale, posted_by=self.admin)
        except ValidationError as error:
            assert not fits, error
            assert error.code == "insufficient_stock"
            assert Sale.objects.get(pk=sale.pk).status == EntryStatus.DRAFT
            return
        assert fits
        for line in SaleLine.objects.filter(sale_id=sale.pk, takes_stock=True):
            self.stock[line.variant_id] -= line.quantity
        self.drafts.remove(sale.pk)
        self.posted.append(sale.pk)
        self.posted_goods += Sale.objects.get(pk=sale.pk).subtotal

    @rule(
        lines=st.lists(line_strategy, min_size=1, max_size=3),
        discount_percent=st.integers(0, 100),
        shipping=st.integers(0, 50_000),
        unpaid=st.booleans(),
        post=st.booleans(),
    )
    def sell(self, lines, discount_percent, shipping, unpaid, post):
        inputs = [
            LineInput(variant_id=self.variants[i].pk, quantity=q, unit_price=price)
            for i, q, price in lines
        ]
        subtotal = sum(
            q * (self.variants[i].price if price is None else price)
            for i, q, price in lines
        )
        today = timezone.localdate()
        sale = sale_create(
            date=today,
            channel="whatsapp",
            lines=inputs,
            recorded_by=self.admin,
            discount=subtotal * discount_percent // 100,
            shipping_charged=shipping,
            due_date=today if unpaid else None,
        )
        assert sale.subtotal == subtotal
        self.drafts.append(sale.pk)
        if post:
            self._post(sale)

    @precondition(lambda self: self.drafts)
    @rule(data=st.data())
    def post_draft(self, data):
        self._post(Sale.objects.get(pk=data.draw(st.sampled_from(self.drafts))))

    @precondition(lambda self: self.posted)
    @rule(data=st.data())
    def reverse_sale(self, data):
        pk = data.draw(st.sampled_from(self.posted))
        original = Sale.objects.get(pk=pk)
        allowed = pk not in self.reversals and pk not in self.reversed
        try:
            reversal = sale_reverse(sale=original, reversed_by=self.admin, reason="x")
        except ValidationError as error:
            assert not allowed
            assert error.code in {"reversal_of_reversal", "already_reversed"}
            return
        assert allowed
        for line in original.lines.filter(takes_stock=True):
            self.stock[line.variant_id] += line.quantity
        self.reversed.add(pk)
        self.reversals.add(reversal.pk)
        self.posted.append(reversal.pk)
        self.posted_goods -= original.subtotal

    @precondition(lambda self: self.drafts)
    @rule(data=st.data())
    def reversing_a_draft_is_refused(self, data):
        draft = Sale.objects.get(pk=data.draw(st.sampled_from(self.drafts)))
        with pytest.raises(ValidationError):
            sale_reverse(sale=draft, reversed_by=self.admin, reason="x")

    # --- production ------------------------------------------------------------

    @rule(index=st.integers(0, READY_PRODUCTS), quantity=st.integers(1, 5))
    def accept_pieces(self, index, quantity):
        variant = self.variants[index]
        hand_in = make_hand_in(
            member=self.knitter, product=variant.product, quantity=quantity
        )
        hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=self.admin)
        self.stock[variant.pk] += quantity

    # --- expenses --------------------------------------------------------------

    @rule(amount=st.integers(1, 5_000_000), category=st.sampled_from(CATEGORIES))
    def spend(self, amount, category):
        expense = expense_record(
            date=timezone.localdate(),
            category=category,
            amount=amount,
            recorded_by=self.admin,
        )
        self.expenses.append(expense.pk)
        self.recorded += amount

    @rule(amount=st.integers(-1000, 0))
    def spend_nothing_is_refused(self, amount):
        with pytest.raises(ValidationError):
            expense_record(
                date=timezone.localdate(),
                category="yarn",
                amount=amount,
                recorded_by=self.admin,
            )

    @precondition(lambda self: self.expenses)
    @rule(data=st.data())
    def reverse_expense(self, data):
        pk = data.draw(st.sampled_from(self.expenses))
        original = Expense.objects.get(pk=pk)
        allowed = pk not in self.expense_reversals and pk not in self.expenses_reversed
        try:
            reversal = expense_reverse(
                expense=original, reversed_by=self.admin, reason="x"
            )
        except ValidationError:
            assert not allowed
            return
        assert allowed
        self.expenses_reversed.add(pk)
        self.expense_reversals.add(reversal.pk)
        self.expenses.append(reversal.pk)
        self.reversed_amount += original.amount

    # --- what must always hold ---------------------------------------------------

    @invariant()
    def stock_is_produced_minus_sold_plus_returned(self):
        stock = dict(
            Variant.objects.filter(pk__in=self.stock).values_list("pk", "stock")
        )
        assert stock == self.stock
        assert all(value >= 0 for value in stock.values())
        produced = defaultdict(int)
        for row in (
            HandIn.objects.accepted()
            .filter(variant_id__in=self.stock)
            .values("variant_id")
            .annotate(total=Sum("quantity"))
        ):
            produced[row["variant_id"]] = row["total"]
        # Reversal lines are negative: the net "sold" already counts returns.
        sold = defaultdict(int)
        for row in (
            SaleLine.objects.filter(
                sale__status=EntryStatus.POSTED,
                takes_stock=True,
                variant_id__in=self.stock,
            )
            .values("variant_id")
            .annotate(total=Sum("quantity"))
        ):
            sold[row["variant_id"]] = row["total"]
        for pk in self.stock:
            expected = self.initial_stock[pk] + produced[pk] - sold[pk]
            if self.takes_stock[pk]:
                assert stock[pk] == expected
            else:
                # Pre-order pieces are made after payment; sales take no stock.
                assert stock[pk] == self.initial_stock[pk] + produced[pk]

    @invariant()
    def posted_lines_add_up_to_the_entries(self):
        posted = Sale.objects.filter(status=EntryStatus.POSTED)
        lines_total = (
            SaleLine.objects.filter(sale__status=EntryStatus.POSTED).aggregate(
                total=Sum("line_total")
            )["total"]
            or 0
        )
        subtotals = posted.aggregate(total=Sum("subtotal"))["total"] or 0
        assert lines_total == subtotals == self.posted_goods
        for sale in posted:
            assert sale.total == (
                sale.subtotal
                - sale.discount
                + sale.shipping_charged
                - sale.marketplace_fee
            )
        drafts = Sale.objects.filter(status=EntryStatus.DRAFT).count()
        assert drafts == len(self.drafts)

    @invariant()
    def every_reversal_nets_its_original_to_zero(self):
        for reversal in Sale.objects.filter(reverses__isnull=False).select_related(
            "reverses"
        ):
            original = reversal.reverses
            for field in (
                "subtotal",
                "discount",
                "shipping_charged",
                "marketplace_fee",
                "total",
            ):
                assert getattr(original, field) + getattr(reversal, field) == 0
            quantities = Counter()
            amounts = Counter()
            for line in SaleLine.objects.filter(sale__in=[original, reversal]):
                quantities[line.variant_id] += line.quantity
                amounts[line.variant_id] += line.line_total
            assert set(quantities.values()) <= {0}
            assert set(amounts.values()) <= {0}
        for reversal in Expense.objects.filter(reverses__isnull=False).select_related(
            "reverses"
        ):
            assert reversal.amount + reversal.reverses.amount == 0

    @invariant()
    def report_totals_equal_the_sum_of_the_entries(self):
        period = Period(date_from=timezone.localdate(), date_to=timezone.localdate())
        posted = Sale.objects.filter(status=EntryStatus.POSTED).aggregate(
            gross=Sum("subtotal"), discount=Sum("discount"), fee=Sum("marketplace_fee")
        )
        units = SaleLine.objects.filter(sale__status=EntryStatus.POSTED).aggregate(
            units=Sum("quantity")
        )["units"]
        expenses = Expense.objects.posted().aggregate(total=Sum("amount"))["total"]
        report = profit_and_loss(period=period).total
        assert report.gross_sales == (posted["gross"] or 0)
        assert report.discount == (posted["discount"] or 0)
        assert report.marketplace_fees == (posted["fee"] or 0)
        assert report.units == (units or 0)
        assert sum(report.expenses.values()) == (expenses or 0)
        channels = sales_by_channel(period=period).total
        assert channels.revenue == report.revenue

    @invariant()
    def posted_expenses_are_recorded_minus_reversed(self):
        total = Expense.objects.posted().aggregate(total=Sum("amount"))["total"] or 0
        assert total == self.recorded - self.reversed_amount


def test_random_ledger_operations_keep_the_invariants():
    run_state_machine_as_test(
        LedgerMachine,
        settings=settings(
            max_examples=30,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
