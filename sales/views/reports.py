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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import exports
from core.periods import PeriodForm, months_back
from members.roles import Role, role_required

from .. import selectors
from ..models import SalesChannel
from ..reports import channels, lines, profit, receivables
from ..selectors import Period

EXPORT_FORMATS = ("csv", "xlsx")


class ReportFilterForm(PeriodForm):
    channel = forms.ChoiceField(
        label=gettext_lazy("Channel"),
        required=False,
        choices=[("", gettext_lazy("All channels")), *SalesChannel.choices],
        error_messages={
            "invalid_choice": gettext_lazy("Choose a channel from the list.")
        },
    )

    def period(self, *, default_months: int | None) -> Period:
        """The chosen period; with no dates, the last months (or all time)."""
        start, end = self.dates(default_months=default_months)
        channel = (self.cleaned_data if self.is_bound else {}).get("channel") or ""
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


def _period_text(period: Period) -> str:
    channel = (
        selectors.channel_label(period.channel) if period.channel else _("all channels")
    )
    return f"{period.dates_text()} · {channel}"


def _period_slug(period: Period) -> str:
    return f"{period.slug()}{'-' + period.channel if period.channel else ''}"


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


REPORTS = {
    "summary": Report(
        url_name="sales:reports",
        title=gettext_lazy("Profit and loss"),
        slug="laba-rugi",
        template="sales/reports/summary.html",
        context=profit.summary_context,
        table=profit.summary_table,
    ),
    "channels": Report(
        url_name="sales:report-channels",
        title=gettext_lazy("Channels"),
        slug="penjualan-per-kanal",
        template="sales/reports/channels.html",
        context=channels.channels_context,
        table=channels.channels_table,
    ),
    "products": Report(
        url_name="sales:report-products",
        title=gettext_lazy("Products"),
        slug="produk-terlaris",
        template="sales/reports/products.html",
        context=lines.products_context,
        table=lines.products_table,
    ),
    "makers": Report(
        url_name="sales:report-makers",
        title=gettext_lazy("Makers"),
        slug="penjualan-per-pembuat",
        template="sales/reports/makers.html",
        context=lines.makers_context,
        table=lines.makers_table,
    ),
    "receivables": Report(
        url_name="sales:report-receivables",
        title=gettext_lazy("Receivables"),
        slug="piutang",
        template="sales/reports/receivables.html",
        context=receivables.receivables_context,
        table=receivables.receivables_table,
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
