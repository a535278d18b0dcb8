"""Top products and sales per maker."""

from django.utils.translation import gettext as _

from core import exports

from .. import selectors
from ..selectors import Period


def products_context(period: Period) -> dict:
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


def products_table(period: Period, subtitle: str) -> exports.Table:
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


def makers_context(period: Period) -> dict:
    return {"rows": selectors.sales_by_maker(period=period)}


def makers_table(period: Period, subtitle: str) -> exports.Table:
    return exports.Table(
        title=_("Sales by maker"),
        subtitle=subtitle,
        columns=_line_columns(_("Maker")),
        rows=[
            _line_values(row, row.name or _("No maker recorded"))
            for row in selectors.sales_by_maker(period=period)
        ],
    )
