"""Papers of the checklist: PDFs and photos by content, kept out of public media."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import Image

from core.files import (
    DocumentRejected,
    check_document,
    private_storage,
)
from exports.models import DocumentKind, ShipmentDocument, SkaStatus
from exports.services import document_store, ska_mark_ready
from tests.exports.factories import (
    admin_user,
    clean_shipment,
    jpeg_bytes,
    make_shipment,
    pdf_bytes,
    upload,
)

pytestmark = pytest.mark.django_db

TEN_MB = 10 * 1024 * 1024


@pytest.fixture
def admin():
    return admin_user()


@pytest.fixture
def shipment(admin):
    return make_shipment(by=admin)


def files_under(root) -> list:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def store(shipment, by, name, data, kind=DocumentKind.INVOICE, content_type=None):
    return document_store(
        shipment=shipment,
        kind=kind,
        upload=upload(name, data, content_type or "application/pdf"),
        by=by,
    )


def test_a_pdf_is_kept_privately_under_a_random_name(shipment, admin, settings):
    data = pdf_bytes("Invoice INV/HR/0001")
    document = store(shipment, admin, "Invoice Kaori.pdf", data)
    saved = ShipmentDocument.objects.get(pk=document.pk)
    assert (saved.kind, saved.content_type, saved.size, saved.uploaded_by) == (
        DocumentKind.INVOICE,
        "application/pdf",
        len(data),
        admin,
    )
    assert saved.original_name == "Invoice Kaori.pdf"
    assert "Kaori" not in saved.file
    assert saved.file.endswith(".pdf")
    assert files_under(settings.PRIVATE_ROOT) == [settings.PRIVATE_ROOT / saved.file]
    assert files_under(settings.MEDIA_ROOT) == []
    with private_storage().open(saved.file) as stored:
        assert stored.read() == data


def test_two_uploads_of_the_same_name_do_not_share_a_file(admin, settings):
    first = store(make_shipment(by=admin), admin, "invoice.pdf", pdf_bytes("a"))
    second = store(make_shipment(by=admin), admin, "invoice.pdf", pdf_bytes("b"))
    assert first.file != second.file
    assert len(files_under(settings.PRIVATE_ROOT)) == 2


def test_a_jpeg_photo_of_a_paper_is_kept_without_its_gps(shipment, admin, settings):
    exif = Image.Exif()
    exif[0x010F] = "Samsung"
    exif.get_ifd(0x8825).update({1: "S", 2: (7.0, 20.0, 0.0)})
    data = jpeg_bytes(exif=exif)
    assert b"GPS" in data or Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)
    document = store(
        shipment, admin, "nib.jpg", data, DocumentKind.NIB, content_type="image/jpeg"
    )
    assert document.content_type == "image/jpeg"
    assert document.file.endswith(".jpg")
    with private_storage().open(document.file) as stored:
        kept = stored.read()
    image = Image.open(io.BytesIO(kept))
    assert image.format == "JPEG"
    assert image.size == (640, 480)
    assert not image.getexif().get_ifd(0x8825)
    assert b"Samsung" not in kept
    assert files_under(settings.MEDIA_ROOT) == []


def test_a_png_scan_stays_a_png(shipment, admin):
    buffer = io.BytesIO()
    Image.new("L", (300, 400), 255).save(buffer, "PNG")
    document = store(shipment, admin, "npwp.png", buffer.getvalue(), DocumentKind.NPWP)
    assert (document.content_type, document.file[-4:]) == ("image/png", ".png")


def test_check_document_tells_a_pdf_from_a_photo():
    assert check_document(io.BytesIO(pdf_bytes())) == "pdf"
    assert check_document(io.BytesIO(jpeg_bytes())) == "image"


def test_a_new_upload_replaces_the_earlier_paper_of_its_kind(
    shipment, admin, settings, django_capture_on_commit_callbacks
):
    first = store(shipment, admin, "invoice-lama.pdf", pdf_bytes("old"))
    old_path = settings.PRIVATE_ROOT / first.file
    with django_capture_on_commit_callbacks(execute=True):
        second = store(shipment, admin, "invoice-baru.pdf", pdf_bytes("new"))
    assert second.pk == first.pk
    assert ShipmentDocument.objects.filter(shipment=shipment).count() == 1
    saved = ShipmentDocument.objects.get(pk=first.pk)
    assert saved.original_name == "invoice-baru.pdf"
    assert saved.uploaded_at >= first.uploaded_at
    assert not old_path.exists()
    assert files_under(settings.PRIVATE_ROOT) == [settings.PRIVATE_ROOT / saved.file]


def test_the_earlier_paper_stays_until_the_replacement_is_committed(
    shipment, admin, settings, django_capture_on_commit_callbacks
):
    first = store(shipment, admin, "invoice-lama.pdf", pdf_bytes("old"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        store(shipment, admin, "invoice-baru.pdf", pdf_bytes("new"))
    assert (settings.PRIVATE_ROOT / first.file).exists()
    assert len(callbacks) == 1


def test_a_bad_replacement_keeps_the_earlier_paper(shipment, admin, settings):
    first = store(shipment, admin, "invoice.pdf", pdf_bytes("old"))
    with pytest.raises(DocumentRejected):
        store(shipment, admin, "invoice.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    saved = ShipmentDocument.objects.get(pk=first.pk)
    assert (saved.file, saved.original_name) == (first.file, "invoice.pdf")
    assert files_under(settings.PRIVATE_ROOT) == [settings.PRIVATE_ROOT / first.file]


def test_a_file_stored_before_the_database_fails_is_removed(shipment, settings):
    unsaved = User(username="belum-disimpan")
    with pytest.raises(ValueError):
        store(shipment, unsaved, "invoice.pdf", pdf_bytes())
    assert files_under(settings.PRIVATE_ROOT) == []
    assert not ShipmentDocument.objects.exists()


def test_an_unknown_kind_of_paper_is_refused(shipment, admin, settings):
    with pytest.raises(ValidationError) as refused:
        store(shipment, admin, "a.pdf", pdf_bytes(), kind="passport")
    assert refused.value.code == "bad_kind"
    assert files_under(settings.PRIVATE_ROOT) == []


def test_a_paper_for_a_ready_shipment_takes_it_back_to_draft(admin):
    shipment = clean_shipment(by=admin)
    ska_mark_ready(application=shipment.ska, by=admin)
    store(shipment, admin, "invoice-2.pdf", pdf_bytes("v2"))
    shipment.ska.refresh_from_db()
    assert shipment.ska.status == SkaStatus.DRAFT


def _html() -> bytes:
    return b"<!DOCTYPE html><html><body><h1>Invoice</h1></body></html>"


def _svg() -> bytes:
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
        b'width="10" height="10"><script>alert(1)</script></svg>'
    )


def _too_big() -> bytes:
    pdf = pdf_bytes()
    return pdf[:-6] + b" " * (TEN_MB + 1 - len(pdf)) + b"%%EOF\n"


def _gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (1, 2, 3)).save(buffer, "GIF")
    return buffer.getvalue()


REFUSED = {
    "executable renamed .pdf": (
        "invoice.pdf",
        lambda: b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 500 + b"This program",
        "program",
        "This file is a program, whatever its name says, not a PDF or a photo.",
    ),
    "Linux program renamed .jpg": (
        "nib.jpg",
        lambda: b"\x7fELF\x02\x01\x01" + b"\x00" * 300,
        "program",
        "This file is a program, whatever its name says, not a PDF or a photo.",
    ),
    "empty file": ("invoice.pdf", lambda: b"", "empty", "The file is empty."),
    "over 10 MB": (
        "invoice.pdf",
        _too_big,
        "too_large",
        "The file is too large (10.1 MB); at most 10 MB.",
    ),
    "truncated PDF": (
        "invoice.pdf",
        lambda: pdf_bytes()[:300],
        "pdf_truncated",
        "The PDF is incomplete (the file was cut off or is damaged)",
    ),
    "HTML renamed .pdf": (
        "invoice.pdf",
        _html,
        "not_a_document",
        "This file is not a PDF or a photo.",
    ),
    "SVG": (
        "cap.svg",
        _svg,
        "svg",
        "SVG drawings are not accepted; upload a PDF or a photo.",
    ),
    "GIF": ("stempel.gif", _gif, "wrong_format", "This file is a GIF image"),
    "truncated JPEG": (
        "nib.jpg",
        lambda: jpeg_bytes(1200, 900)[:4000],
        "truncated",
        "The photo is damaged or incomplete",
    ),
    "text file": (
        "packing-list.pdf",
        lambda: b"Packing list\n50 PCE tas rajut\n",
        "not_a_document",
        "This file is not a PDF or a photo.",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_bad_file_is_refused_with_its_reason_and_nothing_is_stored(
    shipment, admin, settings, case
):
    name, make, code, message = REFUSED[case]
    with translation.override("en"), pytest.raises(DocumentRejected) as refused:
        store(shipment, admin, name, make())
    assert refused.value.code == code
    with translation.override("en"):
        text = str(refused.value.message) % (refused.value.params or {})
    assert text.startswith(message)
    assert not ShipmentDocument.objects.exists()
    assert files_under(settings.PRIVATE_ROOT) == []
    assert files_under(settings.MEDIA_ROOT) == []


def test_a_refused_file_is_a_validation_error_a_form_can_show(shipment, admin):
    with translation.override("id"), pytest.raises(ValidationError) as refused:
        store(shipment, admin, "besar.pdf", _too_big())
    # As a form shows it: the size filled in, written the Indonesian way.
    (message,) = refused.value.messages
    assert "10,1" in message
    assert "%(" not in message


def test_a_file_of_exactly_10_mb_is_accepted(shipment, admin):
    pdf = pdf_bytes()
    data = pdf[:-6] + b" " * (TEN_MB - len(pdf)) + b"%%EOF\n"
    assert len(data) == TEN_MB
    assert store(shipment, admin, "invoice.pdf", data).size == TEN_MB
