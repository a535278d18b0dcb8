"""A member hands in pieces with a photo on a small phone, and reads her history."""

import pytest
from django.urls import reverse

from members.roles import Role
from production.models import HandIn, HandInStatus
from tests.catalog.factories import ProductFactory, add_photo, jpeg_bytes
from tests.e2e.conftest import log_in, screenshot
from tests.members.factories import MemberFactory
from tests.production.factories import set_rate

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = [(360, 740), (320, 640)]


def fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def small_tap_targets(page) -> list[str]:
    """Visible buttons and button-like links under 44 px tall."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
              'main button, main .btn, main input[type=submit]')]
            .filter(el => el.offsetParent !== null)
            .filter(el => el.getBoundingClientRect().height < 44)
            .map(el => el.outerHTML.slice(0, 80))"""
    )


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_member_hands_in_with_a_photo_in_two_taps_on_a_small_phone(
    phone, role_groups, width, height
):
    phone.set_viewport_size({"width": width, "height": height})
    product = ProductFactory(name="Tas Rajut Kecil", stock=0)
    set_rate(product, 15_000)
    add_photo(product)
    member = MemberFactory(role=Role.MEMBER, username="sri")
    log_in(phone, member.user.username)

    phone.goto(reverse("production:submit-choose"))
    submit_url = reverse("production:submit", args=[product.pk])
    phone.locator(f'a.product-tile[href="{submit_url}"]').click()  # choosing
    phone.wait_for_url(f"**{submit_url}")
    fits(phone, width)
    assert small_tap_targets(phone) == []

    taps = 0
    with phone.expect_file_chooser() as chooser:
        phone.locator("label.photo-button").click()
        taps += 1
    chooser.value.set_files(
        {
            "name": "IMG_2026.jpg",
            "mimeType": "image/jpeg",
            "buffer": jpeg_bytes(800, 600),
        }
    )
    assert "IMG_2026.jpg" in phone.locator("#photo-chosen").inner_text()
    fits(phone, width)
    screenshot(phone, f"hand-in-form-{width}")

    phone.locator("form[data-hand-in] button[type=submit]").click()
    taps += 1
    phone.wait_for_url("**/produksi/setoran/*/")

    assert taps <= 3
    hand_in = HandIn.objects.get()
    assert hand_in.status == HandInStatus.SUBMITTED
    assert hand_in.photo.renditions
    fits(phone, width)
    assert small_tap_targets(phone) == []
    again = phone.locator("a.hand-in-again")
    assert again.get_attribute("href") == submit_url
    screenshot(phone, f"hand-in-done-{width}")

    phone.goto(reverse("portal:my-history"))
    fits(phone, width)
    assert small_tap_targets(phone) == []
    entry = phone.locator(f'a[href="{hand_in.get_absolute_url()}"]')
    assert entry.locator(".history-thumb img").is_visible()
    box = entry.bounding_box()
    assert box["height"] >= 44
    screenshot(phone, f"my-history-{width}")


def test_setor_is_disabled_and_shows_progress_after_the_first_tap(phone, role_groups):
    product = ProductFactory(name="Topi Rajut", stock=0)
    member = MemberFactory(role=Role.MEMBER, username="wati")
    log_in(phone, member.user.username)
    phone.goto(reverse("production:submit", args=[product.pk]))
    button = phone.locator("form[data-hand-in] button[type=submit]")
    label = button.inner_text()
    # A submit event as the first tap sends, without leaving the page.
    phone.evaluate(
        """() => document.querySelector('form[data-hand-in]').dispatchEvent(
            new Event('submit', {bubbles: true, cancelable: true}))"""
    )
    phone.wait_for_function(
        "() => document.querySelector('form[data-hand-in] button[type=submit]')"
        ".disabled"
    )
    assert button.is_disabled()
    assert button.inner_text() != label
    assert button.locator(".spinner-border").count() == 1
    assert button.get_attribute("aria-busy") == "true"


@pytest.fixture(params=SIZES, ids=["360", "320"])
def quiet_phone(browser, live_server, request):
    """A phone of each size that tolerates the 400 of a refused form."""
    width, height = request.param
    context = browser.new_context(
        viewport={"width": width, "height": height},
        is_mobile=True,
        has_touch=True,
        base_url=live_server.url,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def test_a_refused_form_keeps_the_photo_on_the_phone(quiet_phone, role_groups):
    phone = quiet_phone
    product = ProductFactory(name="Dompet Kecil", stock=0)
    member = MemberFactory(role=Role.MEMBER, username="ani")
    log_in(phone, member.user.username)
    submit_url = reverse("production:submit", args=[product.pk])
    phone.goto(submit_url)
    phone.set_input_files(
        'input[name="photo"]',
        {"name": "IMG_9.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes(640, 480)},
    )
    phone.locator('input[name="quantity"]').fill("0")
    phone.locator("form[data-hand-in] button[type=submit]").click()
    phone.wait_for_load_state()
    assert "IMG_9.jpg" in phone.locator("#photo-chosen").inner_text()
    width = phone.viewport_size["width"]
    fits(phone, width)
    assert small_tap_targets(phone) == []
    screenshot(phone, f"hand-in-refused-kept-photo-{width}")

    phone.locator('input[name="quantity"]').fill("2")
    phone.locator("form[data-hand-in] button[type=submit]").click()
    phone.wait_for_url("**/produksi/setoran/*/")
    assert HandIn.objects.get().photo.renditions
