"""Profit and loss (laba rugi) per month or year."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from ..models import (
    ExpenseCategory,
)
from .base import GRAINS, MATERIAL_CATEGORIES, Period, _money, _orders, _times


@dataclass
class ProfitAndLoss:
    """One period's laba rugi. All amounts whole Rupiah."""

    start: date | None = None
    orders: int = 0
    units: int = 0
    gross_sales: int = 0
    discount: int = 0
    cost_of_goods: int = 0
    shipping_charged: int = 0
    marketplace_fees: int = 0
    expenses: dict[str, int] = field(default_factory=dict)
    expenses_included: bool = True

    @property
    def revenue(self) -> int:
        return self.gross_sales - self.discount

    @property
    def gross_profit(self) -> int:
        return self.revenue - self.cost_of_goods

    @property
    def operating_expenses(self) -> int:
        return sum(
            amount
            for category, amount in self.expenses.items()
            if category not in MATERIAL_CATEGORIES
        )

    @property
    def material_purchases(self) -> int:
        return sum(self.expenses.get(category, 0) for category in MATERIAL_CATEGORIES)

    @property
    def net_result(self) -> int:
        return (
            self.gross_profit
            + self.shipping_charged
            - self.marketplace_fees
            - self.operating_expenses
        )

    @property
    def is_empty(self) -> bool:
        return not (
            self.orders
            or self.units
            or self.gross_sales
            or self.cost_of_goods
            or any(self.expenses.values())
        )

    def expense_rows(self) -> list[tuple[str, str, int]]:
        """(category, label, amount) of the operating expenses, in choice order."""
        return [
            (category.value, category.label, self.expenses[category.value])
            for category in ExpenseCategory
            if self.expenses.get(category.value) and category not in MATERIAL_CATEGORIES
        ]

    def material_rows(self) -> list[tuple[str, str, int]]:
        return [
            (category.value, category.label, self.expenses[category.value])
            for category in MATERIAL_CATEGORIES
            if self.expenses.get(category.value)
        ]

    def add(self, other: "ProfitAndLoss") -> None:
        self.orders += other.orders
        self.units += other.units
        self.gross_sales += other.gross_sales
        self.discount += other.discount
        self.cost_of_goods += other.cost_of_goods
        self.shipping_charged += other.shipping_charged
        self.marketplace_fees += other.marketplace_fees
        for category, amount in other.expenses.items():
            self.expenses[category] = self.expenses.get(category, 0) + amount


@dataclass
class ProfitAndLossReport:
    period: Period
    grain: str
    total: ProfitAndLoss
    rows: list[ProfitAndLoss]  # one per month (or year), oldest first
    categories: list[tuple[str, str]]  # expense categories with an amount

    @property
    def expenses_included(self) -> bool:
        return self.total.expenses_included


def profit_and_loss(*, period: Period, grain: str = "month") -> ProfitAndLossReport:
    """Laba rugi of the period, in total and per month (or year): three queries.

    Expenses are not per channel: with a channel chosen they are left out and the
    result is what that channel contributed.
    """
    trunc = GRAINS[grain]
    sales = (
        period.sales()
        .annotate(start=trunc("date"))
        .values("start")
        .annotate(
            orders=_orders(),
            gross_sales=_money("subtotal"),
            discount=_money("discount"),
            shipping_charged=_money("shipping_charged"),
            marketplace_fees=_money("marketplace_fee"),
        )
        .order_by()
    )
    lines = (
        period.lines()
        .annotate(start=trunc("sale__date"))
        .values("start")
        .annotate(
            units=Coalesce(Sum("quantity"), Value(0)),
            cost_of_goods=_money(_times("quantity", "unit_cost")),
        )
        .order_by()
    )
    with_expenses = not period.channel
    starts = period.months() if grain == "month" else period.years()
    rows = {start: ProfitAndLoss(start=start) for start in starts}

    def row(start: date) -> ProfitAndLoss:
        return rows.setdefault(start, ProfitAndLoss(start=start))

    for found in sales:
        target = row(found.pop("start"))
        for name, value in found.items():
            setattr(target, name, value)
    for found in lines:
        target = row(found["start"])
        target.units = found["units"]
        target.cost_of_goods = found["cost_of_goods"]
    if with_expenses:
        expenses = (
            period.expenses()
            .annotate(start=trunc("date"))
            .values("start", "category")
            .annotate(amount=Sum("amount"))
            .order_by()
        )
        for found in expenses:
            row(found["start"]).expenses[found["category"]] = found["amount"]
    total = ProfitAndLoss(expenses_included=with_expenses)
    ordered = [rows[start] for start in sorted(rows)]
    for item in ordered:
        item.expenses_included = with_expenses
        total.add(item)
    categories = [
        (category.value, category.label)
        for category in ExpenseCategory
        # A category whose entries were all reversed has nothing to show.
        if total.expenses.get(category.value)
    ]
    return ProfitAndLossReport(
        period=period, grain=grain, total=total, rows=ordered, categories=categories
    )
