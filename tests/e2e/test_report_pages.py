"""The ledger's reports read by a busy admin on a small phone.

At 360x740 and 320x640: nothing scrolls the page sideways, buttons and links
are big enough to tap, axe-core finds nothing serious. The profit and loss per
month stands as cards; the month-by-channel grid scrolls in its own box, marked
as such, reachable by keyboard, with the month kept in view.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.periods import months_back
from members.roles import Role
from sales.models import ExpenseCategory, SalesChannel
from tests.catalog.factories import ProductFactory
from tests.e2e.conftest import log_in
from tests.e2e.portal_checks import axe_problems
from tests.e2e.test_trainer_pages import (
    SIZES,
    assert_fits_a_thumb,
    assert_page_is_good_on_the_phone,
    card_titles,
    label_of,
)
from tests.members.factories import MemberFactory
from tests.sales.factories import record_expense, record_sale

pytestmark = pytest.mark.django_db(transaction=True)

CHANNELS = [
    SalesChannel.WHATSAPP,
    SalesChannel.SHOPEE,
    SalesChannel.INSTAGRAM,
    SalesChannel.STOREFRONT,
]


@pytest.fixture
def ledger(role_groups):
    """Six months of sales on four channels, expenses, two sales still owed."""
    today = timezone.localdate()
    admin = MemberFactory(role=Role.ADMIN, username="pengurus")
    sri = MemberFactory(full_name="Sri Wahyuni")
    bag = ProductFactory(name="Tas Rajut Selempang Mawar", stock=200, price=185_000)
    purse = ProductFactory(name="Dompet Rajut Koin Bunga", stock=200, price=45_000)
    bag.makers.add(sri)
    for back in range(6):
        day = months_back(today, back)
        for n, channel in enumerate(CHANNELS):
            record_sale(
                user=admin.user,
                day=min(day + timedelta(days=n), today),
                channel=channel,
                lines=[(bag, 1), (purse, n + 1)],
            )
        record_expense(
            user=admin.user, day=day, category=ExpenseCategory.PACKAGING, amount=60_000
        )
    for name, whatsapp in [("Bu Ratna", "6281234567890"), ("Toko Kenanga", "")]:
        record_sale(
            user=admin.user,
            day=today - timedelta(days=20),
            channel=SalesChannel.WHATSAPP,
            lines=[(bag, 2)],
            customer_name=name,
            customer_whatsapp=whatsapp,
            due_date=today - timedelta(days=5),
        )
    return admin


PAGES = {
    "summary": "/keuangan/laporan/",
    "channels": "/keuangan/laporan/kanal/",
    "products": "/keuangan/laporan/produk/",
    "makers": "/keuangan/laporan/pembuat/",
    "receivables": "/keuangan/laporan/piutang/",
}


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("name", list(PAGES))
def test_report_page_fits_the_phone_and_has_no_serious_violation(
    phone, ledger, name, width, height
):
    phone.set_viewport_size({"width": width, "height": height})
    log_in(phone, "pengurus")
    assert_page_is_good_on_the_phone(phone, PAGES[name], width, f"report-{name}")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_period_form_opened_with_an_error_is_readable_and_tappable(
    browser, live_server, ledger, width, height
):
    # Not the phone fixture: Chromium logs the page's own 400 as a console error.
    context = browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        base_url=live_server.url,
    )
    try:
        page = context.new_page()
        log_in(page, "pengurus")
        response = page.goto("/keuangan/laporan/kanal/?date_from=2026-13-45")
        assert response.status == 400
        assert page.locator("details.report-filter[open]").count() == 1
        assert_fits_a_thumb(page, width)
        violations = axe_problems(page)
        assert violations == [], "\n".join(violations)
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_profit_and_loss_per_month_stands_as_cards_titled_by_month(
    phone, ledger, width, height
):
    phone.set_viewport_size({"width": width, "height": height})
    log_in(phone, "pengurus")
    phone.goto("/keuangan/laporan/")
    months = phone.locator("section[aria-labelledby=months-heading] table")
    assert months.bounding_box()["width"] <= width
    assert months.locator("thead").bounding_box()["height"] <= 1
    titles = card_titles(phone, months)
    assert len(titles) == 12
    assert None not in titles
    this_month = months.locator("tbody tr").last
    assert [label_of(cell) for cell in this_month.locator("td").all()] == [
        "Pendapatan",
        "Laba/rugi",
        "Laba kotor",
        "Pengeluaran",
    ]
    # Two figures to a line under the month: revenue beside the result.
    revenue, result = this_month.locator("td").all()[:2]
    assert revenue.bounding_box()["y"] == result.bounding_box()["y"]
    assert phone.locator("main .table-responsive").count() == 0


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_month_by_channel_grid_scrolls_in_a_marked_box_reached_by_keyboard(
    phone, ledger, width, height
):
    phone.set_viewport_size({"width": width, "height": height})
    log_in(phone, "pengurus")
    phone.goto("/keuangan/laporan/kanal/")
    region = phone.locator("main .table-scroll")
    assert region.count() == 1
    assert region.get_attribute("tabindex") == "0"
    assert region.get_attribute("role") == "region"
    # Named for a screen reader (in Indonesian once the catalogue has it).
    assert region.get_attribute("aria-label") in (
        "Pendapatan per bulan dan kanal",
        "Revenue per month and channel",
    )
    # Wider than the phone inside its box; the page itself does not move.
    assert region.evaluate("box => box.scrollWidth > box.clientWidth")
    assert phone.evaluate("document.documentElement.scrollWidth") <= width
    hint = phone.locator(".scroll-hint")
    assert hint.is_visible()
    assert hint.inner_text().endswith("→")
    month = region.locator("tbody tr").first.locator("th")
    left_before = month.bounding_box()["x"]

    region.focus()
    assert region.evaluate("box => document.activeElement === box")
    assert region.evaluate("box => getComputedStyle(box).outlineStyle") != "none"
    for _ in range(6):
        phone.keyboard.press("ArrowRight")
    phone.wait_for_function(
        "() => document.querySelector('main .table-scroll').scrollLeft > 0"
    )
    # The month stays where it was while the figures move under it.
    assert abs(month.bounding_box()["x"] - left_before) < 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= width


def test_one_channel_fits_the_phone_and_has_no_swipe_hint(phone, ledger):
    log_in(phone, "pengurus")
    phone.goto("/keuangan/laporan/kanal/?channel=shopee")
    assert phone.locator(".scroll-hint").count() == 0
    region = phone.locator("main .table-scroll")
    assert not region.evaluate("box => box.scrollWidth > box.clientWidth")


def test_on_a_laptop_profit_and_loss_per_month_is_a_table_again(phone, ledger):
    phone.set_viewport_size({"width": 1024, "height": 768})
    log_in(phone, "pengurus")
    phone.goto("/keuangan/laporan/")
    months = phone.locator("section[aria-labelledby=months-heading] table")
    assert months.locator("thead").bounding_box()["height"] > 20
    row = months.locator("tbody tr").last
    tops = {round(cell.bounding_box()["y"]) for cell in row.locator("th, td").all()}
    assert len(tops) == 1
