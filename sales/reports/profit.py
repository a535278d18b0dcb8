"""Laba rugi: on screen and as a table for CSV and Excel."""

from datetime import date

from django.utils.translation import gettext as _

from core import exports

from .. import selectors
from ..selectors import Period
from .common import grain_of


def summary_context(period: Period) -> dict:
    grain = grain_of(period)
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


def summary_table(period: Period, subtitle: str) -> exports.Table:
    grain = grain_of(period)
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
