"""The photo page and services: what is stored, what is refused, what is removed."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from PIL import Image

from catalog.models import ProductPhoto, Status
from catalog.services import (
    photo_delete,
    photo_make_main,
    photo_move,
    product_set_status,
)
from core.photos import SHARE_QUALITY
from members.roles import Role
from tests.catalog.factories import ProductFactory, add_photo, jpeg_bytes
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file())


@pytest.fixture
def admin_client(client):
    client.force_login(MemberFactory(role=Role.ADMIN).user)
    return client


@pytest.fixture
def product():
    return ProductFactory(stock=3)


def upload(client, product, *files, alt_text="Tas merah tampak depan", **extra):
    return client.post(
        reverse("catalog:product-photos", args=[product.pk]),
        {"photos": list(files), "alt_text": alt_text},
        **extra,
    )


def test_uploaded_photo_is_stored_under_a_random_name_with_renditions(
    admin_client, product, _media_root
):
    response = upload(
        admin_client,
        product,
        SimpleUploadedFile("../../etc/rumah bu sri.jpg", jpeg_bytes(1600, 1200)),
    )
    assert response.status_code == 302
    photo = ProductPhoto.objects.get(product=product)
    assert photo.alt_text == "Tas merah tampak depan"
    names = photo.file_names()
    assert all("rumah" not in name and ".." not in name for name in names)
    assert {(r["kind"], r["width"]) for r in photo.renditions} == {
        ("webp", 320),
        ("webp", 640),
        ("webp", 1280),
        ("jpeg", 640),
        ("share", 1200),
    }
    assert len(stored_files(_media_root)) == 6


def _quantization(quality: int) -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16)).save(buffer, "JPEG", quality=quality)
    return Image.open(buffer).quantization


def test_catalog_photo_keeps_a_1200_px_progressive_share_jpeg(admin_client, product):
    upload(admin_client, product, SimpleUploadedFile("a.jpg", jpeg_bytes(1600, 1200)))
    share = ProductPhoto.objects.get(product=product).rendition("share")
    assert (share["width"], share["height"]) == (1200, 900)
    assert share["name"].startswith("catalog/photos/")
    with default_storage.open(share["name"]) as stored:
        image = Image.open(stored)
        image.load()
    assert (image.format, image.size, image.mode) == ("JPEG", (1200, 900), "RGB")
    assert image.info.get("progressive") == 1
    assert image.quantization == _quantization(SHARE_QUALITY) == _quantization(82)
    assert not image.getexif()


def test_small_catalog_photo_keeps_its_own_width_for_the_share_jpeg(
    product, _media_root, django_capture_on_commit_callbacks
):
    # 500 px: the fallback JPEG and the share JPEG are both 500 px wide.
    photo = add_photo(product, width=500, height=400)
    jpeg, share = photo.rendition("jpeg"), photo.rendition("share")
    assert (jpeg["width"], jpeg["height"]) == (share["width"], share["height"])
    assert (share["width"], share["height"]) == (500, 400)
    names = photo.file_names()
    assert len(names) == len(set(names)) == 5
    assert len(stored_files(_media_root)) == 5
    with django_capture_on_commit_callbacks(execute=True):
        photo_delete(photo=photo)
    assert stored_files(_media_root) == []


def test_photo_img_offers_webp_and_the_fallback_never_the_share_jpeg(product):
    photo = add_photo(product)
    html = Template("{% load core_tags %}{% photo_img photo %}").render(
        Context({"photo": photo})
    )
    assert default_storage.url(photo.rendition("jpeg")["name"]) in html
    assert default_storage.url(photo.rendition("webp")["name"]) in html
    assert default_storage.url(photo.rendition("share")["name"]) not in html


def test_several_photos_upload_at_once_in_order(admin_client, product):
    upload(
        admin_client,
        product,
        SimpleUploadedFile("a.jpg", jpeg_bytes(colour=(200, 0, 0))),
        SimpleUploadedFile("b.jpg", jpeg_bytes(colour=(0, 0, 200))),
    )
    assert list(product.photos.values_list("position", flat=True)) == [0, 1]


def _gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (40, 40)).save(buffer, "GIF")
    return buffer.getvalue()


REFUSED = [
    ("catatan.jpg", b"ini bukan foto, hanya teks", "bukan foto"),
    ("animasi.jpg", _gif(), "sebenarnya gambar GIF"),
    ("terpotong.jpg", jpeg_bytes(1200, 900)[:4000], "rusak atau tidak lengkap"),
    (
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        "SVG tidak diterima",
    ),
    ("kosong.jpg", b"", "kosong"),
]


@pytest.mark.parametrize(("name", "data", "message"), REFUSED)
def test_refused_upload_says_why_keeps_the_text_and_stores_nothing(
    admin_client, product, _media_root, name, data, message
):
    response = upload(admin_client, product, SimpleUploadedFile(name, data))
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert 'value="Tas merah tampak depan"' in page
    assert not ProductPhoto.objects.exists()
    assert stored_files(_media_root) == []


def test_too_large_upload_is_refused_before_decoding(
    admin_client, product, _media_root
):
    big = SimpleUploadedFile("besar.jpg", jpeg_bytes() + bytes(21 * 1024 * 1024))
    response = upload(admin_client, product, big)
    assert response.status_code == 400
    assert "paling besar 20 MB" in response.content.decode()
    assert stored_files(_media_root) == []


def test_too_many_pixels_are_refused(admin_client, product, _media_root):
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, "PNG")
    response = upload(
        admin_client, product, SimpleUploadedFile("besar.png", buffer.getvalue())
    )
    assert response.status_code == 400
    assert "megapiksel" in response.content.decode()
    assert stored_files(_media_root) == []


def test_one_bad_file_does_not_stop_the_good_one(admin_client, product):
    response = upload(
        admin_client,
        product,
        SimpleUploadedFile("bagus.jpg", jpeg_bytes()),
        SimpleUploadedFile("catatan.jpg", b"bukan foto"),
    )
    assert response.status_code == 400
    assert "catatan.jpg" in response.content.decode()
    assert product.photos.count() == 1


def test_upload_without_a_file_asks_for_one(admin_client, product):
    response = admin_client.post(
        reverse("catalog:product-photos", args=[product.pk]), {"alt_text": "x"}
    )
    assert response.status_code == 400
    assert "Bidang ini tidak boleh kosong" in response.content.decode()


def test_script_upload_answers_with_the_new_photo_card(admin_client, product):
    response = upload(
        admin_client,
        product,
        SimpleUploadedFile("a.jpg", jpeg_bytes()),
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    answer = response.json()
    assert answer["ok"] is True
    photo = product.photos.get()
    assert f'id="photo-{photo.pk}"' in answer["html"]
    assert "srcset=" in answer["html"]


def test_script_upload_of_a_bad_file_answers_with_the_reason(admin_client, product):
    response = upload(
        admin_client,
        product,
        SimpleUploadedFile("catatan.jpg", b"bukan foto"),
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 400
    assert "bukan foto" in response.json()["error"]
    assert not product.photos.exists()


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_only_admins_open_the_photo_page(client, product, role):
    client.force_login(MemberFactory(role=role).user)
    response = client.get(reverse("catalog:product-photos", args=[product.pk]))
    assert response.status_code == 403


def test_deleting_a_photo_removes_its_files(
    product, _media_root, django_capture_on_commit_callbacks
):
    photo = add_photo(product)
    # 800 px: original, WebP at 320, 640 and 800, JPEG at 640, share JPEG at 800.
    assert len(stored_files(_media_root)) == 6
    with django_capture_on_commit_callbacks(execute=True):
        photo_delete(photo=photo)
    assert stored_files(_media_root) == []


def test_deleting_a_product_removes_its_photo_files(
    _media_root, django_capture_on_commit_callbacks
):
    # Without stock history: a product with stock movements is archived instead.
    product = ProductFactory()
    add_photo(product)
    add_photo(product)
    assert len(stored_files(_media_root)) == 12
    with django_capture_on_commit_callbacks(execute=True):
        product.delete()
    assert stored_files(_media_root) == []


def test_delete_button_on_the_photo_page_removes_the_photo(
    admin_client, product, django_capture_on_commit_callbacks
):
    first, second = add_photo(product), add_photo(product)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("catalog:photo-action", args=[first.pk, "delete"]))
    second.refresh_from_db()
    assert list(product.photos.all()) == [second]
    assert second.position == 0


def test_make_main_moves_the_photo_first(product):
    first, second, third = (add_photo(product) for _ in range(3))
    photo_make_main(photo=third)
    assert list(product.photos.all()) == [third, first, second]


def test_moving_photos_up_and_down_keeps_positions_dense(product):
    first, second, third = (add_photo(product) for _ in range(3))
    photo_move(photo=first, offset=1)
    assert list(product.photos.all()) == [second, first, third]
    photo_move(photo=third, offset=-1)
    assert list(product.photos.all()) == [second, third, first]
    photo_move(photo=second, offset=-1)  # already first: stays
    assert list(product.photos.values_list("position", flat=True)) == [0, 1, 2]


def test_unknown_photo_action_is_not_found(admin_client, product):
    photo = add_photo(product)
    response = admin_client.post(reverse("catalog:photo-action", args=[photo.pk, "x"]))
    assert response.status_code == 404


def test_alt_text_is_saved_from_the_photo_page(admin_client, product):
    photo = add_photo(product, alt_text="")
    admin_client.post(
        reverse("catalog:photo-action", args=[photo.pk, "alt"]),
        {"alt_text": "  Dompet ungu, tampak depan "},
    )
    photo.refresh_from_db()
    assert photo.alt_text == "Dompet ungu, tampak depan"


def test_product_without_a_described_photo_cannot_be_published(product):
    add_photo(product, alt_text="")
    with pytest.raises(ValidationError):
        product_set_status(product=product, status=Status.PUBLISHED)
    product.refresh_from_db()
    assert product.status == Status.DRAFT


def test_product_with_a_described_photo_is_published_from_the_photo_page(
    admin_client, product
):
    add_photo(product, alt_text="Tas rajut merah")
    response = admin_client.post(
        reverse("catalog:product-status", args=[product.pk]),
        {"status": "published", "next": product.get_photos_url()},
        follow=True,
    )
    product.refresh_from_db()
    assert product.status == Status.PUBLISHED
    assert "Produk ini sudah terbit." in response.content.decode()


def test_publishing_without_photo_shows_the_reason_and_changes_nothing(
    admin_client, product
):
    response = admin_client.post(
        reverse("catalog:product-status", args=[product.pk]),
        {"status": "published", "next": "https://evil.example/"},
        follow=True,
    )
    product.refresh_from_db()
    assert product.status == Status.DRAFT
    assert "perlu minimal satu foto dengan keterangan" in response.content.decode()
    # An outside "next" is ignored.
    assert response.redirect_chain[-1][0] == product.get_absolute_url()


def test_heic_photo_from_an_iphone_is_accepted(admin_client, product):
    import pillow_heif

    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (90, 60, 140)).save(buffer, format="HEIF")
    response = upload(
        admin_client, product, SimpleUploadedFile("IMG_0001.HEIC", buffer.getvalue())
    )
    assert response.status_code == 302
    photo = product.photos.get()
    assert photo.original.name.endswith(".jpg")
    assert {r["kind"] for r in photo.renditions} == {"webp", "jpeg", "share"}
    assert photo.rendition("share")["width"] == 1200


def test_photo_inline_offers_only_this_products_variants(admin_client, product):
    other = ProductFactory(stock=1)
    add_photo(product)
    page = admin_client.get(
        reverse("admin:catalog_product_change", args=[product.pk])
    ).content.decode()
    select = re.search(r'<select name="photos-0-variant".*?</select>', page, re.S)
    options = set(re.findall(r'<option value="(\d+)"', select.group(0)))
    assert options == {str(product.variants.get().pk)}
    assert str(other.variants.get().pk) not in options
