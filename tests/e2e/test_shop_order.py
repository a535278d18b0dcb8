"""A customer pre-orders from the shop on her phone; an admin makes it a draft sale."""

from urllib.parse import unquote

import pytest
from django.urls import reverse

from members.roles import Role
from sales.models import EntryStatus, Sale, SalesChannel
from storefront.models import OrderRequest, OrderStatus
from tests.e2e.conftest import assert_fits_the_phone, log_in, screenshot
from tests.members.factories import MemberFactory
from tests.storefront.shop import CO_OP_NUMBER, preorder, shop_settings

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_customer_pre_orders_and_the_admin_makes_a_draft_sale(phone, role_groups):
    shop_settings()
    bag = preorder(name="Tas Rajut Pesanan", price=250_000)
    variant = bag.variants.get()
    MemberFactory(role=Role.ADMIN, username="pengurus", full_name="Bu Warsini")

    # The customer finds the bag in the shop.
    phone.goto("/")
    assert_fits_the_phone(phone)
    phone.locator(".card a", has_text="Tas Rajut Pesanan").first.click()
    phone.wait_for_url(f"**/produk/{bag.slug}/")
    whatsapp = phone.get_by_role("link", name="Pesan via WhatsApp")
    href = whatsapp.get_attribute("href")
    assert href.startswith(f"https://wa.me/{CO_OP_NUMBER}?text=")
    text = unquote(href.split("?text=", 1)[1])
    assert "Tas Rajut Pesanan" in text and "Rp 250.000" in text

    # She chooses the pre-order form instead.
    phone.locator(f'a[href="/pesan/{variant.pk}/"]').click()
    phone.wait_for_url(f"**/pesan/{variant.pk}/")
    assert_fits_the_phone(phone)
    assert "Rp 250.000" in phone.locator("main").inner_text()
    phone.fill('input[name="name"]', "Siti Aminah")
    phone.fill('input[name="quantity"]', "2")
    phone.fill('textarea[name="note"]', "Warna merah marun, untuk kado.")
    phone.fill('input[name="whatsapp"]', "0812-3456-7890")
    with phone.expect_navigation():
        phone.locator('main form button[type="submit"]').click()
    phone.wait_for_url("**/pesan/terkirim/**")
    order = OrderRequest.objects.get()
    assert order.status == OrderStatus.PENDING
    assert (order.name, order.whatsapp, order.quantity, order.unit_price) == (
        "Siti Aminah",
        "6281234567890",
        2,
        250_000,
    )
    assert "Siti Aminah" in phone.locator("h1").inner_text()
    main = phone.locator("main").inner_text()
    assert "Rp 500.000" in main and "+62 812-3456-7890" in main
    chat = phone.locator("a.button.whatsapp").get_attribute("href")
    assert chat.startswith(f"https://wa.me/{CO_OP_NUMBER}?text=")
    assert str(order.pk) in unquote(chat) and "Siti Aminah" in unquote(chat)
    assert_fits_the_phone(phone)
    screenshot(phone, "shop-order-sent")

    # The admin sees it on her home page and makes it a draft sale.
    log_in(phone, "pengurus")
    card = phone.locator('[data-dashboard="order-requests"]')
    assert card.locator(".dash-value").inner_text() == "1"
    card.click()
    phone.wait_for_url(f"**{reverse('shop-admin:order-list')}")
    assert_fits_the_phone(phone)
    screenshot(phone, "admin-order-list")
    phone.locator(".entry-card", has_text="Siti Aminah").click()
    phone.wait_for_url(f"**{order.get_absolute_url()}")
    reply = phone.locator('[data-action="reply"]').get_attribute("href")
    assert reply.startswith("https://wa.me/6281234567890?text=")
    assert "Siti Aminah" in unquote(reply)
    assert_fits_the_phone(phone)
    screenshot(phone, "admin-order-detail")
    with phone.expect_navigation():
        phone.locator('[data-action="convert"]').click()
    phone.wait_for_load_state()

    sale = Sale.objects.get()
    assert phone.url.endswith(sale.get_absolute_url())
    assert sale.status == EntryStatus.DRAFT
    assert sale.channel == SalesChannel.STOREFRONT
    assert sale.total == 500_000
    assert sale.customer_name == "Siti Aminah"
    order.refresh_from_db()
    assert order.status == OrderStatus.CONVERTED and order.sale == sale
    assert phone.locator('[data-action="post"]').is_visible()
    assert_fits_the_phone(phone)


def blocking_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} {[n['html'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_the_order_pages_work_for_screen_readers_and_keyboards(browser, live_server):
    # Not the phone fixture: Chromium logs the form's own 400 as a console error.
    shop_settings()
    variant = preorder(name="Tas Rajut Pesanan", price=250_000).variants.get()
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        base_url=live_server.url,
    )
    try:
        page = context.new_page()
        page.goto(f"/pesan/{variant.pk}/")
        assert blocking_violations(page) == []
        # The hidden field is never reached with Tab.
        reached = []
        for _ in range(40):
            page.keyboard.press("Tab")
            reached.append(page.evaluate("document.activeElement.name || ''"))
        assert "name" in reached and "whatsapp" in reached
        assert "website" not in reached

        page.fill('input[name="name"]', "Siti Aminah")
        page.fill('input[name="whatsapp"]', "12345")
        with page.expect_navigation():
            page.locator('main form button[type="submit"]').click()
        assert page.locator('input[name="whatsapp"]').get_attribute("aria-invalid")
        described = page.locator('input[name="whatsapp"]').get_attribute(
            "aria-describedby"
        )
        assert "id_whatsapp_error" in described.split()
        assert blocking_violations(page) == []
        assert_fits_the_phone(page)

        page.fill('input[name="whatsapp"]', "0812 3456 7890")
        with page.expect_navigation():
            page.locator('main form button[type="submit"]').click()
        page.wait_for_url("**/pesan/terkirim/**")
        assert blocking_violations(page) == []
        assert OrderRequest.objects.get().name == "Siti Aminah"
    finally:
        context.close()
