"""The shop for customers who use a screen reader, a keyboard or a small phone.

axe-core (bundled by axe-playwright-python, no network) checks each page at
360x740; a serious or critical violation fails the test with axe's own report.
"""

import pytest

from tests.e2e.shop_data import seed_shop

pytestmark = pytest.mark.django_db(transaction=True)

BLOCKING = ("serious", "critical")


@pytest.fixture
def shop(live_server):
    return seed_shop(count=6)


def product_path(product) -> str:
    return f"/produk/{product.slug}/"


PAGES = {
    "home": lambda shop: "/",
    "listing": lambda shop: "/produk/",
    "category": lambda shop: f"/kategori/{shop.colours.category.slug}/",
    "product with colours": lambda shop: product_path(shop.colours),
    "pre-order product": lambda shop: product_path(shop.preorder),
    "sold-out product": lambda shop: product_path(shop.sold_out),
    "about": lambda shop: "/tentang/",
    "contact": lambda shop: "/kontak/",
    "english home": lambda shop: "/en/",
}


def blocking_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING]


def report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html']}")
            lines.append(f"      {node['failureSummary']}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", list(PAGES))
def test_shop_page_has_no_serious_accessibility_violation(phone, shop, name):
    path = PAGES[name](shop)
    response = phone.goto(path)
    assert response.status == 200
    violations = blocking_violations(phone)
    assert violations == [], f"{path}:\n{report(violations)}"


def test_the_not_found_page_has_no_serious_accessibility_violation(
    browser, live_server, shop
):
    # Not the phone fixture: Chromium logs the page's own 404 as a console error.
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        base_url=live_server.url,
    )
    try:
        page = context.new_page()
        response = page.goto("/produk/tidak-ada-lagi/")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Halaman tidak ditemukan"
        violations = blocking_violations(page)
        assert violations == [], report(violations)
    finally:
        context.close()


def test_filters_opened_on_the_listing_have_no_serious_violation(phone, shop):
    phone.goto("/produk/?harga_min=abc&stok=ready")
    assert phone.locator("details.filters[open]").count() == 1
    violations = blocking_violations(phone)
    assert violations == [], report(violations)


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(),
                id: el.id,
                cls: el.className,
                text: (el.innerText || el.value || "").trim(),
                href: el.getAttribute("href") || "",
                inMain: !!el.closest("main"),
                outline: style.outlineStyle,
                visible: el.getBoundingClientRect().left >= 0,
            };
        }"""
    )


def tab_through(page, steps: int) -> list[dict]:
    """The elements that Tab stops at, in order, until the page's end."""
    seen = []
    for _ in range(steps):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop["tag"] == "body":  # past the last one
            break
        seen.append(stop)
    return seen


def test_first_tab_reaches_the_skip_link_and_it_skips_to_the_content(phone, shop):
    phone.goto("/")
    phone.keyboard.press("Tab")
    skip = focused(phone)
    assert skip["cls"] == "skip", skip
    assert skip["href"] == "#content"
    # Shown on screen once focused, with a visible focus ring.
    assert skip["visible"] and skip["outline"] != "none", skip
    phone.keyboard.press("Enter")
    after = tab_through(phone, 1)[0]
    assert after["inMain"], after


def test_tab_from_the_top_reaches_the_search_field(phone, shop):
    phone.goto("/")
    seen = tab_through(phone, 8)
    assert any(item["id"] == "shop-search" for item in seen), seen
    search = next(item for item in seen if item["id"] == "shop-search")
    assert search["outline"] != "none"


def test_the_order_links_of_a_product_are_reached_by_keyboard(phone, shop):
    phone.goto(product_path(shop.colours))
    seen = tab_through(phone, 30)
    hrefs = [item["href"] for item in seen]
    assert any(href.startswith("https://wa.me/6281234567890") for href in hrefs), seen
    assert any(href.startswith("/pesan/") for href in hrefs), seen
    colours = [item for item in seen if item["href"].startswith("?varian=")]
    assert len(colours) == 3, seen
    # Every stop shows where the focus is.
    assert all(item["outline"] != "none" for item in seen), [
        item for item in seen if item["outline"] == "none"
    ]


def test_a_colour_chosen_by_keyboard_leads_to_its_order_link(phone, shop):
    phone.goto(product_path(shop.colours))
    for _ in range(30):
        phone.keyboard.press("Tab")
        if focused(phone)["text"].startswith("Biru Dongker"):
            break
    else:
        pytest.fail("the second colour was not reached by keyboard")
    phone.keyboard.press("Enter")
    phone.wait_for_url("**?varian=*")
    assert (
        phone.locator(".variants a[aria-current]")
        .inner_text()
        .startswith("Biru Dongker")
    )
    # The order message names the colour chosen.
    link = phone.locator(".order a.whatsapp").get_attribute("href")
    assert "Biru%20Dongker" in link, link


def test_a_refused_filter_tells_a_screen_reader_what_is_wrong(phone, shop):
    phone.goto("/produk/?harga_min=abc")
    field = phone.locator("#id_harga_min")
    assert field.get_attribute("aria-invalid") == "true"
    described_by = field.get_attribute("aria-describedby")
    assert described_by, "the field names no element that explains the error"
    message = phone.locator(f"#{described_by}")
    assert message.count() == 1, f"#{described_by} is not on the page"
    assert "150.000" in message.inner_text()
