import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from catalog.models import Variant
from members.roles import Role
from sales.models import EntryStatus, Sale
from tests.catalog.factories import ProductFactory
from tests.e2e.conftest import assert_fits_the_phone, log_in, screenshot
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)


def pick_product(phone, line: int, query: str, variant) -> None:
    """Search in a sale line and tap the product found."""
    block = phone.locator("[data-line]").nth(line)
    block.locator("[data-search]").fill(query)
    found = block.locator("[data-pick]")
    expect(found).to_have_count(1)
    found.click()
    assert block.locator('input[name$="-variant"]').input_value() == str(variant.pk)


def test_admin_records_a_whatsapp_sale_of_two_products_and_stock_drops(
    phone, role_groups, tmp_path
):
    bag = ProductFactory(name="Tas Rajut Selempang", price=185_000, stock=4)
    purse = ProductFactory(name="Dompet Rajut Koin", price=45_000, stock=3)
    bag_variant, purse_variant = bag.variants.get(), purse.variants.get()
    MemberFactory(role=Role.ADMIN, username="pengurus")

    log_in(phone, "pengurus")
    phone.goto(reverse("sales:sale-create"))
    assert_fits_the_phone(phone)
    phone.locator('input[name="channel"][value="whatsapp"] + label').click()
    # One product block at first; each product is searched and tapped.
    assert phone.locator("[data-line]").count() == 1
    pick_product(phone, 0, "selempang", bag_variant)
    phone.fill('input[name="lines-0-quantity"]', "2")
    phone.locator("[data-add-line]").click()
    assert phone.locator('input[name="lines-TOTAL_FORMS"]').input_value() == "2"
    pick_product(phone, 1, "koin", purse_variant)
    # The price field shows the current price of the chosen product.
    assert (
        phone.locator('input[name="lines-1-unit_price"]').get_attribute("placeholder")
        == "Rp 45.000"
    )
    assert phone.locator("[data-total]").inner_text() == "Rp 415.000"

    phone.locator('[data-more="customer"] > summary').click()
    phone.fill('input[name="customer_name"]', "Bu Ratna")
    assert_fits_the_phone(phone)
    screenshot(phone, "admin-sale-form")

    with phone.expect_navigation():
        phone.locator('button[name="action"][value="post"]').click()
    phone.wait_for_load_state()

    sale = Sale.objects.get()
    assert phone.url.endswith(reverse("sales:sale-detail", args=[sale.pk]))
    assert sale.status == EntryStatus.POSTED
    assert sale.channel == "whatsapp"
    assert sale.total == 415_000
    assert sale.customer_name == "Bu Ratna"
    assert sale.lines.count() == 2
    assert Variant.objects.get(pk=bag_variant.pk).stock == 2
    assert Variant.objects.get(pk=purse_variant.pk).stock == 2
    assert sale.number in phone.locator("h1").inner_text()
    for variant, left in ((bag_variant, 2), (purse_variant, 2)):
        shown = phone.locator(f'[data-stock-left="{variant.pk}"]').inner_text()
        assert shown.split()[-1] == str(left)
    assert_fits_the_phone(phone)
    screenshot(phone, "admin-sale-posted")

    # The sale shows in this month's report, and the report downloads as XLSX.
    phone.goto(reverse("sales:reports"))
    assert_fits_the_phone(phone)
    assert "415.000" in phone.locator("main").inner_text()
    screenshot(phone, "admin-report")
    with phone.expect_download() as download_info:
        phone.get_by_role("link", name="Excel (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    workbook = openpyxl.load_workbook(saved)
    numbers = [
        cell
        for row in workbook.active.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, int | float)
    ]
    assert 415_000 in numbers
