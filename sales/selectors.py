"""Reads of the ledger: profit and loss, channels, products, makers, receivables.

Every figure is a sum of posted rows: a reversal carries negative amounts, so an
entry and its reversal net to zero without any special case, and drafts never
count. The database does the summing; Python only arranges the few aggregated
rows (at most one per month, channel or product) for display.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    BigIntegerField,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth, TruncYear
from django.utils import timezone

from catalog.models import Product
from members.models import Member
from production.selectors import earnings_by_month, months_back, pending_count

from .models import (
    EntryStatus,
    Expense,
    ExpenseCategory,
    Payment,
    Sale,
    SaleLine,
    SalesChannel,
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


def _orders():
    """Orders net of reversals: a reversal takes its original back out."""
    return Count("pk", filter=Q(reverses__isnull=True)) - Count(
        "pk", filter=Q(reverses__isnull=False)
    )


@dataclass(frozen=True)
class Period:
    """Dates inclusive at both ends; ``None`` is open. ``channel`` "" means all."""

    date_from: date | None = None
    date_to: date | None = None
    channel: str = ""

    @classmethod
    def last_months(cls, months: int = 12, *, today: date | None = None) -> "Period":
        today = today or timezone.localdate()
        return cls(date_from=months_back(today, months - 1), date_to=today)

    def months(self) -> list[date]:
        """First days of the months from ``date_from`` to ``date_to``."""
        start = (self.date_from or timezone.localdate()).replace(day=1)
        end = (self.date_to or timezone.localdate()).replace(day=1)
        count = (end.year - start.year) * 12 + end.month - start.month + 1
        return [months_back(start, -index) for index in range(max(count, 0))]

    def years(self) -> list[date]:
        start = (self.date_from or timezone.localdate()).year
        end = (self.date_to or timezone.localdate()).year
        return [date(year, 1, 1) for year in range(start, end + 1)]

    def sales(self) -> QuerySet:
        return self._filter(Sale.objects.posted(), "")

    def lines(self) -> QuerySet:
        return self._filter(
            SaleLine.objects.filter(sale__status=EntryStatus.POSTED), "sale__"
        )

    def expenses(self) -> QuerySet:
        rows = Expense.objects.posted()
        if self.date_from:
            rows = rows.filter(date__gte=self.date_from)
        if self.date_to:
            rows = rows.filter(date__lte=self.date_to)
        return rows

    def _filter(self, rows: QuerySet, prefix: str) -> QuerySet:
        if self.date_from:
            rows = rows.filter(**{f"{prefix}date__gte": self.date_from})
        if self.date_to:
            rows = rows.filter(**{f"{prefix}date__lte": self.date_to})
        if self.channel:
            rows = rows.filter(**{f"{prefix}channel": self.channel})
        return rows


# --- Profit and loss (laba rugi) --------------------------------------------------


@dataclass
class ProfitAndLoss:
    """One period's laba rugi. All amounts whole Rupiah."""

    start: date | None = None
    orders: int = 0
    units: int = 0
    gross_sales: int = 0
    discount: int = 0
    cost_of_goods: int = 0
    shipping_charged: int = 0
    marketplace_fees: int = 0
    expenses: dict[str, int] = field(default_factory=dict)
    expenses_included: bool = True

    @property
    def revenue(self) -> int:
        return self.gross_sales - self.discount

    @property
    def gross_profit(self) -> int:
        return self.revenue - self.cost_of_goods

    @property
    def operating_expenses(self) -> int:
        return sum(
            amount
            for category, amount in self.expenses.items()
            if category not in MATERIAL_CATEGORIES
        )

    @property
    def material_purchases(self) -> int:
        return sum(self.expenses.get(category, 0) for category in MATERIAL_CATEGORIES)

    @property
    def net_result(self) -> int:
        return (
            self.gross_profit
            + self.shipping_charged
            - self.marketplace_fees
            - self.operating_expenses
        )

    @property
    def is_empty(self) -> bool:
        return not (
            self.orders
            or self.units
            or self.gross_sales
            or self.cost_of_goods
            or any(self.expenses.values())
        )

    def expense_rows(self) -> list[tuple[str, str, int]]:
        """(category, label, amount) of the operating expenses, in choice order."""
        return [
            (category.value, category.label, self.expenses[category.value])
            for category in ExpenseCategory
            if self.expenses.get(category.value) and category not in MATERIAL_CATEGORIES
        ]

    def material_rows(self) -> list[tuple[str, str, int]]:
        return [
            (category.value, category.label, self.expenses[category.value])
            for category in MATERIAL_CATEGORIES
            if self.expenses.get(category.value)
        ]

    def add(self, other: "ProfitAndLoss") -> None:
        self.orders += other.orders
        self.units += other.units
        self.gross_sales += other.gross_sales
        self.discount += other.discount
        self.cost_of_goods += other.cost_of_goods
        self.shipping_charged += other.shipping_charged
        self.marketplace_fees += other.marketplace_fees
        for category, amount in other.expenses.items():
            self.expenses[category] = self.expenses.get(category, 0) + amount


