"""The ledger's part of the admin dashboard: this month against the last."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from core.periods import months_back

from .base import Period
from .channels import sales_by_channel


@dataclass
class ChannelMonths:
    channel: str
    label: str
    revenue: int = 0
    orders: int = 0
    last_revenue: int = 0
    last_orders: int = 0

    @property
    def change_percent(self) -> int | None:
        if self.last_revenue <= 0:
            return None
        return round(100 * (self.revenue - self.last_revenue) / self.last_revenue)


@dataclass
class MonthOnMonth:
    month: date
    last_month: date
    channels: list[ChannelMonths]  # channels sold through in either month
    total: ChannelMonths


def month_on_month(*, today: date | None = None) -> MonthOnMonth:
    """Revenue and orders per channel, this month and last month: one query."""
    today = today or timezone.localdate()
    month = today.replace(day=1)
    last_month = months_back(month, 1)
    report = sales_by_channel(period=Period(date_from=last_month, date_to=today))
    channels = []
    total = ChannelMonths(channel="", label="")
    for channel in report.channels:
        now, before = (
            report.cell(month, channel.channel),
            report.cell(last_month, channel.channel),
        )
        row = ChannelMonths(
            channel=channel.channel,
            label=channel.label,
            revenue=now.revenue,
            orders=now.orders,
            last_revenue=before.revenue,
            last_orders=before.orders,
        )
        channels.append(row)
        total.revenue += row.revenue
        total.orders += row.orders
        total.last_revenue += row.last_revenue
        total.last_orders += row.last_orders
    channels.sort(key=lambda row: (-row.revenue, -row.last_revenue))
    return MonthOnMonth(
        month=month, last_month=last_month, channels=channels, total=total
    )
