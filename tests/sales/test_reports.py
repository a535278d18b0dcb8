"""Reports of the ledger: numbers on a small hand-made ledger, files, access, speed.

The ledger (``ledger`` fixture), with L = the first of last month, T = today:

- S1  L     Shopee     2 × bag + 1 × purse, discount 20.000, shipping 15.000,
                       fee 17.000; paid at sale
- S2  L+9   WhatsApp   3 × key ring, shipping 10.000; due L+23, 20.000 paid
- S3  T     Instagram  1 × bag; reversed the same day (nets to zero)
- S4  T     WhatsApp   2 × purse at 45.000, discount 10.000; paid
- S5  T     Facebook   1 × key ring, due T+7; reversed (not a receivable)
- D1  T     Shopee     5 × bag, a draft: never counts
- expenses: yarn 200.000 (L), packaging 30.000 (L+2), promotion 50.000 (T),
  shipping 25.000 (T, reversed), wages 60.000 (T), a draft 99.000 (T)
"""

import csv
import io
import re
from datetime import date, timedelta

import openpyxl
import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from core import charts
from core.exports import RUPIAH_FORMAT, XLSX_HEADER_ROW
from core.periods import months_back
from members.roles import Role
from portal.selectors import dashboard_figures
from production.services import hand_in_accept
from sales import selectors
from sales.models import ExpenseCategory, SalesChannel
from sales.selectors import Period
from sales.services import expense_reverse, payment_record, sale_reverse
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate
from tests.sales.factories import record_expense, record_sale

pytestmark = pytest.mark.django_db

REPORT_URLS = [
    "sales:reports",
    "sales:report-channels",
    "sales:report-products",
    "sales:report-makers",
    "sales:report-receivables",
]


def t(message: str) -> str:
    """A message as the (Indonesian) page shows it."""
    with translation.override("id"):
        return gettext(message)


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def last_month(today) -> date:
    return months_back(today, 1)


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN, full_name="Bu Siti Rahayu")


@pytest.fixture
def admin_client(admin) -> Client:
    client = Client()
    client.force_login(admin.user)
    return client


@pytest.fixture
def makers():
    return {
        "sri": MemberFactory(full_name="Sri Wahyuni"),
        "wati": MemberFactory(full_name="Wati Susanti"),
    }


@pytest.fixture
def products(makers):
    bag = ProductFactory(
        name="Tas Selempang", sku="HR-TS01", price=150_000, material_cost=50_000
    )
    purse = ProductFactory(
        name="Dompet Koin", sku="HR-DK01", price=40_000, material_cost=10_000
    )
    key_ring = ProductFactory(
        name="Gantungan Kunci", sku="HR-GK01", price=15_000, material_cost=4_000
    )
    for product in (bag, purse, key_ring):
        product.variants.update(stock=20)
    bag.makers.add(makers["sri"])
    purse.makers.add(makers["sri"], makers["wati"])
    return {"bag": bag, "purse": purse, "key_ring": key_ring}


