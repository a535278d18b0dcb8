"""On a phone, the admin opens the photo large, accepts, undoes, and taps a reason."""

import io

import pytest
from django.urls import reverse

from catalog.models import Variant
from members.roles import Role
from production.models import HandIn, HandInStatus
from tests.catalog.factories import ProductFactory, jpeg_bytes
from tests.e2e.conftest import assert_fits_the_phone, log_in, screenshot
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_accepts_then_undoes_on_a_phone(phone, role_groups):
    product = ProductFactory(name="Tas Rajut Batal", stock=2)
    set_rate(product, 15_000)
    variant = product.variants.get()
    hand_in = make_hand_in(
        product=product, quantity=3, photo=io.BytesIO(jpeg_bytes(1600, 1200))
    )
    admin = MemberFactory(role=Role.ADMIN, username="pengurus")

    log_in(phone, admin.user.username)
    phone.goto(reverse("production:review"))
    assert_fits_the_phone(phone)
    card = phone.locator(f"#hand-in-{hand_in.pk}")
    # The thumbnail is small; its link leads to the big photo.
    thumb = card.locator(".review-photo img").bounding_box()
    assert thumb["width"] < 180
    large = card.locator("a.review-photo-link").get_attribute("href")
    photo = HandIn.objects.get(pk=hand_in.pk).photo
    assert large.endswith(photo.rendition("webp", 1280)["name"])
    assert card.locator(".grade-meaning").first.inner_text().strip()
    screenshot(phone, "admin-review-grades")
    # The smallest phones too: nothing sticks out sideways.
    phone.set_viewport_size({"width": 320, "height": 640})
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    screenshot(phone, "admin-review-grades-320")
    phone.set_viewport_size({"width": 360, "height": 740})

    with phone.expect_navigation():
        card.locator('button[name="grade"][value="A"]').click()
    assert Variant.objects.get(pk=variant.pk).stock == 5
    undo = phone.locator(f'#checked-{hand_in.pk} button[name="undo"]')
    assert undo.is_visible()
    assert_fits_the_phone(phone)
    screenshot(phone, "admin-review-undo")
    phone.set_viewport_size({"width": 320, "height": 640})
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    screenshot(phone, "admin-review-undo-320")
    phone.set_viewport_size({"width": 360, "height": 740})

    with phone.expect_navigation():
        undo.click()
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.SUBMITTED
    assert Variant.objects.get(pk=variant.pk).stock == 2
    assert phone.locator(f"#hand-in-{hand_in.pk}").is_visible()
    assert phone.locator(f"#checked-{hand_in.pk}").count() == 0
    assert_fits_the_phone(phone)


def test_a_quick_reason_fills_the_box_and_the_admin_rejects(phone, role_groups):
    product = ProductFactory(name="Tas Rajut Tolak", stock=2)
    set_rate(product, 15_000)
    hand_in = make_hand_in(product=product, quantity=1)
    admin = MemberFactory(role=Role.ADMIN, username="pengurus")

    log_in(phone, admin.user.username)
    phone.goto(reverse("production:review"))
    card = phone.locator(f"#hand-in-{hand_in.pk}")
    box = card.locator("textarea[name=reason]")
    box.fill("di tali")
    quick = card.locator('button[name="quick_reason"][value="loose"]')
    quick.click()
    # Filled, not sent: the admin can still add to it.
    assert phone.url.endswith(reverse("production:review"))
    text = quick.inner_text().strip()
    assert box.input_value() == f"{text}: di tali"
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.SUBMITTED
    assert_fits_the_phone(phone)
    screenshot(phone, "admin-review-reason")

    with phone.expect_navigation():
        card.locator("button", has_text="Tolak").click()
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.REJECTED
    assert hand_in.reject_reason == f"{text}: di tali"
    # The reject can be undone too.
    with phone.expect_navigation():
        phone.locator(f'#checked-{hand_in.pk} button[name="undo"]').click()
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.SUBMITTED
