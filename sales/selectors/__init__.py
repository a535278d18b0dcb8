"""Reads of the ledger: profit and loss, channels, products, makers, receivables.

Every figure is a sum of posted rows: a reversal carries negative amounts, so an
entry and its reversal net to zero without any special case, and drafts never
count. The database does the summing; Python only arranges the few aggregated
rows (at most one per month, channel or product) for display.
"""

from .base import GRAINS, MATERIAL_CATEGORIES, MonthStart, Period, YearStart
from .channels import (
    ChannelCell,
    ChannelReport,
    ChannelTotal,
    channel_label,
    sales_by_channel,
)
from .dashboard import ChannelMonths, MonthOnMonth, month_on_month
from .lines import LineFigures, sales_by_maker, sum_rows, top_products
from .profit import ProfitAndLoss, ProfitAndLossReport, profit_and_loss
from .receivables import (
    Receivable,
    ReceivablesReport,
    receivables,
    receivables_queryset,
    receivables_summary,
)
from .wages import UnpaidWage, unpaid_wages

__all__ = [
    "GRAINS",
    "MATERIAL_CATEGORIES",
    "ChannelCell",
    "ChannelMonths",
    "ChannelReport",
    "ChannelTotal",
    "MonthOnMonth",
    "LineFigures",
    "MonthStart",
    "Period",
    "ProfitAndLoss",
    "ProfitAndLossReport",
    "Receivable",
    "ReceivablesReport",
    "UnpaidWage",
    "YearStart",
    "channel_label",
    "month_on_month",
    "profit_and_loss",
    "receivables",
    "receivables_queryset",
    "receivables_summary",
    "sales_by_channel",
    "sales_by_maker",
    "sum_rows",
    "top_products",
    "unpaid_wages",
]
