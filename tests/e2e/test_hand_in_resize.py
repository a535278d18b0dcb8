"""A big camera photo is made smaller on the phone before the hand-in is sent."""

import io
from pathlib import Path

import pillow_heif
import pytest
from django.conf import global_settings
from django.core.files.uploadhandler import FileUploadHandler
from django.urls import reverse
from PIL import Image

from members.roles import Role
from production.models import HandIn
from tests.catalog.factories import ProductFactory
from tests.e2e.conftest import log_in, screenshot
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = [(360, 740), (320, 640)]
BLUE = (20, 40, 200)
RED = (200, 30, 30)


@pytest.fixture(autouse=True)
def _kept_photos_in_tmp(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")


def camera_photo(width=4000, height=3000, orientation=6) -> bytes:
    """A phone photo stored sideways: top half red, bottom half blue, EXIF 6.

    Turned upright (90° clockwise) it is portrait, blue on the left, red right.
    """
    image = Image.new("RGB", (width, height), RED)
    image.paste(BLUE, (0, height // 2, width, height))
    exif = Image.Exif()
    exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=exif.tobytes())
    return buffer.getvalue()


def heic_photo(width=2400, height=1800) -> bytes:
    image = Image.new("RGB", (width, height), RED)
    image.paste(BLUE, (0, height // 2, width, height))
    buffer = io.BytesIO()
    pillow_heif.from_pillow(image).save(buffer, quality=60)
    return buffer.getvalue()


class RecordingUploadHandler(FileUploadHandler):
    """Notes each uploaded file's bytes as the server received them, then passes on."""

    received: list[tuple[str, bytes]] = []

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.chunks = []

    def receive_data_chunk(self, raw_data, start):
        self.chunks.append(raw_data)
        return raw_data

    def file_complete(self, file_size):
        self.received.append((self.file_name, b"".join(self.chunks)))


@pytest.fixture(autouse=True)
def received(settings):
    """The photos the server received, in order: (file name, bytes)."""
    settings.FILE_UPLOAD_HANDLERS = [
        f"{__name__}.RecordingUploadHandler",
        *global_settings.FILE_UPLOAD_HANDLERS,
    ]
    RecordingUploadHandler.received = []
    return RecordingUploadHandler.received


def hand_in_with(phone, product, files, *, quantity=None) -> list:
    """Fill the hand-in form with ``files`` and send it."""
    phone.goto(reverse("production:submit", args=[product.pk]))
    phone.set_input_files('input[name="photo"]', files)
    if quantity is not None:
        phone.locator('input[name="quantity"]').fill(quantity)
    phone.locator("form[data-hand-in] button[type=submit]").click()


def upright_portrait(data: bytes, *, long_edge: int) -> None:
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert image.getexif().get(0x0112, 1) == 1
    assert image.size == (long_edge * 3 // 4, long_edge)
    rgb = image.convert("RGB")
    left = rgb.getpixel((image.width // 8, image.height // 2))
    right = rgb.getpixel((image.width * 7 // 8, image.height // 2))
    assert left[2] > 150 > left[0], left  # blue
    assert right[0] > 150 > right[2], right  # red


@pytest.fixture
def member(role_groups):
    return MemberFactory(role=Role.MEMBER, username="sri")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_big_sideways_photo_is_sent_upright_and_at_most_2000_px(
    phone, member, received, width, height
):
    phone.set_viewport_size({"width": width, "height": height})
    product = ProductFactory(name="Tas Rajut Besar", stock=0)
    log_in(phone, member.user.username)
    phone.goto(reverse("production:submit-choose"))
    submit_url = reverse("production:submit", args=[product.pk])
    phone.locator(f'a.product-tile[href="{submit_url}"]').click()  # choosing
    phone.wait_for_url(f"**{submit_url}")
    original = camera_photo()

    taps = 0
    with phone.expect_file_chooser() as chooser:
        phone.locator("label.photo-button").click()
        taps += 1
    chooser.value.set_files(
        {"name": "IMG_4000.jpg", "mimeType": "image/jpeg", "buffer": original}
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= width
    phone.locator("form[data-hand-in] button[type=submit]").click()
    taps += 1
    phone.wait_for_url("**/produksi/setoran/*/")
    assert taps <= 3

    ((name, sent),) = received
    assert name == "IMG_4000.jpg"
    assert len(sent) < len(original)
    upright_portrait(sent, long_edge=2000)
    hand_in = HandIn.objects.get()
    assert hand_in.photo.width < hand_in.photo.height
    assert max(hand_in.photo.width, hand_in.photo.height) <= 2000
    screenshot(phone, f"hand-in-resized-done-{width}")


def test_a_photo_the_browser_cannot_decode_is_sent_unchanged(phone, member, received):
    product = ProductFactory(name="Dompet HEIC", stock=0)
    log_in(phone, member.user.username)
    original = heic_photo()
    hand_in_with(
        phone,
        product,
        {"name": "IMG_0001.HEIC", "mimeType": "image/heic", "buffer": original},
    )
    phone.wait_for_url("**/produksi/setoran/*/")
    ((_name, sent),) = received
    assert sent == original
    # The server turns it into a photo of its own all the same.
    assert HandIn.objects.get().photo.renditions


def test_without_canvas_the_original_is_sent_unchanged(phone, member, received):
    phone.add_init_script("delete HTMLCanvasElement.prototype.toBlob;")
    product = ProductFactory(name="Topi Tanpa Kanvas", stock=0)
    log_in(phone, member.user.username)
    original = camera_photo(2400, 1800)
    hand_in_with(
        phone,
        product,
        {"name": "IMG_2400.jpg", "mimeType": "image/jpeg", "buffer": original},
    )
    phone.wait_for_url("**/produksi/setoran/*/")
    ((_name, sent),) = received
    assert sent == original
    photo = HandIn.objects.get().photo
    # Upright all the same: the server applies the EXIF orientation.
    assert photo.width < photo.height


def test_a_small_photo_is_sent_as_it_is(phone, member, received):
    product = ProductFactory(name="Gantungan Kunci", stock=0)
    log_in(phone, member.user.username)
    original = camera_photo(1600, 1200)
    hand_in_with(
        phone,
        product,
        {"name": "IMG_1600.jpg", "mimeType": "image/jpeg", "buffer": original},
    )
    phone.wait_for_url("**/produksi/setoran/*/")
    ((_name, sent),) = received
    assert sent == original


@pytest.fixture
def quiet_phone(browser, live_server):
    """A 360 px phone that tolerates the 400 of a refused form."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
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


def test_a_refused_form_keeps_the_smaller_photo_and_hands_it_in(
    quiet_phone, member, settings, received
):
    phone = quiet_phone
    product = ProductFactory(name="Syal Panjang", stock=0)
    log_in(phone, member.user.username)
    hand_in_with(
        phone,
        product,
        {"name": "IMG_5.jpg", "mimeType": "image/jpeg", "buffer": camera_photo()},
        quantity="0",
    )
    phone.wait_for_selector('input[name="kept_photo"]', state="attached")
    assert "IMG_5.jpg" in phone.locator("#photo-chosen").inner_text()
    upright_portrait(received[0][1], long_edge=2000)
    kept = list((Path(settings.FILE_UPLOAD_TEMP_DIR)).rglob("*.jpg"))
    assert len(kept) == 1

    phone.locator('input[name="quantity"]').fill("2")
    phone.locator("form[data-hand-in] button[type=submit]").click()
    phone.wait_for_url("**/produksi/setoran/*/")
    photo = HandIn.objects.get().photo
    assert (photo.width, photo.height) == (1500, 2000)


def test_a_tap_on_setor_while_the_photo_is_made_smaller_waits_for_it(
    phone, member, received
):
    # The photo is still being drawn when Setor is tapped: the form is sent
    # once, with the smaller photo, and shows it is sending meanwhile.
    product = ProductFactory(name="Sepatu Rajut", stock=0)
    log_in(phone, member.user.username)
    phone.goto(reverse("production:submit", args=[product.pk]))
    phone.set_input_files(
        'input[name="photo"]',
        {"name": "IMG_7.jpg", "mimeType": "image/jpeg", "buffer": camera_photo()},
    )
    phone.evaluate(
        """() => {
            const form = document.querySelector('form[data-hand-in]');
            const button = form.querySelector('button[type=submit]');
            button.click();
            button.click();
            window.__sending = !!button.querySelector('.spinner-border');
        }"""
    )
    assert phone.evaluate("window.__sending")
    phone.wait_for_url("**/produksi/setoran/*/")
    assert len(received) == 1
    upright_portrait(received[0][1], long_edge=2000)
    assert HandIn.objects.count() == 1
