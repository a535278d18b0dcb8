"""Sales per channel and month."""

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    F,
)

from ..models import (
    SalesChannel,
)
from .base import GRAINS, Period, _money, _orders


@dataclass
class ChannelCell:
    revenue: int = 0
    orders: int = 0
    marketplace_fees: int = 0


@dataclass
class ChannelTotal:
    channel: str
    label: str
    revenue: int = 0
    orders: int = 0
    marketplace_fees: int = 0

    @property
    def average_order(self) -> int | None:
        return round(self.revenue / self.orders) if self.orders > 0 else None


@dataclass
class ChannelReport:
    period: Period
    grain: str
    starts: list[date]  # months (or years), oldest first
    channels: list[ChannelTotal]  # with sales in the period, biggest first
    cells: dict[tuple[date, str], ChannelCell]
    total: ChannelTotal

    def cell(self, start: date, channel: str) -> ChannelCell:
        return self.cells.get((start, channel), ChannelCell())

    def series(self, name: str) -> list[tuple[ChannelTotal, list[int]]]:
        """Each channel's ``revenue`` or ``orders`` per month, for a chart."""
        return [
            (
                channel,
                [getattr(self.cell(s, channel.channel), name) for s in self.starts],
            )
            for channel in self.channels
        ]

    def table(self) -> list[tuple[date, list[ChannelCell], ChannelCell]]:
        """Per month: each channel's cell (in ``channels`` order) and the total."""
        table = []
        for start in self.starts:
            cells = [self.cell(start, c.channel) for c in self.channels]
            table.append(
                (
                    start,
                    cells,
                    ChannelCell(
                        revenue=sum(c.revenue for c in cells),
                        orders=sum(c.orders for c in cells),
                        marketplace_fees=sum(c.marketplace_fees for c in cells),
                    ),
                )
            )
        return table


def channel_label(value: str) -> str:
    try:
        return SalesChannel(value).label
    except ValueError:
        return value


def sales_by_channel(*, period: Period, grain: str = "month") -> ChannelReport:
    """Revenue (after discounts), orders and fees per channel and month: one query."""
    found = (
        period.sales()
        .annotate(start=GRAINS[grain]("date"))
        .values("start", "channel")
        .annotate(
            revenue=_money(F("subtotal") - F("discount")),
            orders=_orders(),
            marketplace_fees=_money("marketplace_fee"),
        )
        .order_by()
    )
    cells: dict[tuple[date, str], ChannelCell] = {}
    totals: dict[str, ChannelTotal] = {}
    total = ChannelTotal(channel="", label="")
    for row in found:
        cells[(row["start"], row["channel"])] = ChannelCell(
            revenue=row["revenue"],
            orders=row["orders"],
            marketplace_fees=row["marketplace_fees"],
        )
        channel = totals.setdefault(
            row["channel"],
            ChannelTotal(channel=row["channel"], label=channel_label(row["channel"])),
        )
        for target in (channel, total):
            target.revenue += row["revenue"]
            target.orders += row["orders"]
            target.marketplace_fees += row["marketplace_fees"]
    starts = period.months() if grain == "month" else period.years()
    starts = sorted(set(starts) | {start for start, _channel in cells})
    order = {value: index for index, value in enumerate(SalesChannel.values)}
    channels = sorted(
        totals.values(), key=lambda c: (-c.revenue, order.get(c.channel, 99))
    )
    return ChannelReport(
        period=period,
        grain=grain,
        starts=starts,
        channels=channels,
        cells=cells,
        total=total,
    )