@pytest.fixture
def ledger(admin, products, last_month, today):
    user = admin.user
    bag, purse, key_ring = products["bag"], products["purse"], products["key_ring"]
    s1 = record_sale(
        user=user,
        day=last_month,
        channel=SalesChannel.SHOPEE,
        lines=[(bag, 2), (purse, 1)],
        discount=20_000,
        shipping_charged=15_000,
        marketplace_fee=17_000,
        customer_name="Toko Shopee",
    )
    s2 = record_sale(
        user=user,
        day=last_month + timedelta(days=9),
        channel=SalesChannel.WHATSAPP,
        lines=[(key_ring, 3)],
        shipping_charged=10_000,
        due_date=last_month + timedelta(days=23),
        customer_name="Bu Ratna",
        customer_whatsapp="6281234567890",
    )
    payment_record(sale=s2, amount=20_000, date=s2.date, recorded_by=user)
    s3 = record_sale(
        user=user, day=today, channel=SalesChannel.INSTAGRAM, lines=[(bag, 1)]
    )
    sale_reverse(sale=s3, reversed_by=user, reason="Batal")
    s4 = record_sale(
        user=user,
        day=today,
        channel=SalesChannel.WHATSAPP,
        lines=[(purse, 2, 45_000)],
        discount=10_000,
    )
    s5 = record_sale(
        user=user,
        day=today,
        channel=SalesChannel.FACEBOOK,
        lines=[(key_ring, 1)],
        due_date=today + timedelta(days=7),
    )
    sale_reverse(sale=s5, reversed_by=user, reason="Tidak jadi")
    record_sale(
        user=user, day=today, channel=SalesChannel.SHOPEE, lines=[(bag, 5)], post=False
    )
    record_expense(user=user, day=last_month, category="yarn", amount=200_000)
    record_expense(
        user=user,
        day=last_month + timedelta(days=2),
        category="packaging",
        amount=30_000,
    )
    record_expense(user=user, day=today, category="promotion", amount=50_000)
    shipping = record_expense(user=user, day=today, category="shipping", amount=25_000)
    expense_reverse(expense=shipping, reversed_by=user, reason="Salah catat")
    record_expense(
        user=user,
        day=today,
        category="member_wages",
        amount=60_000,
        member=MemberFactory(full_name="Yuni Astuti"),
        wage_month=today,
    )
    record_expense(user=user, day=today, category="other", amount=99_000, post=False)
    return {"s1": s1, "s2": s2, "s3": s3, "s4": s4, "s5": s5}


@pytest.fixture
def period(last_month, today) -> Period:
    return Period(date_from=last_month, date_to=today)


# --- Profit and loss -----------------------------------------------------------


def test_profit_and_loss_of_the_period(ledger, period):
    total = selectors.profit_and_loss(period=period).total
    assert (total.orders, total.units) == (3, 8)
    assert (total.gross_sales, total.discount, total.revenue) == (
        475_000,
        30_000,
        445_000,
    )
    assert (total.cost_of_goods, total.gross_profit) == (142_000, 303_000)
    assert (total.shipping_charged, total.marketplace_fees) == (25_000, 17_000)
    assert total.operating_expenses == 140_000
    assert total.material_purchases == 200_000
    assert total.net_result == 171_000


def test_profit_and_loss_per_month(ledger, period, last_month, today):
    report = selectors.profit_and_loss(period=period)
    rows = {row.start: row for row in report.rows}
    assert list(rows) == [last_month, today.replace(day=1)]
    before, now = rows[last_month], rows[today.replace(day=1)]
    assert (before.orders, before.revenue, before.units) == (2, 365_000, 6)
    assert (before.gross_profit, before.operating_expenses) == (243_000, 30_000)
    assert before.net_result == 221_000
    assert (now.orders, now.revenue, now.gross_profit) == (1, 80_000, 60_000)
    assert (now.operating_expenses, now.net_result) == (110_000, -50_000)


def test_expenses_by_category_leave_out_a_reversed_expense_and_drafts(ledger, period):
    report = selectors.profit_and_loss(period=period)
    assert [value for value, _label in report.categories] == [
        "yarn",
        "packaging",
        "promotion",
        "member_wages",
    ]
    assert report.total.expenses == {
        "yarn": 200_000,
        "packaging": 30_000,
        "promotion": 50_000,
        "shipping": 0,
        "member_wages": 60_000,
    }


def test_a_sale_and_its_reversal_net_to_zero(ledger, today):
    instagram = Period(date_from=today, date_to=today, channel="instagram")
    total = selectors.profit_and_loss(period=instagram).total
    assert (total.orders, total.units, total.revenue, total.cost_of_goods) == (
        0,
        0,
        0,
        0,
    )


def test_a_draft_sale_does_not_count(ledger, today):
    shopee_today = Period(date_from=today, date_to=today, channel="shopee")
    total = selectors.profit_and_loss(period=shopee_today).total
    assert (total.orders, total.units, total.revenue) == (0, 0, 0)


def test_one_channel_leaves_expenses_out_and_shows_its_contribution(ledger, period):
    whatsapp = Period(period.date_from, period.date_to, channel="whatsapp")
    total = selectors.profit_and_loss(period=whatsapp).total
    assert not total.expenses_included
    assert (total.orders, total.revenue, total.cost_of_goods) == (2, 125_000, 32_000)
    assert total.expenses == {}
    assert total.net_result == 125_000 - 32_000 + 10_000


