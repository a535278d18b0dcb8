"""The admin dashboard, put together from what each app reports."""

from dataclasses import dataclass
from datetime import date

from catalog.models import Product
from production.selectors import pending_count
from sales.selectors import (
    ChannelMonths,
    month_on_month,
    receivables_summary,
    unpaid_wages,
)


@dataclass
class DashboardFigures:
    month: date
    last_month: date
    channels: list[ChannelMonths]  # channels sold through in either month
    total: ChannelMonths
    low_stock: list[Product]  # with ``total_stock``; at most ten
    pending_pieces: int
    receivables_count: int
    receivables_outstanding: int
    unpaid_wages: int
    unpaid_wages_members: int


def dashboard_figures(*, today: date | None = None) -> DashboardFigures:
    """The admin's home page figures: six small queries."""
    sales = month_on_month(today=today)
    owed = receivables_summary()
    wages = unpaid_wages()
    return DashboardFigures(
        month=sales.month,
        last_month=sales.last_month,
        channels=sales.channels,
        total=sales.total,
        low_stock=list(
            Product.objects.low_stock().order_by("total_stock", "name")[:10]
        ),
        pending_pieces=pending_count(),
        receivables_count=owed["count"],
        receivables_outstanding=owed["outstanding"],
        unpaid_wages=sum(row.unpaid for row in wages),
        unpaid_wages_members=len({row.member_id for row in wages}),
    )
