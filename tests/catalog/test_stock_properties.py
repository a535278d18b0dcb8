"""Random hand-ins, sales, reversals and stock counts keep every stock card right.

A hypothesis state machine drives the real services (production, sales and the
catalog's stock count) and keeps its own account of each variant's stock. After
every step: the stock equals the sum of its movements, each movement's balance
follows from the one before, nothing is below zero, and the reports add up to the
entries. Each run starts from
fresh products inside a savepoint that is rolled back at its end.
"""

from collections import Counter
from datetime import timedelta

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

from catalog.models import StockMovement, StockReason, Variant
from catalog.stock import stock_count
from members.roles import Role
from production.services import hand_in_accept, hand_in_submit
from sales.models import EntryStatus, Sale, SaleLine
from sales.selectors import Period, profit_and_loss, sales_by_channel
from sales.services import LineInput, sale_create, sale_post, sale_reverse
from tests.catalog.factories import ProductFactory, add_variant
from tests.members.factories import MemberFactory
from tests.production.factories import set_rate

pytestmark = pytest.mark.django_db

VARIANTS = 3
variant_index = st.integers(0, VARIANTS - 1)


class StockMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        # Everything a run writes is undone at teardown, so runs never meet.
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.admin = MemberFactory(role=Role.ADMIN).user
        self.knitter = MemberFactory(role=Role.MEMBER)
        bag = ProductFactory(stock=2, variation1_name="Warna")
        purse = ProductFactory(stock=0)
        set_rate(bag, 20_000)
        set_rate(purse, 15_000)
        self.variants = [
            bag.variants.get(),
            add_variant(bag, option1="Biru", stock=1),
            purse.variants.get(),
        ]
        self.stock = {v.pk: Variant.objects.get(pk=v.pk).stock for v in self.variants}
        self.posted: list[int] = []
        self.reversed: set[int] = set()

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    @rule(index=variant_index, quantity=st.integers(1, 5))
    def accept_a_hand_in(self, index, quantity):
        variant = self.variants[index]
        hand_in = hand_in_submit(
            member=self.knitter,
            product=variant.product,
            variant=variant,
            quantity=quantity,
            made_on=timezone.localdate() - timedelta(days=1),
            submitted_by=self.knitter.user,
        )
        hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=self.admin)
        self.stock[variant.pk] += quantity

    @rule(
        lines=st.lists(
            st.tuples(variant_index, st.integers(1, 4)), min_size=1, max_size=3
        )
    )
    def post_a_sale(self, lines):
        wanted = Counter()
        for index, quantity in lines:
            wanted[self.variants[index].pk] += quantity
        fits = all(self.stock[pk] >= quantity for pk, quantity in wanted.items())
        sale = sale_create(
            date=timezone.localdate(),
            channel="whatsapp",
            lines=[
                LineInput(variant_id=self.variants[i].pk, quantity=q) for i, q in lines
            ],
            recorded_by=self.admin,
        )
        try:
            sale_post(sale=sale, posted_by=self.admin)
        except ValidationError as error:
            assert not fits
            assert error.code == "insufficient_stock"
            assert Sale.objects.get(pk=sale.pk).status == EntryStatus.DRAFT
            return
        assert fits
        for pk, quantity in wanted.items():
            self.stock[pk] -= quantity
        self.posted.append(sale.pk)

    @precondition(lambda self: self.posted)
    @rule(data=st.data())
    def reverse_a_sale(self, data):
        pk = data.draw(st.sampled_from(self.posted))
        sale = Sale.objects.get(pk=pk)
        try:
            sale_reverse(sale=sale, reversed_by=self.admin, reason="batal")
        except ValidationError as error:
            assert pk in self.reversed
            assert error.code == "already_reversed"
            return
        assert pk not in self.reversed
        self.reversed.add(pk)
        for line in sale.lines.all():
            self.stock[line.variant_id] += line.quantity

    @rule(index=variant_index, counted=st.integers(0, 12))
    def count_the_stock(self, index, counted):
        variant = Variant.objects.get(pk=self.variants[index].pk)
        before = StockMovement.objects.count()
        movement = stock_count(
            variant=variant, counted=counted, note="opname", by=self.admin
        )
        difference = counted - self.stock[variant.pk]
        if difference:
            assert movement.quantity == difference
            assert movement.reason == StockReason.STOCK_COUNT
        else:
            assert movement is None
            assert StockMovement.objects.count() == before
        self.stock[variant.pk] = counted

    @rule(index=variant_index, counted=st.integers(-5, -1))
    def a_negative_count_is_refused(self, index, counted):
        variant = self.variants[index]
        with pytest.raises(ValidationError) as caught:
            stock_count(variant=variant, counted=counted, note="x", by=self.admin)
        assert caught.value.code == "negative_count"

    @invariant()
    def stock_is_the_sum_of_its_movements_and_never_negative(self):
        stock = dict(
            Variant.objects.filter(pk__in=self.stock).values_list("pk", "stock")
        )
        assert stock == self.stock
        for pk, value in stock.items():
            assert value >= 0
            balance = 0
            for quantity, balance_after in (
                StockMovement.objects.filter(variant_id=pk)
                .order_by("id")
                .values_list("quantity", "balance_after")
            ):
                assert quantity != 0
                balance += quantity
                assert balance_after == balance >= 0
            assert balance == value

    @invariant()
    def report_totals_equal_the_entries(self):
        period = Period(date_from=timezone.localdate(), date_to=timezone.localdate())
        posted = Sale.objects.filter(status=EntryStatus.POSTED)
        lines = SaleLine.objects.filter(sale__status=EntryStatus.POSTED)
        report = profit_and_loss(period=period).total
        assert report.gross_sales == (posted.aggregate(s=Sum("subtotal"))["s"] or 0)
        assert report.units == (lines.aggregate(u=Sum("quantity"))["u"] or 0)
        # Pieces sold net of reversals are the stock taken net of stock returned.
        taken = StockMovement.objects.filter(
            reason__in=[StockReason.SALE_POSTED, StockReason.SALE_REVERSED]
        ).aggregate(q=Sum("quantity"))["q"]
        stock_lines = lines.filter(takes_stock=True)
        assert -(taken or 0) == (stock_lines.aggregate(u=Sum("quantity"))["u"] or 0)
        assert sales_by_channel(period=period).total.revenue == report.revenue


def test_random_stock_changes_keep_every_stock_card_right():
    run_state_machine_as_test(
        StockMachine,
        settings=settings(
            max_examples=30,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