def test_period_dates_keep_out_sales_before_it(ledger, today):
    this_month = Period(date_from=today.replace(day=1), date_to=today)
    total = selectors.profit_and_loss(period=this_month).total
    assert (total.orders, total.revenue, total.net_result) == (1, 80_000, -50_000)


# --- Channels, products, makers ------------------------------------------------


def test_sales_by_channel_per_month(ledger, period, last_month, today):
    report = selectors.sales_by_channel(period=period)
    this_month = today.replace(day=1)
    assert report.starts == [last_month, this_month]
    assert [c.channel for c in report.channels][:2] == ["shopee", "whatsapp"]
    totals = {c.channel: (c.revenue, c.orders) for c in report.channels}
    assert totals == {
        "shopee": (320_000, 1),
        "whatsapp": (125_000, 2),
        "instagram": (0, 0),
        "facebook": (0, 0),
    }
    assert report.cell(last_month, "whatsapp").revenue == 45_000
    assert report.cell(this_month, "whatsapp").revenue == 80_000
    assert report.cell(last_month, "shopee").marketplace_fees == 17_000
    assert (report.total.revenue, report.total.orders) == (445_000, 3)


def test_channel_report_has_a_bar_for_every_month_of_the_year(ledger, today):
    report = selectors.sales_by_channel(period=Period.last_months(12))
    assert len(report.starts) == 12
    assert report.starts[-1] == today.replace(day=1)


def test_top_products_net_of_reversals(ledger, period):
    rows = selectors.top_products(period=period)
    assert [
        (r.name, r.units, r.orders, r.sales, r.cost_of_goods, r.gross_profit)
        for r in rows
    ] == [
        ("Tas Selempang", 2, 1, 300_000, 100_000, 200_000),
        ("Dompet Koin", 3, 2, 130_000, 30_000, 100_000),
        ("Gantungan Kunci", 3, 1, 45_000, 12_000, 33_000),
    ]
    total = selectors.sum_rows(rows)
    assert total.sales == 475_000  # the gross sales of the profit and loss


def test_sales_by_maker_count_a_shared_product_for_each_maker(ledger, period):
    rows = selectors.sales_by_maker(period=period)
    assert [(r.name, r.units, r.orders, r.sales) for r in rows] == [
        ("Sri Wahyuni", 5, 2, 430_000),
        ("Wati Susanti", 3, 2, 130_000),
        ("", 3, 1, 45_000),
    ]
    assert rows[-1].key is None


# --- Receivables ----------------------------------------------------------------


def test_receivables_list_unpaid_sales_with_age_and_days_overdue(
    ledger, last_month, today
):
    report = selectors.receivables(period=Period())
    assert [row.number for row in report.rows] == [ledger["s2"].number]
    row = report.rows[0]
    assert (row.total, row.paid, row.outstanding) == (55_000, 20_000, 35_000)
    assert row.age_days == (today - (last_month + timedelta(days=9))).days
    assert row.due_date == last_month + timedelta(days=23)
    assert row.overdue_days == max(0, (today - row.due_date).days)
    assert (report.count, report.outstanding) == (1, 35_000)


def test_a_fully_paid_sale_is_no_longer_a_receivable(ledger, admin):
    payment_record(
        sale=ledger["s2"], amount=35_000, date=ledger["s2"].date, recorded_by=admin.user
    )
    assert selectors.receivables(period=Period()).rows == []


def test_receivables_age_is_counted_from_the_sale_date(ledger, last_month):
    later = last_month + timedelta(days=40)
    report = selectors.receivables(period=Period(), today=later)
    assert report.rows[0].age_days == 31
    assert report.rows[0].overdue_days == 17
    assert (report.overdue_count, report.overdue) == (1, 35_000)


# --- Dashboard ------------------------------------------------------------------


