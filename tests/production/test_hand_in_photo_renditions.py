"""A hand-in's photo keeps WebP and the fallback JPEG, never the shop's share JPEG."""

import io

import pytest

from production.models import HandIn
from tests.catalog.factories import jpeg_bytes
from tests.production.factories import make_hand_in

pytestmark = pytest.mark.django_db


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file())


def test_a_big_hand_in_photo_keeps_no_share_jpeg(_media_root):
    # 1600 px: wide enough for a 1200 px share JPEG, which only catalog photos keep.
    hand_in = make_hand_in(photo=io.BytesIO(jpeg_bytes(1600, 1200)))
    photo = HandIn.objects.get(pk=hand_in.pk).photo
    assert [(r["kind"], r["width"]) for r in photo.renditions] == [
        ("jpeg", 640),
        ("webp", 320),
        ("webp", 640),
        ("webp", 1280),
    ]
    assert photo.rendition("share") is None
    on_disk = [str(p.relative_to(_media_root)) for p in stored_files(_media_root)]
    assert sorted(on_disk) == sorted(photo.file_names())
    assert len(on_disk) == 5
