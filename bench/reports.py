"""The report selectors against hand-written SQL GROUP BYs, on a year of sales.

Loads BENCH_REPORT_LINES (default 100,000) posted sale lines over the last 12
months (about 30,000 sales, ~50 products, all channels, some reversals, some
drafts) and a year of expenses into a temporary SQLite file, then times the
12-month channel report plus the profit and loss against raw SQL that returns
the same numbers. Prints the medians, their ratio and the selectors' query count,
then whether the target (ratio <= 1.5, report_ms <= 300) is met. Exits non-zero
when the numbers differ.
"""

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_RATIO = 1.5
TARGET_MS = 300
REPETITIONS = 7
PRODUCTS = 50
CHANNEL_WEIGHTS = {
    "shopee": 30,
    "whatsapp": 25,
    "instagram": 15,
    "facebook": 5,
    "storefront": 8,
    "bazaar": 6,
    "offline": 6,
    "reseller": 4,
    "export": 1,
}
LINES_PER_SALE = (1, 2, 3, 4, 5, 5)  # 3.3 on average: 100,000 lines, ~30,000 sales


def load(lines_wanted: int, *, seed: int = 2026) -> None:
    """Products, sales, lines and expenses written with bulk_create, not services."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from catalog.models import Category, Product, Variant
    from core.periods import months_back
    from sales.models import EntryStatus, Expense, ExpenseCategory, Sale, SaleLine

    rng = random.Random(seed)
    today = timezone.localdate()
    start = months_back(today, 11)
    span = (today - start).days
    now = timezone.now()
    posted = {"status": EntryStatus.POSTED, "posted_at": now}
    with transaction.atomic():
        user = get_user_model().objects.create(username="bench")
        category = Category.objects.create(name="Tas", slug="tas")
        products = Product.objects.bulk_create(
            Product(
                id=index,
                name=f"Produk {index}",
                slug=f"produk-{index}",
                sku=f"B-{index:03d}",
                category=category,
                price=rng.randrange(10, 300) * 1_000,
                material_cost=rng.randrange(2, 80) * 1_000,
                status="published",
            )
            for index in range(1, PRODUCTS + 1)
        )
        Variant.objects.bulk_create(
            Variant(id=p.id, product=p, sku=p.sku, stock=100) for p in products
        )
        channels = list(CHANNEL_WEIGHTS)
        weights = list(CHANNEL_WEIGHTS.values())
        sales, lines = [], []
        reversible = []
        used = 0
        while used < lines_wanted:
            sale_id = len(sales) + 1
            left = lines_wanted - used
            if reversible and rng.random() < 0.02:
                original, original_lines = reversible.pop(
                    rng.randrange(len(reversible))
                )
                if len(original_lines) <= left:
                    sales.append(
                        Sale(
                            id=sale_id,
                            number=f"PJ-R-{sale_id:07d}",
                            date=min(today, original.date + timedelta(days=3)),
                            channel=original.channel,
                            subtotal=-original.subtotal,
                            discount=-original.discount,
                            shipping_charged=-original.shipping_charged,
                            marketplace_fee=-original.marketplace_fee,
                            total=-original.total,
                            reverses_id=original.id,
                            created_by=user,
                            posted_by=user,
                            **posted,
                        )
                    )
                    for line in original_lines:
                        lines.append(
                            SaleLine(
                                sale_id=sale_id,
                                product_id=line.product_id,
                                variant_id=line.variant_id,
                                quantity=-line.quantity,
                                unit_price=line.unit_price,
                                line_total=-line.line_total,
                                unit_cost=line.unit_cost,
                            )
                        )
                    used += len(original_lines)
                    continue
            count = min(rng.choice(LINES_PER_SALE), left)
            sale_lines = []
            for product in rng.sample(products, count):
                quantity = rng.choice((1, 1, 1, 2, 3))
                sale_lines.append(
                    SaleLine(
                        sale_id=sale_id,
                        product_id=product.id,
                        variant_id=product.id,
                        quantity=quantity,
                        unit_price=product.price,
                        line_total=quantity * product.price,
                        unit_cost=product.material_cost,
                    )
                )
            subtotal = sum(line.line_total for line in sale_lines)
            channel = rng.choices(channels, weights)[0]
            discount = rng.choice((0, 0, 0, 5_000, 10_000)) if subtotal > 50_000 else 0
            shipping = rng.choice((0, 0, 9_000, 15_000))
            fee = subtotal * 8 // 100 if channel == "shopee" else 0
            sale = Sale(
                id=sale_id,
                number=f"PJ-B-{sale_id:07d}",
                date=start + timedelta(days=rng.randrange(span + 1)),
                channel=channel,
                subtotal=subtotal,
                discount=discount,
                shipping_charged=shipping,
                marketplace_fee=fee,
                total=subtotal - discount + shipping - fee,
                created_by=user,
                posted_by=user,
                **posted,
            )
            sales.append(sale)
            lines.extend(sale_lines)
            reversible.append((sale, sale_lines))
            used += count
        # Drafts: rows the reports must leave out.
        for index in range(300):
            sale_id = len(sales) + 1
            product = products[index % PRODUCTS]
            sales.append(
                Sale(
                    id=sale_id,
                    date=start + timedelta(days=index % (span + 1)),
                    channel="shopee",
                    subtotal=product.price,
                    total=product.price,
                    created_by=user,
                )
            )
            lines.append(
                SaleLine(
                    sale_id=sale_id,
                    product_id=product.id,
                    variant_id=product.id,
                    quantity=1,
                    unit_price=product.price,
                    line_total=product.price,
                    unit_cost=product.material_cost,
                )
            )
        Sale.objects.bulk_create(sales, batch_size=2_000)
        SaleLine.objects.bulk_create(lines, batch_size=5_000)
        categories = [c for c in ExpenseCategory.values if c != "member_wages"]
        expenses = [
            Expense(
                id=index,
                number=f"PG-B-{index:06d}",
                date=start + timedelta(days=rng.randrange(span + 1)),
                category=rng.choice(categories),
                amount=rng.randrange(5, 500) * 1_000,
                created_by=user,
                posted_by=user,
                **posted,
            )
            for index in range(1, 1_501)
        ]
        expenses += [
            Expense(
                id=2_000 + index,
                number=f"PG-R-{index:06d}",
                date=expense.date,
                category=expense.category,
                amount=-expense.amount,
                reverses_id=expense.id,
                created_by=user,
                posted_by=user,
                **posted,
            )
            for index, expense in enumerate(expenses[::50], start=1)
        ]
        Expense.objects.bulk_create(expenses, batch_size=2_000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# %% is a literal % once Django hands the query to SQLite.
CHANNEL_SQL = """
SELECT strftime('%%Y-%%m-01', date) AS month, channel,
       SUM(subtotal - discount),
       SUM(CASE WHEN reverses_id IS NULL THEN 1 ELSE -1 END),
       SUM(marketplace_fee)