def test_dashboard_compares_this_month_with_last_month(ledger):
    figures = dashboard_figures()
    by_channel = {
        row.channel: (row.revenue, row.orders, row.last_revenue, row.last_orders)
        for row in figures.channels
    }
    assert by_channel["shopee"] == (0, 0, 320_000, 1)
    assert by_channel["whatsapp"] == (80_000, 1, 45_000, 1)
    assert (figures.total.revenue, figures.total.orders) == (80_000, 1)
    assert (figures.total.last_revenue, figures.total.last_orders) == (365_000, 2)
    assert (figures.receivables_count, figures.receivables_outstanding) == (1, 35_000)


def test_dashboard_lists_low_stock_and_pending_hand_ins(ledger, products):
    nearly_gone = ProductFactory(name="Topi Rajut", stock=1)
    make_hand_in(product=products["bag"], quantity=2)
    figures = dashboard_figures()
    assert [p.name for p in figures.low_stock] == ["Topi Rajut"]
    assert figures.low_stock[0].total_stock == 1
    assert nearly_gone.pk == figures.low_stock[0].pk
    assert figures.pending_pieces == 1


def test_dashboard_shows_at_most_ten_low_stock_products():
    for _ in range(12):
        ProductFactory(stock=0)
    assert len(dashboard_figures().low_stock) == 10


def test_dashboard_unpaid_wages_are_earned_minus_paid_per_member_and_month(admin):
    sri = MemberFactory(full_name="Sri Wahyuni")
    wati = MemberFactory(full_name="Wati Susanti")
    product = ProductFactory(stock=0)
    set_rate(product, 20_000)
    today = timezone.localdate()
    for member, quantity in ((sri, 4), (wati, 1)):
        hand_in = make_hand_in(member=member, product=product, quantity=quantity)
        hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    wages = {"category": "member_wages", "user": admin.user, "day": today}
    record_expense(member=sri, wage_month=today, amount=60_000, **wages)
    # Paid for another month: it does not settle this month's earnings.
    record_expense(
        member=wati, wage_month=months_back(today, 1), amount=15_000, **wages
    )
    figures = dashboard_figures()
    assert (figures.unpaid_wages, figures.unpaid_wages_members) == (
        20_000 + 20_000,
        2,
    )


def test_dashboard_fragment_shows_the_figures(ledger, rf, admin):
    request = rf.get("/")
    request.user = admin.user
    with translation.override("id"):
        html = render_to_string(
            "sales/_dashboard.html",
            {"dashboard": dashboard_figures()},
            request=request,
        )
    assert "Rp 80.000" in html
    assert "Rp 35.000" in html
    assert reverse("sales:report-receivables") in html
    assert "style=" not in html


def test_dashboard_takes_the_same_number_of_queries_with_more_data(ledger):
    with CaptureQueriesContext(connection) as queries:
        dashboard_figures()
    assert len(queries) == 6


# --- Pages ------------------------------------------------------------------------


def test_summary_page_shows_the_profit_and_loss_in_rupiah(admin_client, ledger):
    response = admin_client.get(reverse("sales:reports"))
    assert response.status_code == 200
    assert response.context["total"].net_result == 171_000
    content = response.content.decode()
    assert "Rp 445.000" in content
    assert "Rp 171.000" in content
    assert "-Rp 142.000" in content  # material cost, as a cost
    for name in REPORT_URLS[1:]:
        assert reverse(name) in content


def test_summary_adds_up_per_year_for_a_period_longer_than_a_year(
    admin_client, ledger, today
):
    start = date(today.year - 1, 1, 1)
    response = admin_client.get(
        reverse("sales:reports"),
        {"date_from": start.isoformat(), "date_to": today.isoformat()},
    )
    years = response.context["years"]
    assert sum(year.net_result for year in years) == 171_000
    assert [year.start.year for year in years][-1] == today.year


def test_summary_of_a_year_or_less_has_no_per_year_table(admin_client, ledger):
    assert admin_client.get(reverse("sales:reports")).context["years"] is None


def test_report_pages_open_for_the_admin(admin_client, ledger):
    for name in REPORT_URLS:
        response = admin_client.get(reverse(name))
        assert response.status_code == 200, name
        assert "style=" not in response.content.decode(), name


