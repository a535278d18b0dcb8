"""The server stays the authority over a hand-in photo, made smaller or not."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from members.roles import Role
from production.models import HandIn
from tests.catalog.factories import ProductFactory
from tests.conftest import with_token
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def sideways_camera_photo(width=4000, height=3000) -> bytes:
    """As an old phone sends it, not made smaller: landscape pixels, EXIF 6."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80, exif=exif.tobytes())
    return buffer.getvalue()


def test_a_photo_sent_as_the_camera_took_it_is_stored_upright_and_smaller(client):
    member = MemberFactory(role=Role.MEMBER)
    client.force_login(member.user)
    product = ProductFactory(stock=0)
    photo = SimpleUploadedFile("IMG_1.jpg", sideways_camera_photo(), "image/jpeg")
    response = client.post(
        reverse("production:submit", args=[product.pk]),
        with_token(
            {
                "variant": product.variants.get().pk,
                "quantity": "1",
                "made_on": timezone.localdate().isoformat(),
                "photo": photo,
            }
        ),
    )
    assert response.status_code == 302
    stored = HandIn.objects.get().photo
    assert (stored.width, stored.height) == (1500, 2000)
    with stored.original.open() as original:
        assert Image.open(original).getexif().get(0x0112) is None