@dataclass
class ProfitAndLossReport:
    period: Period
    grain: str
    total: ProfitAndLoss
    rows: list[ProfitAndLoss]  # one per month (or year), oldest first
    categories: list[tuple[str, str]]  # expense categories with an amount

    @property
    def expenses_included(self) -> bool:
        return self.total.expenses_included


def profit_and_loss(*, period: Period, grain: str = "month") -> ProfitAndLossReport:
    """Laba rugi of the period, in total and per month (or year): three queries.

    Expenses are not per channel: with a channel chosen they are left out and the
    result is what that channel contributed.
    """
    trunc = GRAINS[grain]
    sales = (
        period.sales()
        .annotate(start=trunc("date"))
        .values("start")
        .annotate(
            orders=_orders(),
            gross_sales=_money("subtotal"),
            discount=_money("discount"),
            shipping_charged=_money("shipping_charged"),
            marketplace_fees=_money("marketplace_fee"),
        )
        .order_by()
    )
    lines = (
        period.lines()
        .annotate(start=trunc("sale__date"))
        .values("start")
        .annotate(
            units=Coalesce(Sum("quantity"), Value(0)),
            cost_of_goods=_money(F("quantity") * F("unit_cost")),
        )
        .order_by()
    )
    with_expenses = not period.channel
    starts = period.months() if grain == "month" else period.years()
    rows = {start: ProfitAndLoss(start=start) for start in starts}

    def row(start: date) -> ProfitAndLoss:
        return rows.setdefault(start, ProfitAndLoss(start=start))

    for found in sales:
        target = row(found.pop("start"))
        for name, value in found.items():
            setattr(target, name, value)
    for found in lines:
        target = row(found["start"])
        target.units = found["units"]
        target.cost_of_goods = found["cost_of_goods"]
    if with_expenses:
        expenses = (
            period.expenses()
            .annotate(start=trunc("date"))
            .values("start", "category")
            .annotate(amount=Sum("amount"))
            .order_by()
        )
        for found in expenses:
            row(found["start"]).expenses[found["category"]] = found["amount"]
    total = ProfitAndLoss(expenses_included=with_expenses)
    ordered = [rows[start] for start in sorted(rows)]
    for item in ordered:
        item.expenses_included = with_expenses
        total.add(item)
    categories = [
        (category.value, category.label)
        for category in ExpenseCategory
        # A category whose entries were all reversed has nothing to show.
        if total.expenses.get(category.value)
    ]
    return ProfitAndLossReport(
        period=period, grain=grain, total=total, rows=ordered, categories=categories
    )


# --- Channels per month -----------------------------------------------------------


@dataclass
class ChannelCell:
    revenue: int = 0
    orders: int = 0
    marketplace_fees: int = 0


@dataclass
class ChannelTotal:
    channel: str
    label: str
    revenue: int = 0
    orders: int = 0
    marketplace_fees: int = 0

    @property
    def average_order(self) -> int | None:
        return round(self.revenue / self.orders) if self.orders > 0 else None


