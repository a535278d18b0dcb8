"""What every ledger report shares: posted rows of a period, months, sums."""

from dataclasses import dataclass

from django.db.models import (
    BigIntegerField,
    Count,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, TruncMonth, TruncYear

from core import periods

from ..models import (
    EntryStatus,
    Expense,
    ExpenseCategory,
    Sale,
    SaleLine,
)

# Bought into stock and charged to the result through the material cost of the
# pieces sold (SaleLine.unit_cost), so not a second time as an expense.
MATERIAL_CATEGORIES = (ExpenseCategory.YARN, ExpenseCategory.ACCESSORIES)


class MonthStart(TruncMonth):
    """TruncMonth of a date; on SQLite with strftime instead of a Python function.

    Django's SQLite truncation calls back into Python for every row, which makes
    a year of sale lines several times slower than the same GROUP BY by hand.
    """

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"strftime('%%Y-%%m-01', {sql})", params


class YearStart(TruncYear):
    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"strftime('%%Y-01-01', {sql})", params


GRAINS = {"month": MonthStart, "year": YearStart}


def _money(expression) -> Coalesce:
    return Coalesce(Sum(expression, output_field=BigIntegerField()), Value(0))


def _times(left: str, right: str):
    """``left × right`` in 64 bits: PostgreSQL multiplies 32-bit columns in 32."""
    return Cast(left, BigIntegerField()) * Cast(right, BigIntegerField())


def _orders():
    """Orders net of reversals: a reversal takes its original back out."""
    return Count("pk", filter=Q(reverses__isnull=True)) - Count(
        "pk", filter=Q(reverses__isnull=False)
    )


@dataclass(frozen=True)
class Period(periods.Period):
    """A period of the ledger: dates inclusive, ``channel`` "" for all channels."""

    channel: str = ""

    def sales(self) -> QuerySet:
        return self._filter(Sale.objects.posted(), "")

    def lines(self) -> QuerySet:
        return self._filter(
            SaleLine.objects.filter(sale__status=EntryStatus.POSTED), "sale__"
        )

    def expenses(self) -> QuerySet:
        return self.filter_dates(Expense.objects.posted())

    def _filter(self, rows: QuerySet, prefix: str) -> QuerySet:
        rows = self.filter_dates(rows, f"{prefix}date")
        if self.channel:
            rows = rows.filter(**{f"{prefix}channel": self.channel})
        return rows
