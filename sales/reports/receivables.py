"""Receivables (piutang): who still owes what, and since when."""

from django.utils.translation import gettext as _

from core import exports

from .. import selectors
from ..selectors import Period


def receivables_context(period: Period) -> dict:
    return {"report": selectors.receivables(period=period)}


def receivables_table(period: Period, subtitle: str) -> exports.Table:
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