@dataclass
class ChannelReport:
    period: Period
    grain: str
    starts: list[date]  # months (or years), oldest first
    channels: list[ChannelTotal]  # with sales in the period, biggest first
    cells: dict[tuple[date, str], ChannelCell]
    total: ChannelTotal

    def cell(self, start: date, channel: str) -> ChannelCell:
        return self.cells.get((start, channel), ChannelCell())

    def series(self, name: str) -> list[tuple[ChannelTotal, list[int]]]:
        """Each channel's ``revenue`` or ``orders`` per month, for a chart."""
        return [
            (
                channel,
                [getattr(self.cell(s, channel.channel), name) for s in self.starts],
            )
            for channel in self.channels
        ]

    def table(self) -> list[tuple[date, list[ChannelCell], ChannelCell]]:
        """Per month: each channel's cell (in ``channels`` order) and the total."""
        table = []
        for start in self.starts:
            cells = [self.cell(start, c.channel) for c in self.channels]
            table.append(
                (
                    start,
                    cells,
                    ChannelCell(
                        revenue=sum(c.revenue for c in cells),
                        orders=sum(c.orders for c in cells),
                        marketplace_fees=sum(c.marketplace_fees for c in cells),
                    ),
                )
            )
        return table


def channel_label(value: str) -> str:
    try:
        return SalesChannel(value).label
    except ValueError:
        return value


def sales_by_channel(*, period: Period, grain: str = "month") -> ChannelReport:
    """Revenue (after discounts), orders and fees per channel and month: one query."""
    found = (
        period.sales()
        .annotate(start=GRAINS[grain]("date"))
        .values("start", "channel")
        .annotate(
            revenue=_money(F("subtotal") - F("discount")),
            orders=_orders(),
            marketplace_fees=_money("marketplace_fee"),
        )
        .order_by()
    )
    cells: dict[tuple[date, str], ChannelCell] = {}
    totals: dict[str, ChannelTotal] = {}
    total = ChannelTotal(channel="", label="")
    for row in found:
        cells[(row["start"], row["channel"])] = ChannelCell(
            revenue=row["revenue"],
            orders=row["orders"],
            marketplace_fees=row["marketplace_fees"],
        )
        channel = totals.setdefault(
            row["channel"],
            ChannelTotal(channel=row["channel"], label=channel_label(row["channel"])),
        )
        for target in (channel, total):
            target.revenue += row["revenue"]
            target.orders += row["orders"]
            target.marketplace_fees += row["marketplace_fees"]
    starts = period.months() if grain == "month" else period.years()
    starts = sorted(set(starts) | {start for start, _channel in cells})
    order = {value: index for index, value in enumerate(SalesChannel.values)}
    channels = sorted(
        totals.values(), key=lambda c: (-c.revenue, order.get(c.channel, 99))
    )
    return ChannelReport(
        period=period,
        grain=grain,
        starts=starts,
        channels=channels,
        cells=cells,
        total=total,
    )


# --- Products and makers ----------------------------------------------------------


def _line_figures() -> dict:
    return {
        "units": Coalesce(Sum("quantity"), Value(0)),
        "sales": _money("line_total"),
        "cost_of_goods": _money(F("quantity") * F("unit_cost")),
        # Orders that hold the product, less the reversals that took them back.
        "orders": Count("sale", distinct=True, filter=Q(quantity__gt=0))
        - Count("sale", distinct=True, filter=Q(quantity__lt=0)),
    }


@dataclass
class LineFigures:
    """Units and sales (before order discounts) of a product or maker."""

    name: str
    units: int
    sales: int
    cost_of_goods: int
    orders: int
    sku: str = ""
    key: int | None = None

    @property
    def gross_profit(self) -> int:
        return self.sales - self.cost_of_goods


def top_products(*, period: Period, limit: int | None = None) -> list[LineFigures]:
    """Products by sales in the period, biggest first: one query."""
    rows = (
        period.lines()
        .values("product_id", "product__name", "product__sku")
        .annotate(**_line_figures())
        .exclude(units=0, sales=0)
        .order_by("-sales", "-units", "product__name")
    )
    if limit:
        rows = rows[:limit]
    return [
        LineFigures(
            key=row["product_id"],
            name=row["product__name"],
            sku=row["product__sku"],
            units=row["units"],
            sales=row["sales"],
            cost_of_goods=row["cost_of_goods"],
            orders=row["orders"],
        )
        for row in rows
    ]


def sales_by_maker(*, period: Period) -> list[LineFigures]:
    """Sales of the products each member makes: one query.

    A product with several makers counts in full for each of them; products with
    no maker recorded come last with ``key`` None.
    """
    rows = (
        period.lines()
        .values("product__makers__id", "product__makers__full_name")
        .annotate(**_line_figures())
        .exclude(units=0, sales=0)
        .order_by()
    )
    figures = [
        LineFigures(
            key=row["product__makers__id"],
            name=row["product__makers__full_name"] or "",
            units=row["units"],
            sales=row["sales"],
            cost_of_goods=row["cost_of_goods"],
            orders=row["orders"],
        )
        for row in rows
    ]
    return sorted(figures, key=lambda row: (row.key is None, -row.sales, row.name))


