"""The realisation report on screen (Indonesian numbers) and as a file (plain)."""

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import exports

from .numbers import format_number, plain
from .selectors import MONTH, YEAR, Filters, Group, Report


class ReportFilterForm(forms.Form):
    year = forms.TypedChoiceField(
        label=gettext_lazy("Year"), required=False, coerce=int, empty_value=None
    )
    month = forms.TypedChoiceField(
        label=gettext_lazy("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", gettext_lazy("Whole year")), *MONTHS.items()],
        error_messages={
            "invalid_choice": gettext_lazy("Choose a month from the list.")
        },
    )
    grain = forms.ChoiceField(
        label=gettext_lazy("Group"),
        required=False,
        choices=[(YEAR, gettext_lazy("Per year")), (MONTH, gettext_lazy("Per month"))],
        error_messages={
            "invalid_choice": gettext_lazy("Choose per year or per month.")
        },
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            ("", _("All years")),
            *((year, str(year)) for year in years),
        ]
        self.fields["year"].error_messages["invalid_choice"] = _(
            "There is no realisation in that year; choose one from the list."
        )

    def clean(self):
        data = super().clean()
        if data.get("month") and not data.get("year"):
            self.add_error("month", _("Choose a year for the month."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data if self.is_bound else {}
        return Filters(
            year=data.get("year"),
            month=data.get("month"),
            grain=data.get("grain") or YEAR,
        )


def period_label(group: Group, by_month: bool) -> str:
    if not by_month:
        return str(group.year)
    if group.month is None:
        return _("%(year)s, month not given") % {"year": group.year}
    return f"{MONTHS[group.month]} {group.year}"


def filters_text(filters: Filters) -> str:
    if filters.year and filters.month:
        return f"{MONTHS[filters.month]} {filters.year}"
    period = str(filters.year) if filters.year else _("all years")
    grain = _("per month") if filters.by_month else _("per year")
    return f"{period} · {grain}"


def _shown(group: Group, by_month: bool) -> dict:
    return {
        "period": period_label(group, by_month),
        "exporter": group.exporter,
        "commodity": group.commodity,
        "tne": format_number(group.volume_tne, 3),
        "kg": format_number(group.volume_kg, 3),
        "usd": format_number(group.value_usd, 2),
        "skas": group.skas,
        "shipments": group.shipments,
        "imported_rows": group.imported_rows,
        "destinations": group.destinations,
        "destination_count": len(group.destination_codes),
    }


def report_context(report: Report) -> dict:
    by_month = report.filters.by_month
    return {
        "report": report,
        "rows": [_shown(group, by_month) for group in report.groups],
        "total": _shown(report.total, by_month),
        "by_month": by_month,
    }


def report_table(report: Report, subtitle: str) -> exports.Table:
    """Plain numbers for Excel: TNE and kg with 3 decimals or more, USD with 2."""
    by_month = report.filters.by_month

    def cells(group: Group) -> list:
        return [
            plain(group.volume_tne, 3),
            plain(group.volume_kg, 3),
            plain(group.value_usd, 2),
            group.skas,
            len(group.destination_codes),
            "; ".join(group.destinations),
            group.shipments,
            group.imported_rows,
        ]

    columns = [exports.Column(_("Year"))]
    if by_month:
        columns.append(exports.Column(_("Month")))
    columns += [
        exports.Column(_("Exporter")),
        exports.Column(_("Commodity")),
        exports.Column(_("Volume (TNE)")),
        exports.Column(_("Volume (kg)")),
        exports.Column(_("FOB value (USD)")),
        exports.Column(_("SKAs"), "int"),
        exports.Column(_("Number of countries"), "int"),
        exports.Column(_("Destination countries")),
        exports.Column(_("Shipments"), "int"),
        exports.Column(_("Imported rows"), "int"),
    ]
    rows = []
    for group in report.groups:
        period = [group.year] + ([group.month] if by_month else [])
        rows.append([*period, group.exporter, group.commodity, *cells(group)])
    blanks = [""] * (1 if by_month else 0)
    total = [_("Total"), *blanks, "", "", *cells(report.total)]
    return exports.Table(
        title=_("Export realisation"),
        subtitle=subtitle,
        columns=columns,
        rows=rows,
        total=total,
    )
