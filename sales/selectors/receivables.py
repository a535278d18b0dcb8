"""Receivables (piutang): what buyers still owe."""

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    BigIntegerField,
    Count,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import (
    Payment,
    Sale,
)
from .base import Period
from .channels import channel_label


def _paid() -> Coalesce:
    payments = (
        Payment.objects.filter(sale=OuterRef("pk"))
        .order_by()
        .values("sale")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(payments, output_field=BigIntegerField()), Value(0))


def receivables_queryset(*, period: Period | None = None) -> QuerySet:
    """Posted sales, neither reversal nor reversed, with money still owed."""
    sales = period.sales() if period else Sale.objects.posted()
    return (
        sales.filter(reverses__isnull=True, reversal__isnull=True)
        .annotate(paid=_paid())
        .annotate(outstanding=F("total") - F("paid"))
        .filter(outstanding__gt=0)
    )


@dataclass
class Receivable:
    pk: int
    number: str
    date: date
    due_date: date | None
    channel: str
    channel_label: str
    customer_name: str
    customer_whatsapp: str
    total: int
    paid: int
    outstanding: int
    age_days: int
    overdue_days: int  # 0 when not due yet or no due date


@dataclass
class ReceivablesReport:
    rows: list[Receivable]
    count: int
    outstanding: int
    overdue_count: int
    overdue: int
    today: date


def receivables(*, period: Period, today: date | None = None) -> ReceivablesReport:
    """What buyers still owe, oldest sale first, with age and days overdue."""
    today = today or timezone.localdate()
    found = receivables_queryset(period=period).values(
        "pk",
        "number",
        "date",
        "due_date",
        "channel",
        "customer_name",
        "customer_whatsapp",
        "total",
        "paid",
        "outstanding",
    )
    rows = [
        Receivable(
            **row,
            channel_label=channel_label(row["channel"]),
            age_days=(today - row["date"]).days,
            overdue_days=max(0, (today - row["due_date"]).days)
            if row["due_date"]
            else 0,
        )
        for row in found.order_by("date", "pk")
    ]
    overdue = [row for row in rows if row.overdue_days > 0]
    return ReceivablesReport(
        rows=rows,
        count=len(rows),
        outstanding=sum(row.outstanding for row in rows),
        overdue_count=len(overdue),
        overdue=sum(row.outstanding for row in overdue),
        today=today,
    )


def receivables_summary() -> dict[str, int]:
    """Count and sum of everything owed: one query."""
    # Summing the "outstanding" annotation itself gives 0 on Django 5.2: the
    # aggregate's outer query loses that column (SQLite reads it as a string).
    return receivables_queryset().aggregate(
        count=Count("pk"),
        outstanding=Coalesce(Sum(F("total") - F("paid")), Value(0)),
    )
