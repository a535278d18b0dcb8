"""Handing in on a phone: the photo control, a kept photo, marks, "Setor lagi"."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from catalog.models import Status
from core.photos import PHOTO_ACCEPT
from members.roles import Role
from production.models import HandIn
from tests.catalog.factories import ProductFactory, add_variant, jpeg_bytes
from tests.conftest import with_token
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kept_photos_in_tmp(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")


def kept_files(settings):
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR) / "hirarajut-kept-photos"
    return sorted(p for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def member():
    return MemberFactory(role=Role.MEMBER)


@pytest.fixture
def member_client(client, member):
    client.force_login(member.user)
    return client


@pytest.fixture
def product():
    return ProductFactory(name="Tas Marun Sendiri", stock=0)


def photo_upload(name="IMG_0001.jpg"):
    return SimpleUploadedFile(name, jpeg_bytes(320, 240), "image/jpeg")


def url_of(product):
    return reverse("production:submit", args=[product.pk])


def data_for(product, **overrides):
    data = {
        "variant": product.variants.get().pk,
        "quantity": "2",
        "made_on": timezone.localdate().isoformat(),
        "note": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def kept_token(response) -> str:
    match = re.search(r'name="kept_photo" value="([^"]+)"', response.content.decode())
    assert match, "the refused form carries no kept photo"
    return match.group(1)


# The photo control ----------------------------------------------------------


def test_photo_control_is_a_big_camera_button_for_the_real_input(
    member_client, product
):
    page = member_client.get(url_of(product)).content.decode()
    file_input = re.search(r'<input type="file"[^>]*>', page).group(0)
    assert f'accept="{PHOTO_ACCEPT}"' in file_input
    # No capture: she may pick a photo taken earlier from the gallery.
    assert "capture" not in file_input
    assert "data-resize" in file_input
    assert 'id="id_photo"' in file_input
    label = re.search(r'<label for="id_photo"[^>]*>', page).group(0)
    assert "btn" in label
    assert "📷" in page[page.index(label) :][:200]


def test_the_submit_button_says_what_it_shows_while_sending(member_client, product):
    page = member_client.get(url_of(product)).content.decode()
    assert re.search(r'<button type="submit"[^>]*data-sending="[^"]+"', page)
    assert "js/production.js" in page
    assert "js/photo-resize.js" in page


LABEL = r'<(?:label|span)[^>]*\b(?:for|id)="(id_\w+|photo-title)"[^>]*>([^<]*)'


def test_required_fields_carry_no_mark_and_optional_ones_say_so(member_client, product):
    from django.contrib.staticfiles import finders

    add_variant(product, option1="Biru")
    page = member_client.get(url_of(product)).content.decode()
    form = page[page.index("hand-in-form") :]
    labels = {name: text.strip() for name, text in re.findall(LABEL, form)}
    optional = ("(optional)", "(tidak wajib)")
    for name in ("photo-title", "id_note"):
        assert any(mark in labels[name] for mark in optional), labels[name]
    for name in ("id_variant", "id_quantity", "id_made_on"):
        assert not any(mark in labels[name] for mark in optional), labels[name]
    # crispy marks required fields with an asterisk; this form hides them all.
    css = Path(finders.find("css/portal.css")).read_text(encoding="utf-8")
    assert ".hand-in-form .asteriskField { display: none; }" in css


# A validation error keeps the photo -------------------------------------------


def test_refused_form_keeps_a_valid_photo_and_says_so(member_client, product):
    response = member_client.post(
        url_of(product),
        with_token(data_for(product, quantity="0", photo=photo_upload("IMG_77.jpg"))),
    )
    assert response.status_code == 400
    assert not HandIn.objects.exists()
    assert kept_token(response)
    assert "IMG_77.jpg" in response.content.decode()


def test_resubmit_with_the_kept_photo_hands_in_with_that_photo(
    member_client, product, settings, django_capture_on_commit_callbacks
):
    refused = member_client.post(
        url_of(product),
        with_token(data_for(product, quantity="0", photo=photo_upload())),
    )
    assert len(kept_files(settings)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            url_of(product),
            with_token(data_for(product, kept_photo=kept_token(refused))),
        )
    assert response.status_code == 302
    hand_in = HandIn.objects.get()
    assert hand_in.photo.renditions
    # Once used, the kept copy goes: the stored photo is the hand-in's own.
    assert kept_files(settings) == []


def test_a_new_photo_on_resubmit_wins_over_the_kept_one(member_client, product):
    refused = member_client.post(
        url_of(product),
        with_token(data_for(product, quantity="0", photo=photo_upload())),
    )
    member_client.post(
        url_of(product),
        with_token(
            data_for(product, kept_photo=kept_token(refused), photo=photo_upload())
        ),
    )
    assert HandIn.objects.get().photo.renditions


def test_refused_twice_keeps_one_photo_only(member_client, product, settings):
    first = member_client.post(
        url_of(product),
        with_token(data_for(product, quantity="0", photo=photo_upload())),
    )
    second = member_client.post(
        url_of(product),
        with_token(
            data_for(
                product,
                quantity="0",
                kept_photo=kept_token(first),
                photo=photo_upload(),
            )
        ),
    )
    assert kept_token(second) != kept_token(first)
    assert len(kept_files(settings)) == 1


def test_refused_again_without_a_new_photo_keeps_the_same_one(
    member_client, product, settings
):
    first = member_client.post(
        url_of(product),
        with_token(data_for(product, quantity="0", photo=photo_upload())),
    )
    second = member_client.post(
        url_of(product),
        with_token(data_for(product, quantity="", kept_photo=kept_token(first))),
    )
    assert kept_token(second) == kept_token(first)
    assert len(kept_files(settings)) == 1


def test_a_tampered_kept_reference_asks_for_the_photo_again(member_client, product):
    response = member_client.post(
        url_of(product),
        with_token(data_for(product, kept_photo="../../etc/passwd:abc")),
    )
    assert response.status_code == 400
    assert not HandIn.objects.exists()
    assert 'name="kept_photo"' not in response.content.decode()


def test_a_kept_photo_gone_meanwhile_is_not_silently_dropped(
    member_client, product, settings
):
    refused = member_client.post(
        url_of(product),
        with_token(data_for(product, quantity="0", photo=photo_upload())),
    )
    for path in kept_files(settings):
        path.unlink()
    response = member_client.post(
        url_of(product),
        with_token(data_for(product, kept_photo=kept_token(refused))),
    )
    assert response.status_code == 400
    assert not HandIn.objects.exists()


def test_another_members_kept_photo_cannot_be_used(client, product):
    sri = MemberFactory(role=Role.MEMBER)
    client.force_login(sri.user)
    refused = client.post(
        url_of(product),
        with_token(data_for(product, quantity="0", photo=photo_upload())),
    )
    token = kept_token(refused)
    other = MemberFactory(role=Role.MEMBER)
    client.force_login(other.user)
    response = client.post(
        url_of(product), with_token(data_for(product, kept_photo=token))
    )
    assert response.status_code == 400
    assert not HandIn.objects.exists()


def test_a_photo_that_is_not_an_image_is_refused_and_not_kept(
    member_client, product, settings
):
    bad = SimpleUploadedFile("foto.jpg", b"not an image at all", "image/jpeg")
    response = member_client.post(
        url_of(product), with_token(data_for(product, quantity="0", photo=bad))
    )
    assert response.status_code == 400
    assert 'name="kept_photo"' not in response.content.decode()
    assert kept_files(settings) == []
    assert "is-invalid" in response.content.decode()


def test_kept_photos_older_than_a_day_are_swept(member_client, product, settings):
    import os
    import time

    member_client.post(
        url_of(product),
        with_token(data_for(product, quantity="0", photo=photo_upload())),
    )
    (old,) = kept_files(settings)
    day_ago = time.time() - 25 * 60 * 60
    os.utime(old, (day_ago, day_ago))
    member_client.post(
        url_of(product),
        with_token(data_for(product, quantity="0", photo=photo_upload())),
    )
    files = kept_files(settings)
    assert old not in files
    assert len(files) == 1


# "Setor lagi" -----------------------------------------------------------------


def test_after_a_hand_in_hand_in_again_offers_the_same_product(
    member_client, member, product
):
    hand_in = make_hand_in(member=member, product=product)
    page = member_client.get(hand_in.get_absolute_url()).content.decode()
    link = re.search(r'<a class="[^"]*hand-in-again[^"]*" href="([^"]+)"', page)
    assert link.group(1) == url_of(product)


def test_hand_in_again_is_not_offered_for_an_archived_product(
    member_client, member, product
):
    hand_in = make_hand_in(member=member, product=product)
    product.status = Status.ARCHIVED
    product.save(update_fields=["status"])
    page = member_client.get(hand_in.get_absolute_url()).content.decode()
    assert "hand-in-again" not in page


def test_admin_looking_at_a_hand_in_is_not_offered_to_hand_it_in(client, product):
    hand_in = make_hand_in(product=product)
    client.force_login(MemberFactory(role=Role.ADMIN).user)
    page = client.get(hand_in.get_absolute_url()).content.decode()
    assert "hand-in-again" not in page
