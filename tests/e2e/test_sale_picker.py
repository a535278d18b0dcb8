"""The admin picks the products of a sale by search and photo on a small phone."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from catalog.models import Variant
from members.roles import Role
from sales.models import EntryStatus, Sale
from tests.catalog.factories import ProductFactory, add_photo
from tests.e2e.conftest import log_in, screenshot
from tests.e2e.portal_checks import axe_problems, layout_problems
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = [(360, 740), (320, 640)]


def t(message: str) -> str:
    """A message as the (Indonesian) page shows it."""
    with translation.override("id"):
        return gettext(message)


SEARCH = t("Find the product: name or SKU")


def fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def problems(page, width: int) -> list[str]:
    """Sideways scroll, small targets and axe-core's findings, as the page is now."""
    return layout_problems(page, width) + axe_problems(page)


def search_and_tap(page, line: int, query: str, name: str):
    """Type into a line's search and tap the one product found."""
    block = page.locator("[data-line]").nth(line)
    block.get_by_label(SEARCH).fill(query)
    found = block.locator("[data-pick]")
    expect(found).to_have_count(1)
    expect(found).to_contain_text(name)
    found.click()
    return block


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_admin_searches_taps_two_products_and_records_the_sale(
    phone, role_groups, width, height
):
    phone.set_viewport_size({"width": width, "height": height})
    bag = ProductFactory(
        name="Tas Rajut Selempang", sku="HR-001", price=185_000, stock=4
    )
    bag_variant = bag.variants.get()
    ProductFactory(name="Tas Rajut Pantai", sku="HR-002", price=150_000, stock=1)
    ProductFactory(name="Dompet Rajut Koin", sku="HR-003", price=45_000, stock=3)
    add_photo(bag, alt_text="Tas rajut selempang merah")
    MemberFactory(role=Role.ADMIN, username="pengurus")

    log_in(phone, "pengurus")
    phone.goto(reverse("sales:sale-create"))
    # One product block to start with.
    expect(phone.locator("[data-line]")).to_have_count(1)
    assert problems(phone, width) == []
    phone.get_by_label(SEARCH).fill("rajut")
    expect(phone.locator("[data-pick]")).to_have_count(3)
    assert problems(phone, width) == []
    screenshot(phone, f"admin-sale-picker-results-{width}")

    block = search_and_tap(phone, 0, "selempang", "Tas Rajut Selempang")
    chosen = block.locator("[data-chosen]")
    expect(chosen).to_be_visible()
    expect(chosen).to_contain_text("Tas Rajut Selempang")
    expect(chosen).to_contain_text(t("Ready stock: %(count)s") % {"count": 4})
    image = chosen.locator("img")
    phone.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    expect(block.get_by_label(SEARCH)).to_be_hidden()
    # The price field shows the product's current price.
    price = block.locator('input[name="lines-0-unit_price"]')
    assert price.get_attribute("placeholder") == "Rp 185.000"
    block.get_by_label("Jumlah").fill("2")

    phone.get_by_role("button", name="+ Tambah produk").click()
    expect(phone.locator("[data-line]")).to_have_count(2)
    second = search_and_tap(phone, 1, "HR-003", "Dompet Rajut Koin")
    expect(second.locator("[data-chosen]")).to_contain_text("Dompet Rajut Koin")
    assert phone.locator("[data-total]").inner_text() == "Rp 415.000"
    assert problems(phone, width) == []
    screenshot(phone, f"admin-sale-picker-{width}")

    # Another product after all: "change" opens the search again.
    second.get_by_role("button", name=t("Change product")).click()
    search_and_tap(phone, 1, "koin", "Dompet Rajut Koin")

    with phone.expect_navigation():
        phone.get_by_role("button", name="Simpan & catat final").click()
    phone.wait_for_load_state()

    sale = Sale.objects.get()
    assert sale.status == EntryStatus.POSTED
    assert sorted(sale.lines.values_list("variant__sku", "quantity")) == [
        ("HR-001", 2),
        ("HR-003", 1),
    ]
    assert sale.total == 415_000
    assert Variant.objects.get(pk=bag_variant.pk).stock == 2
    fits(phone, width)


def test_search_results_are_buttons_named_for_their_product(phone, role_groups):
    phone.set_viewport_size({"width": 320, "height": 640})
    for index in range(24):
        ProductFactory(name=f"Topi Rajut {index:02d}", stock=1)
    ProductFactory(name="Topi Kupluk Ungu", stock=1)
    MemberFactory(role=Role.ADMIN, username="pengurus")
    log_in(phone, "pengurus")
    phone.goto(reverse("sales:sale-create"))
    phone.get_by_label(SEARCH).fill("topi")
    expect(phone.get_by_role("button", name="Topi Rajut 00")).to_be_visible()
    # At most twenty, each a button with the product's name.
    expect(phone.locator("[data-pick]")).to_have_count(20)
    phone.get_by_label(SEARCH).fill("kupluk")
    expect(phone.locator("[data-pick]")).to_have_count(1)
    phone.get_by_label(SEARCH).fill("kaos kaki")
    expect(phone.locator("[data-results]")).to_contain_text(
        t("Product not found: “%(text)s”.") % {"text": "kaos kaki"}
    )
    fits(phone, 320)
    screenshot(phone, "admin-sale-picker-none-320")