def test_channel_page_draws_the_charts_as_svg(admin_client, ledger):
    response = admin_client.get(reverse("sales:report-channels"))
    content = response.content.decode()
    assert content.count('<svg class="chart"') == 2
    assert 'role="img"' in content
    # Drawn on the server: the page loads no script beyond the shared form one.
    scripts = re.findall(r"<script[^>]*>", content)
    assert len(scripts) == 1 and "js/forms" in scripts[0], scripts
    assert "Rp 320.000" in content


def test_receivables_page_lists_the_unpaid_sale(admin_client, ledger):
    response = admin_client.get(reverse("sales:report-receivables"))
    content = response.content.decode()
    assert ledger["s2"].number in content
    assert "Rp 35.000" in content
    assert ledger["s5"].number not in content


def test_channel_filter_keeps_to_the_channel(admin_client, ledger):
    response = admin_client.get(
        reverse("sales:report-products"), {"channel": "whatsapp"}
    )
    assert [row.name for row in response.context["rows"]] == [
        "Dompet Koin",
        "Gantungan Kunci",
    ]


def test_report_without_dates_covers_the_last_twelve_months(admin_client, today):
    response = admin_client.get(reverse("sales:reports"))
    period = response.context["period"]
    assert (period.date_from, period.date_to) == (months_back(today, 11), today)


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "31-31-2026"},
        {"date_to": "kemarin"},
        {"date_from": "2026-03-01", "date_to": "2026-02-01"},
        {"channel": "tiktok"},
    ],
)
@pytest.mark.parametrize("name", REPORT_URLS)
def test_bad_period_says_so_and_shows_no_numbers(admin_client, ledger, name, query):
    response = admin_client.get(reverse(name), query)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert "period" not in response.context
    assert "Rp " not in response.content.decode()


def test_bad_start_date_is_explained_in_indonesian(admin_client):
    response = admin_client.get(reverse("sales:reports"), {"date_from": "31-31-2026"})
    assert response.context["form"].errors["date_from"] == [
        t("Enter the start date as a date, e.g. 2026-01-31.")
    ]
    assert t("Enter the start date as a date, e.g. 2026-01-31.") in (
        response.content.decode()
    )


