import pytest
from django.urls import reverse

from catalog.models import Variant
from members.roles import Role
from production.models import HandIn, HandInStatus
from tests.catalog.factories import ProductFactory, add_photo, jpeg_bytes
from tests.e2e.conftest import assert_fits_the_phone, log_in, screenshot
from tests.members.factories import MemberFactory
from tests.production.factories import set_rate

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_hands_in_pieces_and_admin_accepts_them(phone, role_groups):
    product = ProductFactory(name="Tas Rajut Setoran", stock=2)
    set_rate(product, 15_000)
    add_photo(product)
    variant = product.variants.get()
    member = MemberFactory(role=Role.MEMBER, username="sri")
    admin = MemberFactory(role=Role.ADMIN, username="pengurus")

    log_in(phone, member.user.username)
    assert_fits_the_phone(phone)
    phone.locator(f'a[href="{reverse("production:submit-choose")}"]').click()
    phone.wait_for_url(f"**{reverse('production:submit-choose')}")
    assert_fits_the_phone(phone)

    submit_url = reverse("production:submit", args=[product.pk])
    phone.locator(f'a.product-tile[href="{submit_url}"]').click()
    phone.wait_for_url(f"**{submit_url}")
    plus = phone.locator('[data-stepper] button[data-step="1"]')
    plus.click()
    plus.click()
    assert phone.locator('input[name="quantity"]').input_value() == "3"
    phone.set_input_files(
        'input[name="photo"]',
        {
            "name": "IMG_2026.jpg",
            "mimeType": "image/jpeg",
            "buffer": jpeg_bytes(1200, 900),
        },
    )
    assert_fits_the_phone(phone)
    form = phone.locator("form", has=phone.locator('input[name="photo"]'))
    form.locator('button[type="submit"]').click()

    phone.wait_for_url("**/produksi/setoran/*/")
    hand_in = HandIn.objects.get()
    assert phone.url.endswith(hand_in.get_absolute_url())
    assert hand_in.member == member
    assert hand_in.quantity == 3
    assert hand_in.status == HandInStatus.SUBMITTED
    assert hand_in.photo.renditions
    assert phone.locator(".handin-photo img").is_visible()
    assert_fits_the_phone(phone)

    phone.goto(reverse("portal:my-history"))
    entry = phone.locator(f'a[href="{hand_in.get_absolute_url()}"]')
    assert entry.locator(".action-title").inner_text().startswith("3 ×")
    assert_fits_the_phone(phone)
    screenshot(phone, "member-hand-in")

    phone.locator("header form button[type=submit]").click()
    phone.wait_for_url("**/masuk/")
    log_in(phone, admin.user.username)
    phone.goto(reverse("production:review"))
    assert_fits_the_phone(phone)
    card = phone.locator(f"#hand-in-{hand_in.pk}")
    with phone.expect_navigation():
        card.locator('button[name="grade"][value="A"]').click()
    phone.wait_for_load_state()

    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.ACCEPTED
    assert hand_in.grade == "A"
    assert Variant.objects.get(pk=variant.pk).stock == 5
    assert phone.locator(f"#hand-in-{hand_in.pk}").count() == 0
    assert_fits_the_phone(phone)
    screenshot(phone, "admin-review")
