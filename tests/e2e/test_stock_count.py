"""On a phone (360 px), the stock count and the stock card fit and work."""

import pytest
from django.urls import reverse

from catalog.models import StockMovement, StockReason, Variant
from members.roles import Role
from tests.catalog.factories import ProductFactory, add_variant
from tests.e2e.conftest import screenshot
from tests.members.factories import PASSWORD, MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_an_admin_counts_stock_on_a_phone_and_reads_the_card(phone, role_groups):
    # The phone of the browser tests: a 360 px page failing on console errors.
    page = phone
    product = ProductFactory(
        name="Tas Rajut Selempang Mawar Yang Namanya Cukup Panjang",
        stock=5,
        variation1_name="Warna",
    )
    blue = add_variant(product, option1="Biru Langit Muda", stock=2)
    admin = MemberFactory(role=Role.ADMIN, username="pengurus")
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(admin.user.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/portal/")

    page.goto(reverse("catalog:stock-count", args=[product.pk]))
    assert fits_the_phone(page)
    page.locator(f'input[name="counted_{blue.pk}"]').fill("4")
    page.locator('input[name="note"]').fill("opname akhir bulan")
    button = page.locator("main form button[type=submit]")
    assert button.bounding_box()["height"] >= 44
    screenshot(page, "stock-count")
    with page.expect_navigation():
        button.click()
    assert page.locator(".alert-success").is_visible()
    assert Variant.objects.get(pk=blue.pk).stock == 4
    assert StockMovement.objects.get(reason=StockReason.STOCK_COUNT).quantity == 2

    page.goto(reverse("catalog:stock-card", args=[blue.pk]))
    assert fits_the_phone(page)
    assert page.locator(".stock-line").count() == 2
    assert "opname akhir bulan" in page.locator(".stock-line").first.inner_text()
    screenshot(page, "stock-card")
