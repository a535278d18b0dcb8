"""A receipt photo keeps WebP and the fallback JPEG, never the shop's share JPEG."""

import io

import pytest
from django.utils import timezone

from members.roles import Role
from sales.models import Expense
from sales.services import expense_record
from tests.catalog.factories import jpeg_bytes
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file())


def test_a_big_receipt_photo_keeps_no_share_jpeg(_media_root):
    # 1600 px: wide enough for a 1200 px share JPEG, which only catalog photos keep.
    expense = expense_record(
        date=timezone.localdate(),
        category="yarn",
        amount=250_000,
        recorded_by=MemberFactory(role=Role.ADMIN).user,
        note="Benang katun",
        receipt=io.BytesIO(jpeg_bytes(1600, 1200)),
    )
    receipt = Expense.objects.get(pk=expense.pk).receipt
    assert [(r["kind"], r["width"]) for r in receipt.renditions] == [
        ("jpeg", 640),
        ("webp", 320),
        ("webp", 640),
        ("webp", 1280),
    ]
    assert receipt.rendition("share") is None
    on_disk = [str(p.relative_to(_media_root)) for p in stored_files(_media_root)]
    assert sorted(on_disk) == sorted(receipt.file_names())
    assert len(on_disk) == 5
