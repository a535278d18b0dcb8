import io

import pytest
from PIL import Image

from catalog.models import Product, Status
from members.roles import Role
from tests.catalog.factories import CategoryFactory
from tests.e2e.conftest import screenshot
from tests.members.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)


def phone_photo(colour, orientation=1) -> dict:
    image = Image.new("RGB", (1600, 1200), colour)
    image.paste((250, 250, 250), (0, 0, 400, 300))
    exif = image.getexif()
    exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, exif=exif)
    return {
        "name": "IMG_2026.jpg",
        "mimeType": "image/jpeg",
        "buffer": buffer.getvalue(),
    }


def test_admin_adds_a_product_with_two_photos_and_publishes_it(phone, role_groups):
    CategoryFactory(name="Tas rajut", slug="tas-rajut")
    pengurus = MemberFactory(role=Role.ADMIN, username="pengurus")

    phone.goto("/masuk/")
    phone.get_by_label("Nama pengguna").fill(pengurus.user.username)
    phone.get_by_label("Kata sandi").fill(PASSWORD)
    phone.get_by_role("button", name="Masuk").click()
    phone.wait_for_url("**/portal/")

    phone.goto("/admin/catalog/product/add/")
    phone.fill("#id_name", "Tas Rajut Selempang Uji")
    phone.fill("#id_sku", "HR-UJI-1")
    phone.select_option("#id_category", label="Tas rajut")
    phone.fill("#id_price", "175000")
    phone.fill("#id_variants-0-opening_stock", "4")
    phone.click("input[name=_save]")

    # Saving a new product leads straight to its photo page.
    phone.wait_for_url("**/katalog/produk/*/foto/")
    product = Product.objects.get(sku="HR-UJI-1")
    phone.set_input_files(
        "#id_photos", [phone_photo((176, 48, 82)), phone_photo((46, 94, 78), 6)]
    )
    phone.fill("#id_alt_text", "Tas rajut selempang")
    phone.get_by_role("button", name="Unggah").click()
    cards = phone.locator(".photo-card")
    cards.nth(1).wait_for()
    assert cards.count() == 2
    assert phone.locator(".upload-row.text-success").count() == 2

    first, second = product.photos.all()
    phone.locator(f"#photo-{second.pk}").get_by_role(
        "button", name="Jadikan utama"
    ).click()
    phone.wait_for_load_state()
    assert (
        phone.locator(".photo-card").first.get_attribute("id") == f"photo-{second.pk}"
    )

    phone.get_by_role("button", name="Terbitkan produk").click()
    phone.wait_for_load_state()
    assert phone.get_by_text("Produk ini sudah terbit.").is_visible()
    product.refresh_from_db()
    assert product.status == Status.PUBLISHED
    assert list(product.photos.all()) == [second, first]

    main_image = phone.locator(".photo-card img").first
    main_image.scroll_into_view_if_needed()
    phone.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=main_image.element_handle()
    )
    # The second photo was taken sideways (EXIF 6): shown upright, so portrait.
    box = main_image.bounding_box()
    assert box["height"] > box["width"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "admin-product-photos")
