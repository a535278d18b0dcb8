"""What sold: per product and per maker."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    Count,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from .base import Period, _money, _times


def _line_figures() -> dict:
    return {
        "units": Coalesce(Sum("quantity"), Value(0)),
        "sales": _money("line_total"),
        "cost_of_goods": _money(_times("quantity", "unit_cost")),
        # Orders that hold the product, less the reversals that took them back.
        "orders": Count("sale", distinct=True, filter=Q(quantity__gt=0))
        - Count("sale", distinct=True, filter=Q(quantity__lt=0)),
    }


@dataclass
class LineFigures:
    """Units and sales (before order discounts) of a product or maker."""

    name: str
    units: int
    sales: int
    cost_of_goods: int
    orders: int
    sku: str = ""
    key: int | None = None

    @property
    def gross_profit(self) -> int:
        return self.sales - self.cost_of_goods


def top_products(*, period: Period, limit: int | None = None) -> list[LineFigures]:
    """Products by sales in the period, biggest first: one query."""
    rows = (
        period.lines()
        .values("product_id", "product__name", "product__sku")
        .annotate(**_line_figures())
        .exclude(units=0, sales=0)
        .order_by("-sales", "-units", "product__name")
    )
    if limit:
        rows = rows[:limit]
    return [
        LineFigures(
            key=row["product_id"],
            name=row["product__name"],
            sku=row["product__sku"],
            units=row["units"],
            sales=row["sales"],
            cost_of_goods=row["cost_of_goods"],
            orders=row["orders"],
        )
        for row in rows
    ]


def sales_by_maker(*, period: Period) -> list[LineFigures]:
    """Sales of the products each member makes: one query.

    A product with several makers counts in full for each of them; products with
    no maker recorded come last with ``key`` None.
    """
    rows = (
        period.lines()
        .values("product__makers__id", "product__makers__full_name")
        .annotate(**_line_figures())
        .exclude(units=0, sales=0)
        .order_by()
    )
    figures = [
        LineFigures(
            key=row["product__makers__id"],
            name=row["product__makers__full_name"] or "",
            units=row["units"],
            sales=row["sales"],
            cost_of_goods=row["cost_of_goods"],
            orders=row["orders"],
        )
        for row in rows
    ]
    return sorted(figures, key=lambda row: (row.key is None, -row.sales, row.name))


def sum_rows(rows: Iterable[LineFigures]) -> LineFigures:
    """Units, sales and material cost of aggregated rows, for a table's last line.

    Orders are left at 0: an order with two products is one order, not two.
    """
    rows = list(rows)
    return LineFigures(
        name="",
        units=sum(row.units for row in rows),
        sales=sum(row.sales for row in rows),
        cost_of_goods=sum(row.cost_of_goods for row in rows),
        orders=0,
    )