def test_period_with_start_after_end_is_explained(admin_client):
    response = admin_client.get(
        reverse("sales:reports"), {"date_from": "2026-03-01", "date_to": "2026-02-01"}
    )
    assert response.context["form"].non_field_errors() == [
        t("The start date is after the end date. Swap them and try again.")
    ]


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_export_with_a_bad_date_is_refused_with_the_reason(admin_client, export):
    response = admin_client.get(
        reverse("sales:reports"), {"date_to": "2026-02-30", "format": export}
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert t("Enter the end date as a date, e.g. 2026-03-31.") in (
        response.content.decode()
    )


def test_unknown_export_format_is_refused(admin_client):
    response = admin_client.get(reverse("sales:reports"), {"format": "pdf"})
    assert response.status_code == 400


# --- Access -----------------------------------------------------------------------


@pytest.mark.parametrize("name", REPORT_URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("members:login"))


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
@pytest.mark.parametrize("name", REPORT_URLS)
@pytest.mark.parametrize("export", ["", "csv", "xlsx"])
def test_members_and_trainers_may_not_see_reports(client, name, role, export):
    client.force_login(MemberFactory(role=role).user)
    response = client.get(reverse(name), {"format": export} if export else {})
    assert response.status_code == 403


# --- CSV and XLSX -----------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))


def read_xlsx(response) -> tuple[openpyxl.worksheet.worksheet.Worksheet, list]:
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    rows = list(sheet.iter_rows(min_row=XLSX_HEADER_ROW, values_only=True))
    return sheet, rows


def period_query(last_month, today, **extra) -> dict:
    return {"date_from": last_month.isoformat(), "date_to": today.isoformat(), **extra}


def test_summary_csv_has_a_row_per_month_and_a_total(
    admin_client, ledger, last_month, today
):
    response = admin_client.get(
        reverse("sales:reports"), period_query(last_month, today, format="csv")
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="hirarajut-laba-rugi-{last_month.isoformat()}_'
        f'{today.isoformat()}.csv"'
    )
    rows = read_csv(response)
    header = rows[0]
    total = dict(zip(header, rows[-1], strict=True))
    assert len(rows) == 4  # header, two months, total
    assert rows[1][0] == last_month.strftime("%Y-%m")
    with translation.override("id"):
        assert total[gettext("Revenue")] == "445000"
        assert total[gettext("Gross profit")] == "303000"
        assert total[gettext("Net result")] == "171000"
        assert total[gettext("Operating expenses")] == "140000"
        assert total[str(ExpenseCategory.PACKAGING.label)] == "30000"


def test_summary_xlsx_holds_the_same_numbers_as_numbers(
    admin_client, ledger, last_month, today
):
    query = period_query(last_month, today)
    as_csv = read_csv(
        admin_client.get(reverse("sales:reports"), {**query, "format": "csv"})
    )
    response = admin_client.get(reverse("sales:reports"), {**query, "format": "xlsx"})
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet, rows = read_xlsx(response)
    assert [str(v) for v in rows[0]] == as_csv[0]
    total = rows[-1]
    assert all(isinstance(value, int) for value in total[1:])
    assert [str(value) for value in total[1:]] == as_csv[-1][1:]
    header = sheet.cell(row=XLSX_HEADER_ROW, column=1)
    assert header.font.bold
    revenue = sheet.cell(row=XLSX_HEADER_ROW + 1, column=6)
    assert revenue.value == 365_000
    assert revenue.number_format == RUPIAH_FORMAT
    assert sheet.column_dimensions["F"].width >= 10
    assert "2" in str(sheet["A2"].value)  # the period under the title


def test_channels_csv_has_one_row_per_month_and_channel(
    admin_client, ledger, last_month, today
):
    rows = read_csv(
        admin_client.get(
            reverse("sales:report-channels"),
            period_query(last_month, today, format="csv"),
        )
    )
    month = last_month.strftime("%Y-%m")
    this_month = today.strftime("%Y-%m")
    assert rows[1:-1] == [
        [month, "Shopee", "320000", "1", "17000"],
        [month, "WhatsApp", "45000", "1", "0"],
        [this_month, "WhatsApp", "80000", "1", "0"],
    ]
    assert rows[-1][2:] == ["445000", "3", "17000"]


def test_channels_xlsx_matches(admin_client, ledger, last_month, today):
    _sheet, rows = read_xlsx(
        admin_client.get(
            reverse("sales:report-channels"),
            period_query(last_month, today, format="xlsx"),
        )
    )
    assert rows[1][0].date() == last_month
    assert rows[1][1:] == ("Shopee", 320_000, 1, 17_000)
    assert rows[-1][2:] == (445_000, 3, 17_000)


def test_products_csv_and_xlsx(admin_client, ledger, last_month, today):
    url = reverse("sales:report-products")
    rows = read_csv(
        admin_client.get(url, period_query(last_month, today, format="csv"))
    )
    assert rows[1] == [
        "HR-TS01",
        "Tas Selempang",
        "2",
        "1",
        "300000",
        "100000",
        "200000",
    ]
    assert rows[-1][2:] == ["8", "", "475000", "142000", "333000"]
    _sheet, xlsx_rows = read_xlsx(
        admin_client.get(url, period_query(last_month, today, format="xlsx"))
    )
    assert xlsx_rows[1] == ("HR-TS01", "Tas Selempang", 2, 1, 300_000, 100_000, 200_000)


def test_makers_csv(admin_client, ledger, last_month, today):
    rows = read_csv(
        admin_client.get(
            reverse("sales:report-makers"),
            period_query(last_month, today, format="csv"),
        )
    )
    assert [row[:4] for row in rows[1:]] == [
        ["Sri Wahyuni", "5", "2", "430000"],
        ["Wati Susanti", "3", "2", "130000"],
        [t("No maker recorded"), "3", "1", "45000"],
    ]


def test_receivables_csv_and_xlsx(admin_client, ledger, last_month):
    url = reverse("sales:report-receivables")
    response = admin_client.get(url, {"format": "csv"})
    assert 'filename="hirarajut-piutang-awal_' in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[1][:8] == [
        ledger["s2"].number,
        (last_month + timedelta(days=9)).isoformat(),
        "WhatsApp",
        "Bu Ratna",
        "6281234567890",
        "55000",
        "20000",
        "35000",
    ]
    _sheet, xlsx_rows = read_xlsx(admin_client.get(url, {"format": "xlsx"}))
    assert xlsx_rows[1][5:8] == (55_000, 20_000, 35_000)
    assert xlsx_rows[1][1].date() == last_month + timedelta(days=9)


def test_a_name_that_looks_like_a_formula_stays_text(admin_client, admin, products):
    record_sale(
        user=admin.user,
        day=timezone.localdate(),
        channel="whatsapp",
        lines=[(products["purse"], 1)],
        due_date=timezone.localdate(),
        customer_name='=HYPERLINK("http://x.example","klik")',
    )
    url = reverse("sales:report-receivables")
    rows = read_csv(admin_client.get(url, {"format": "csv"}))
    assert rows[1][3].startswith("'=")
    sheet, _rows = read_xlsx(admin_client.get(url, {"format": "xlsx"}))
    cell = sheet.cell(row=XLSX_HEADER_ROW + 1, column=4)
    assert cell.data_type == "s"


# --- Charts -----------------------------------------------------------------------


def test_chart_escapes_labels_and_is_labelled_for_screen_readers():
    svg = charts.stacked_bar_chart(
        chart_id="c",
        title="Omzet <b>",
        labels=["Jan", "Feb"],
        series=[charts.Series(key="x", label='<script>"', values=[1_000, -500])],
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert 'role="img"' in svg and 'aria-label="Omzet &lt;b&gt;"' in svg
    assert '<title id="c-title">' in svg
    assert "style=" not in svg


def test_chart_stacks_a_negative_month_below_the_zero_line():
    svg = str(
        charts.stacked_bar_chart(
            chart_id="c",
            title="t",
            labels=["Jan", "Feb"],
            series=[charts.Series(key="shopee", label="Shopee", values=[100, -50])],
        )
    )
    assert svg.count("<rect") == 3  # two bars and one legend swatch
    assert "-Rp 50" in svg


def test_short_rupiah_for_axis_labels():
    with translation.override("en"):
        assert charts.short_rupiah(1_500_000) == "1.5M"
        assert charts.short_rupiah(250_000) == "250k"
        assert charts.short_rupiah(-2_000) == "-2k"
        assert charts.short_rupiah(0) == "0"


# --- Queries do not grow with the data ----------------------------------------


def add_sales(count: int, *, user, products, makers, start: int) -> None:
    """Sales of every kind through the services: paid, part-paid, reversed."""
    today = timezone.localdate()
    channels = SalesChannel.values
    items = list(products.values())
    for index in range(start, start + count):
        sale = record_sale(
            user=user,
            day=today - timedelta(days=index % 300),
            channel=channels[index % len(channels)],
            lines=[(items[index % 3], 1 + index % 2), (items[(index + 1) % 3], 1)],
            discount=index % 4 * 1_000,
            due_date=today if index % 5 == 0 else None,
        )
        if index % 5 == 0:
            payment_record(sale=sale, amount=1_000, date=today, recorded_by=user)
        if index % 11 == 0:
            sale_reverse(sale=sale, reversed_by=user, reason="Batal")
        if index % 10 == 0:
            record_expense(
                user=user,
                day=sale.date,
                category=ExpenseCategory.values[index % 6],
                amount=10_000 + index,
            )


def page_queries(client: Client) -> dict[str, int]:
    counts = {}
    for name in REPORT_URLS:
        for export in ("", "csv", "xlsx"):
            query = {"format": export} if export else {}
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse(name), query)
            assert response.status_code == 200
            counts[f"{name} {export}"] = len(queries)
    return counts


def test_report_queries_do_not_grow_with_the_sales(
    admin_client, admin, products, makers
):
    for product in products.values():
        product.variants.update(stock=10_000)
    add_sales(10, user=admin.user, products=products, makers=makers, start=1)
    page_queries(admin_client)  # warm-up: session, content types
    few = page_queries(admin_client)
    add_sales(190, user=admin.user, products=products, makers=makers, start=11)
    many = page_queries(admin_client)
    assert many == few
    assert max(few.values()) <= 10