# --- Receivables (piutang) --------------------------------------------------------


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


# --- Admin dashboard --------------------------------------------------------------


@dataclass
class ChannelMonths:
    channel: str
    label: str
    revenue: int = 0
    orders: int = 0
    last_revenue: int = 0
    last_orders: int = 0

    @property
    def change_percent(self) -> int | None:
        if self.last_revenue <= 0:
            return None
        return round(100 * (self.revenue - self.last_revenue) / self.last_revenue)


@dataclass
class DashboardFigures:
    month: date
    last_month: date
    channels: list[ChannelMonths]  # channels sold through in either month
    total: ChannelMonths
    low_stock: list[Product]  # with ``total_stock``; at most ten
    pending_pieces: int
    receivables_count: int
    receivables_outstanding: int
    unpaid_wages: int
    unpaid_wages_members: int


@dataclass
class UnpaidWage:
    member_id: int
    member_name: str
    month: date
    pieces: int
    earned: int
    paid: int

    @property
    def unpaid(self) -> int:
        return self.earned - self.paid


def unpaid_wages(*, member: Member | None = None) -> list[UnpaidWage]:
    """Per member and month still owed: earned (accepted pieces) less posted wages.

    Two aggregated queries, matched up here: one row per member and month.
    """
    wages = Expense.objects.posted().filter(category=ExpenseCategory.MEMBER_WAGES)
    if member is not None:
        wages = wages.filter(member=member)
    paid = {
        (row["member_id"], row["wage_month"]): row["amount"]
        for row in wages.values("member_id", "wage_month")
        .annotate(amount=Sum("amount"))
        .order_by()
    }
    rows = []
    for row in earnings_by_month(member=member):
        month = row["month"].date()
        earned = row["amount"] or 0
        owed = UnpaidWage(
            member_id=row["member_id"],
            member_name=row["member__full_name"],
            month=month,
            pieces=row["pieces"],
            earned=earned,
            paid=paid.get((row["member_id"], month), 0),
        )
        if owed.unpaid > 0:
            rows.append(owed)
    return rows


def dashboard_figures(*, today: date | None = None) -> DashboardFigures:
    """The admin's home page figures: six small queries."""
    today = today or timezone.localdate()
    month = today.replace(day=1)
    last_month = months_back(month, 1)
    report = sales_by_channel(period=Period(date_from=last_month, date_to=today))
    channels = []
    total = ChannelMonths(channel="", label="")
    for channel in report.channels:
        now, before = (
            report.cell(month, channel.channel),
            report.cell(last_month, channel.channel),
        )
        row = ChannelMonths(
            channel=channel.channel,
            label=channel.label,
            revenue=now.revenue,
            orders=now.orders,
            last_revenue=before.revenue,
            last_orders=before.orders,
        )
        channels.append(row)
        total.revenue += row.revenue
        total.orders += row.orders
        total.last_revenue += row.last_revenue
        total.last_orders += row.last_orders
    channels.sort(key=lambda row: (-row.revenue, -row.last_revenue))
    owed = receivables_summary()
    wages = unpaid_wages()
    return DashboardFigures(
        month=month,
        last_month=last_month,
        channels=channels,
        total=total,
        low_stock=list(
            Product.objects.low_stock().order_by("total_stock", "name")[:10]
        ),
        pending_pieces=pending_count(),
        receivables_count=owed["count"],
        receivables_outstanding=owed["outstanding"],
        unpaid_wages=sum(row.unpaid for row in wages),
        unpaid_wages_members=len({row.member_id for row in wages}),
    )


def sum_rows(rows: Iterable[LineFigures]) -> LineFigures:
    """Units, sales and material cost of aggregated rows, for a table's last line.

    Orders are left at 0: an order with two products is one order, not two.
    """
    rows = list(rows)
    return LineFigures(
        name="",
        units=sum(row.units for row in rows),
        sales=sum(row.sales for row in rows),
        cost_of_goods=sum(row.cost_of_goods for row in rows),
        orders=0,
    )
