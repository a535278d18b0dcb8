"""seed_demo's export papers: four shipments in four states and a realisation table."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from exports.models import (
    Buyer,
    DocumentKind,
    RealisationImport,
    RealisationRow,
    Shipment,
    ShipmentDocument,
    ShipmentLine,
    SkaStatus,
    SkaStatusChange,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo")


def _counts():
    return [
        model.objects.count()
        for model in (
            Buyer,
            Shipment,
            ShipmentLine,
            ShipmentDocument,
            SkaStatusChange,
            RealisationImport,
            RealisationRow,
        )
    ]


def test_seed_demo_creates_a_shipment_in_each_state(seeded):
    statuses = sorted(Shipment.objects.values_list("ska__status", flat=True))
    assert statuses == sorted(
        [SkaStatus.DRAFT, SkaStatus.READY, SkaStatus.SUBMITTED, SkaStatus.ISSUED]
    )
    assert sorted(Buyer.objects.values_list("country", flat=True)) == [
        "JP",
        "MY",
        "NL",
    ]


def test_the_submitted_and_issued_shipments_carry_their_numbers(seeded):
    submitted = Shipment.objects.get(ska__status=SkaStatus.SUBMITTED).ska
    issued = Shipment.objects.get(ska__status=SkaStatus.ISSUED).ska
    assert submitted.eska_reference
    assert not submitted.ska_number
    assert issued.eska_reference and issued.ska_number and issued.ska_date
    moves = list(issued.history.values_list("from_status", "to_status"))
    assert moves == [
        (SkaStatus.DRAFT, SkaStatus.READY),
        (SkaStatus.READY, SkaStatus.SUBMITTED),
        (SkaStatus.SUBMITTED, SkaStatus.VERIFIED),
        (SkaStatus.VERIFIED, SkaStatus.ISSUED),
    ]
    submitted_at = issued.history.get(to_status=SkaStatus.SUBMITTED).changed_at
    assert submitted_at.date() <= issued.ska_date


def test_the_draft_lacks_its_peb_file_and_has_a_short_hs_code(seeded):
    draft = Shipment.objects.get(ska__status=SkaStatus.DRAFT)
    kinds = set(draft.documents.values_list("kind", flat=True))
    assert set(DocumentKind.values) - kinds == {DocumentKind.PEB}
    bad = [line for line in draft.lines.all() if len(line.hs_code) != 8]
    assert len(bad) == 1
    assert bad[0].hs_code != bad[0].product.hs_code


def test_the_ready_shipment_has_every_paper_and_matching_totals(seeded):
    ready = Shipment.objects.get(ska__status=SkaStatus.READY)
    lines = list(ready.lines.all())
    assert set(ready.documents.values_list("kind", flat=True)) == set(
        DocumentKind.values
    )
    assert ready.invoice_total_usd == sum(line.fob_usd for line in lines)
    for line in lines:
        assert line.hs_code == line.product.hs_code and len(line.hs_code) == 8
        assert line.packed_quantity == line.quantity
        assert line.net_kg <= line.gross_kg
    assert ready.invoice_date <= ready.peb_date <= ready.transport_doc_date


def test_demo_documents_are_small_pdfs_outside_the_public_media(seeded, settings):
    for document in ShipmentDocument.objects.all():
        path = settings.PRIVATE_ROOT / document.file
        content = path.read_bytes()
        assert content.startswith(b"%PDF-")
        assert b"%%EOF" in content[-32:]
        assert len(content) == document.size < 2048
        assert not (settings.MEDIA_ROOT / document.file).exists()


def test_demo_products_on_the_shipments_have_8_digit_hs_codes(seeded):
    for line in ShipmentLine.objects.select_related("product"):
        assert len(line.product.hs_code) == 8 and line.product.hs_code.isdigit()


def test_seed_demo_imports_five_realisation_rows_of_2025(seeded):
    batch = RealisationImport.objects.get()
    rows = list(batch.rows.order_by("line_number"))
    assert batch.year == 2025
    # Five rows of the table; its totals row is checked, not stored.
    assert len(rows) == 5
    assert {row.year for row in rows} == {2025}
    assert sum(row.value_usd for row in rows) == Decimal("373636.58")
    assert rows[1].destinations == ["US", "JP"]


def test_seed_demo_twice_adds_no_export_rows(seeded):
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first
    assert first[1] == 4
