"""Sales per channel: the table, two charts, and the export."""

from django.utils.translation import gettext as _

from core import charts, exports

from .. import selectors
from ..selectors import Period
from .common import grain_of, start_label


def channels_context(period: Period) -> dict:
    grain = grain_of(period)
    report = selectors.sales_by_channel(period=period, grain=grain)
    labels = charts.month_labels(report.starts, grain)
    sublabels = charts.year_sublabels(report.starts) if grain == "month" else None

    def chart(name: str, chart_id: str, title: str, **options):
        return charts.stacked_bar_chart(
            chart_id=chart_id,
            title=title,
            labels=labels,
            sublabels=sublabels,
            series=[
                charts.Series(key=channel.channel, label=channel.label, values=values)
                for channel, values in report.series(name)
            ],
            **options,
        )

    return {
        "report": report,
        "table": [
            (start_label(start, grain), cells, total)
            for start, cells, total in report.table()
        ],
        "revenue_chart": chart(
            "revenue", "chart-revenue", _("Revenue per channel and month")
        ),
        "orders_chart": chart(
            "orders",
            "chart-orders",
            _("Orders per channel and month"),
            value_format=charts.count_format,
            axis_format=charts.count_format,
        ),
    }


def channels_table(period: Period, subtitle: str) -> exports.Table:
    grain = grain_of(period)
    report = selectors.sales_by_channel(period=period, grain=grain)
    rows = []
    for start, cells, _total in report.table():
        for channel, cell in zip(report.channels, cells, strict=True):
            if cell.revenue or cell.orders or cell.marketplace_fees:
                rows.append(
                    [
                        start,
                        channel.label,
                        cell.revenue,
                        cell.orders,
                        cell.marketplace_fees,
                    ]
                )
    total = report.total
    return exports.Table(
        title=_("Sales per channel"),
        subtitle=subtitle,
        columns=[
            exports.Column(_("Month") if grain == "month" else _("Year"), grain),
            exports.Column(_("Channel")),
            exports.Column(_("Revenue"), "money"),
            exports.Column(_("Orders"), "int"),
            exports.Column(_("Marketplace fees"), "money"),
        ],
        rows=rows,
        total=[_("Total"), "", total.revenue, total.orders, total.marketplace_fees],
    )
