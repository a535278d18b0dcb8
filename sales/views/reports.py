"""Reports of the ledger for admins: on screen, printable, as CSV and as XLSX."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import charts, exports
from members.roles import Role, role_required
from production.selectors import months_back

from .. import selectors
from ..models import SalesChannel
from ..selectors import Period

# More months than this are shown per year, or the bars get too thin to read.
MAX_MONTHS = 36
EXPORT_FORMATS = ("csv", "xlsx")


class ReportFilterForm(forms.Form):
    date_from = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        error_messages={
            "invalid": gettext_lazy("Enter the start date as a date, e.g. 2026-01-31.")
        },
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        error_messages={
            "invalid": gettext_lazy("Enter the end date as a date, e.g. 2026-03-31.")
        },
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("Channel"),
        required=False,
        choices=[("", gettext_lazy("All channels")), *SalesChannel.choices],
        error_messages={
            "invalid_choice": gettext_lazy("Choose a channel from the list.")
        },
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(
                _("The start date is after the end date. Swap them and try again."),
                code="reversed_period",
            )
        return cleaned

    def period(self, *, default_months: int | None) -> Period:
        """The chosen period; with no dates, the last months (or all time)."""
        data = self.cleaned_data if self.is_bound else {}
        start, end = data.get("date_from"), data.get("date_to")
        channel = data.get("channel") or ""
        if default_months and not start:
            start = months_back(end or timezone.localdate(), default_months - 1)
            end = end or timezone.localdate()
        return Period(date_from=start, date_to=end, channel=channel)


@dataclass(frozen=True)
class Report:
    """What one report page is: its name, template and how it becomes a table."""

    url_name: str
    title: str
    slug: str  # in the export's filename
    template: str
    context: Callable[[Period], dict]
    table: Callable[[Period, str], exports.Table]
    default_months: int | None = 12


def _grain(period: Period) -> str:
    return "year" if len(period.months()) > MAX_MONTHS else "month"


def _period_text(period: Period) -> str:
    if period.date_from and period.date_to:
        dates = _("%(start)s to %(end)s") % {
            "start": date_format(period.date_from, "j M Y"),
            "end": date_format(period.date_to, "j M Y"),
        }
    elif period.date_from:
        dates = _("from %(start)s") % {"start": date_format(period.date_from, "j M Y")}
    elif period.date_to:
        dates = _("up to %(end)s") % {"end": date_format(period.date_to, "j M Y")}
    else:
        dates = _("all dates")
    channel = (
        selectors.channel_label(period.channel) if period.channel else _("all channels")
    )
    return f"{dates} · {channel}"


def _period_slug(period: Period) -> str:
    start = period.date_from.isoformat() if period.date_from else "awal"
    end = (period.date_to or timezone.localdate()).isoformat()
    return f"{start}_{end}{'-' + period.channel if period.channel else ''}"


def _start_label(start: date, grain: str) -> str:
    return str(start.year) if grain == "year" else date_format(start, "M Y")


def _quick_periods(period: Period) -> list[dict]:
    """Ready-made periods a tap away, keeping the chosen channel."""
    today = timezone.localdate()
    this_month = today.replace(day=1)
    last_month = months_back(today, 1)
    choices = [
        (_("This month"), this_month, today),
        (_("Last month"), last_month, this_month - timedelta(days=1)),
        (_("Last 12 months"), months_back(today, 11), today),
        (_("This year"), date(today.year, 1, 1), today),
        (_("Last year"), date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
    ]
    links = []
    for label, start, end in choices:
        query = {"date_from": start.isoformat(), "date_to": end.isoformat()}
        if period.channel:
            query["channel"] = period.channel
        links.append(
            {
                "label": label,
                "query": urlencode(query),
                "current": (start, end) == (period.date_from, period.date_to),
            }
        )
    return links


# --- Laba rugi --------------------------------------------------------------------


def _summary_context(period: Period) -> dict:
    grain = _grain(period)
    report = selectors.profit_and_loss(period=period, grain=grain)
    years = None
    # Per year only for periods longer than a year: otherwise the years shown
    # would be pieces of years, easily taken for whole ones.
    if grain == "month" and len(period.months()) > 12:
        years = _by_year(report)
    return {
        "report": report,
        "total": report.total,
        "statement": _statement(report.total),
        "years": years,
        "rows_label": _("Month") if grain == "month" else _("Year"),
    }


def _statement(total: selectors.ProfitAndLoss) -> list[dict]:
    """The laba rugi as lines to print: costs negative, subtotals marked."""

    def line(label, amount: int, kind: str = "") -> dict:
        return {"label": label, "amount": amount, "kind": kind}

    lines = [
        line(_("Gross sales"), total.gross_sales),
        line(_("Discounts"), -total.discount),
        line(_("Revenue"), total.revenue, "subtotal"),
        line(_("Material cost of goods sold"), -total.cost_of_goods),
        line(_("Gross profit"), total.gross_profit, "subtotal"),
        line(_("Shipping charged to buyers"), total.shipping_charged),
        line(_("Marketplace fees"), -total.marketplace_fees),
    ]
    if total.expenses_included:
        lines += [
            line(label, -amount, "detail")
            for _value, label, amount in total.expense_rows()
        ]
        lines.append(line(_("Operating expenses"), -total.operating_expenses))
        lines.append(line(_("Net profit (loss)"), total.net_result, "result"))
    else:
        lines.append(line(_("Channel contribution"), total.net_result, "result"))
    return lines


def _by_year(report: selectors.ProfitAndLossReport) -> list[selectors.ProfitAndLoss]:
    """The month rows added up per year (a dozen aggregated rows, not ledger rows)."""
    years: dict[int, selectors.ProfitAndLoss] = {}
    for row in report.rows:
        year = years.setdefault(
            row.start.year,
            selectors.ProfitAndLoss(
                start=date(row.start.year, 1, 1),
                expenses_included=report.expenses_included,
            ),
        )
        year.add(row)
    return list(years.values())


def _summary_table(period: Period, subtitle: str) -> exports.Table:
    grain = _grain(period)
    report = selectors.profit_and_loss(period=period, grain=grain)
    columns = [
        exports.Column(_("Month") if grain == "month" else _("Year"), grain),
        exports.Column(_("Orders"), "int"),
        exports.Column(_("Pieces sold"), "int"),
        exports.Column(_("Gross sales"), "money"),
        exports.Column(_("Discounts"), "money"),
        exports.Column(_("Revenue"), "money"),
        exports.Column(_("Material cost of goods sold"), "money"),
        exports.Column(_("Gross profit"), "money"),
        exports.Column(_("Shipping charged to buyers"), "money"),
        exports.Column(_("Marketplace fees"), "money"),
    ]
    operating = [c for c in report.categories if c[0] not in _material_values()]
    materials = [c for c in report.categories if c[0] in _material_values()]
    if report.expenses_included:
        columns += [exports.Column(str(label), "money") for _value, label in operating]
        columns.append(exports.Column(_("Operating expenses"), "money"))
    columns.append(
        exports.Column(
            _("Net result") if report.expenses_included else _("Channel contribution"),
            "money",
        )
    )
    if report.expenses_included:
        columns += [
            exports.Column(_("Bought into stock: %(what)s") % {"what": label}, "money")
            for _value, label in materials
        ]

    def line(row: selectors.ProfitAndLoss, start) -> list:
        values = [
            start,
            row.orders,
            row.units,
            row.gross_sales,
            row.discount,
            row.revenue,
            row.cost_of_goods,
            row.gross_profit,
            row.shipping_charged,
            row.marketplace_fees,
        ]
        if report.expenses_included:
            values += [row.expenses.get(value, 0) for value, _label in operating]
            values.append(row.operating_expenses)
        values.append(row.net_result)
        if report.expenses_included:
            values += [row.expenses.get(value, 0) for value, _label in materials]
        return values

    return exports.Table(
        title=_("Profit and loss"),
        subtitle=subtitle,
        columns=columns,
        rows=[line(row, row.start) for row in report.rows],
        total=line(report.total, _("Total")),
    )


def _material_values() -> set[str]:
    return {category.value for category in selectors.MATERIAL_CATEGORIES}


# --- Channels ---------------------------------------------------------------------


def _channels_context(period: Period) -> dict:
    grain = _grain(period)
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
            (_start_label(start, grain), cells, total)
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


def _channels_table(period: Period, subtitle: str) -> exports.Table:
    grain = _grain(period)
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


# --- Products and makers ----------------------------------------------------------


def _products_context(period: Period) -> dict:
    rows = selectors.top_products(period=period)
    return {"rows": rows, "total": selectors.sum_rows(rows)}


def _line_columns(first: str) -> list[exports.Column]:
    return [
        exports.Column(first),
        exports.Column(_("Pieces sold"), "int"),
        exports.Column(_("Orders"), "int"),
        exports.Column(_("Sales before order discounts"), "money"),
        exports.Column(_("Material cost"), "money"),
        exports.Column(_("Gross profit"), "money"),
    ]


def _line_values(row: selectors.LineFigures, name: str) -> list:
    return [
        name,
        row.units,
        row.orders,
        row.sales,
        row.cost_of_goods,
        row.gross_profit,
    ]


def _products_table(period: Period, subtitle: str) -> exports.Table:
    rows = selectors.top_products(period=period)
    total = selectors.sum_rows(rows)
    return exports.Table(
        title=_("Top products"),
        subtitle=subtitle,
        columns=[exports.Column(_("SKU")), *_line_columns(_("Product"))],
        rows=[[row.sku, *_line_values(row, row.name)] for row in rows],
        total=[
            "",
            _("Total"),
            total.units,
            None,  # an order of two products is one order, not two
            total.sales,
            total.cost_of_goods,
            total.gross_profit,
        ],
    )


def _makers_context(period: Period) -> dict:
    return {"rows": selectors.sales_by_maker(period=period)}


def _makers_table(period: Period, subtitle: str) -> exports.Table:
    return exports.Table(
        title=_("Sales by maker"),
        subtitle=subtitle,
        columns=_line_columns(_("Maker")),
        rows=[
            _line_values(row, row.name or _("No maker recorded"))
            for row in selectors.sales_by_maker(period=period)
        ],
    )


# --- Receivables ------------------------------------------------------------------


def _receivables_context(period: Period) -> dict:
    return {"report": selectors.receivables(period=period)}


def _receivables_table(period: Period, subtitle: str) -> exports.Table:
    report = selectors.receivables(period=period)
    return exports.Table(
        title=_("Receivables"),
        subtitle=subtitle,
        columns=[
            exports.Column(_("Number")),
            exports.Column(_("Sale date"), "date"),
            exports.Column(_("Channel")),
            exports.Column(_("Customer")),
            exports.Column(_("Customer's WhatsApp")),
            exports.Column(_("Total"), "money"),
            exports.Column(_("Paid"), "money"),
            exports.Column(_("Still owed"), "money"),
            exports.Column(_("Age (days)"), "int"),
            exports.Column(_("Payment due"), "date"),
            exports.Column(_("Days overdue"), "int"),
        ],
        rows=[
            [
                row.number,
                row.date,
                row.channel_label,
                row.customer_name,
                row.customer_whatsapp,
                row.total,
                row.paid,
                row.outstanding,
                row.age_days,
                row.due_date,
                row.overdue_days,
            ]
            for row in report.rows
        ],
        total=[
            _("Total"),
            None,
            "",
            "",
            "",
            sum(row.total for row in report.rows),
            sum(row.paid for row in report.rows),
            report.outstanding,
            None,
            None,
            None,
        ],
    )


REPORTS = {
    "summary": Report(
        url_name="sales:reports",
        title=gettext_lazy("Profit and loss"),
        slug="laba-rugi",
        template="sales/reports/summary.html",
        context=_summary_context,
        table=_summary_table,
    ),
    "channels": Report(
        url_name="sales:report-channels",
        title=gettext_lazy("Channels"),
        slug="penjualan-per-kanal",
        template="sales/reports/channels.html",
        context=_channels_context,
        table=_channels_table,
    ),
    "products": Report(
        url_name="sales:report-products",
        title=gettext_lazy("Products"),
        slug="produk-terlaris",
        template="sales/reports/products.html",
        context=_products_context,
        table=_products_table,
    ),
    "makers": Report(
        url_name="sales:report-makers",
        title=gettext_lazy("Makers"),
        slug="penjualan-per-pembuat",
        template="sales/reports/makers.html",
        context=_makers_context,
        table=_makers_table,
    ),
    "receivables": Report(
        url_name="sales:report-receivables",
        title=gettext_lazy("Receivables"),
        slug="piutang",
        template="sales/reports/receivables.html",
        context=_receivables_context,
        table=_receivables_table,
        # What is owed matters however old the sale is.
        default_months=None,
    ),
}


def _problem(message: str, status: int = 400) -> HttpResponse:
    return HttpResponse(
        message, status=status, content_type="text/plain; charset=utf-8"
    )


def _show(request: HttpRequest, key: str) -> HttpResponse:
    report = REPORTS[key]
    export = request.GET.get("format", "")
    if export and export not in EXPORT_FORMATS:
        return _problem(_("Unknown export format; choose CSV or XLSX."))
    form = ReportFilterForm(request.GET or None)
    context = {
        "form": form,
        "active": key,
        "reports": list(REPORTS.items()),
        "report_title": report.title,
        "valid": True,
    }
    if form.is_bound and not form.is_valid():
        if export:
            return _problem(
                "\n".join(str(e) for errors in form.errors.values() for e in errors)
            )
        context["valid"] = False
        context["quick_periods"] = _quick_periods(Period())
        return render(request, report.template, context, status=400)
    period = form.period(default_months=report.default_months)
    subtitle = _period_text(period)
    if export:
        table = report.table(period, subtitle)
        name = exports.filename(report.slug, _period_slug(period), export)
        if export == "csv":
            return exports.csv_response(table, name)
        return exports.xlsx_response(table, name)
    # Only what the user chose: each report fills in its own default period.
    chosen = form.cleaned_data if form.is_bound else {}
    query = {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in chosen.items()
        if value
    }
    context.update(
        report.context(period),
        period=period,
        period_text=subtitle,
        query=urlencode(query),
        quick_periods=_quick_periods(period),
        has_filter=bool(query),
    )
    return render(request, report.template, context)


def _view(key: str):
    @role_required(Role.ADMIN)
    def view(request: HttpRequest) -> HttpResponse:
        return _show(request, key)

    view.__name__ = f"report_{key}"
    return view


summary = _view("summary")
channels = _view("channels")
products = _view("products")
makers = _view("makers")
receivables = _view("receivables")

urlpatterns = [
    path("laporan/", summary, name="reports"),
    path("laporan/kanal/", channels, name="report-channels"),
    path("laporan/produk/", products, name="report-products"),
    path("laporan/pembuat/", makers, name="report-makers"),
    path("laporan/piutang/", receivables, name="report-receivables"),
]