FROM sales_sale
WHERE status = 'posted' AND date >= %s AND date <= %s
GROUP BY month, channel
"""
SALES_SQL = """
SELECT strftime('%%Y-%%m-01', date) AS month,
       SUM(CASE WHEN reverses_id IS NULL THEN 1 ELSE -1 END),
       SUM(subtotal), SUM(discount), SUM(shipping_charged), SUM(marketplace_fee)
FROM sales_sale
WHERE status = 'posted' AND date >= %s AND date <= %s
GROUP BY month
"""
LINES_SQL = """
SELECT strftime('%%Y-%%m-01', s.date) AS month,
       SUM(l.quantity), SUM(l.quantity * l.unit_cost)
FROM sales_saleline l JOIN sales_sale s ON s.id = l.sale_id
WHERE s.status = 'posted' AND s.date >= %s AND s.date <= %s
GROUP BY month
"""
EXPENSES_SQL = """
SELECT strftime('%%Y-%%m-01', date) AS month, category, SUM(amount)
FROM sales_expense
WHERE status = 'posted' AND date >= %s AND date <= %s
GROUP BY month, category
"""


def by_sql(period) -> dict:
    """The same figures as the selectors, straight from SQL."""
    from django.db import connection

    params = [period.date_from.isoformat(), period.date_to.isoformat()]
    figures = {"channels": {}, "months": {}}
    with connection.cursor() as cursor:
        cursor.execute(CHANNEL_SQL, params)
        for month, channel, revenue, orders, fees in cursor.fetchall():
            figures["channels"][(date.fromisoformat(month), channel)] = (
                revenue,
                orders,
                fees,
            )
        months = figures["months"]

        def month_row(month: str) -> dict:
            return months.setdefault(
                date.fromisoformat(month),
                {
                    "orders": 0,
                    "gross_sales": 0,
                    "discount": 0,
                    "shipping_charged": 0,
                    "marketplace_fees": 0,
                    "units": 0,
                    "cost_of_goods": 0,
                    "expenses": {},
                },
            )

        cursor.execute(SALES_SQL, params)
        for month, orders, gross, discount, shipping, fees in cursor.fetchall():
            month_row(month).update(
                orders=orders,
                gross_sales=gross,
                discount=discount,
                shipping_charged=shipping,
                marketplace_fees=fees,
            )
        cursor.execute(LINES_SQL, params)
        for month, units, cost in cursor.fetchall():
            month_row(month).update(units=units, cost_of_goods=cost)
        cursor.execute(EXPENSES_SQL, params)
        for month, category, amount in cursor.fetchall():
            month_row(month)["expenses"][category] = amount
    return figures


def by_selectors(period) -> dict:
    from sales import selectors

    channels = selectors.sales_by_channel(period=period)
    report = selectors.profit_and_loss(period=period)
    return {
        "channels": {
            key: (cell.revenue, cell.orders, cell.marketplace_fees)
            for key, cell in channels.cells.items()
        },
        "months": {
            row.start: {
                "orders": row.orders,
                "gross_sales": row.gross_sales,
                "discount": row.discount,
                "shipping_charged": row.shipping_charged,
                "marketplace_fees": row.marketplace_fees,
                "units": row.units,
                "cost_of_goods": row.cost_of_goods,
                "expenses": row.expenses,
            }
            for row in report.rows
            if not row.is_empty
        },
    }


def timed(run, period) -> tuple[float, dict]:
    start = time.perf_counter()
    result = run(period)
    return (time.perf_counter() - start) * 1000, result


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sales.selectors import Period

    lines_wanted = int(os.environ.get("BENCH_REPORT_LINES", "100000"))
    call_command("migrate", verbosity=0)
    load(lines_wanted)
    period = Period.last_months(12)
    by_selectors(period)  # warm-up: imports, translations, SQLite page cache
    by_sql(period)
    report_times, sql_times = [], []
    for repetition in range(REPETITIONS):
        runs = [(report_times, by_selectors), (sql_times, by_sql)]
        if repetition % 2:
            runs.reverse()
        for times, run in runs:
            elapsed, _result = timed(run, period)
            times.append(elapsed)
    with CaptureQueriesContext(connection) as queries:
        from_selectors = by_selectors(period)
    from_sql = by_sql(period)
    report_ms = statistics.median(report_times)
    sql_ms = statistics.median(sql_times)
    ratio = report_ms / sql_ms
    print(
        f"reports: lines={lines_wanted} report_ms={report_ms:.1f} "
        f"sql_ms={sql_ms:.1f} ratio={ratio:.2f} queries={len(queries)}"
    )
    connection.close()
    if from_selectors != from_sql:
        print("reports: numbers differ between the selectors and SQL", file=sys.stderr)
        return 1
    if ratio <= TARGET_RATIO and report_ms <= TARGET_MS:
        print("reports: target met")
    else:
        print(
            f"reports: target missed (ratio ≤ {TARGET_RATIO}, report_ms ≤ {TARGET_MS})"
        )
    return 0


def run() -> int:
    from django.conf import settings

    if settings.configured:
        # Run from bench/run.py after another benchmark set Django up on the
        # project's own database: start afresh in a process of its own.
        return subprocess.run(
            [sys.executable, str(Path(__file__).resolve())]
        ).returncode
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        os.environ["DJANGO_SETTINGS_MODULE"] = "hirarajut.settings.test"
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'reports.sqlite3'}"
        return main()


if __name__ == "__main__":
    code = run()
    if code:
        sys.exit(code)
