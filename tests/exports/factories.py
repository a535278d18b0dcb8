"""Buyers, shipments with items and papers, made through the exports services.

``clean_shipment()`` gives a shipment that passes the pre-flight check: every
paper filled in and in order, items that add up, a form chosen and the seven
documents uploaded. Tests break one thing of it at a time.
"""

import io
from datetime import timedelta
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from catalog.models import Product
from exports.models import (
    Buyer,
    DocumentKind,
    OriginCriterion,
    Shipment,
    ShipmentLine,
    SkaForm,
    TransportMode,
)
from exports.selectors import forms_for
from exports.services import (
    document_store,
    form_choose,
    line_add,
    shipment_create,
    shipment_update,
)
from members.roles import Role
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory

HS_BAGS = "42022900"


def admin_user():
    """An admin (pengurus) of the co-op: the only role that prepares exports."""
    return MemberFactory(role=Role.ADMIN).user


class BuyerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Buyer

    name = factory.Sequence(lambda n: f"Kaori Trading {n}")
    address = "2-3-1 Nishi-Shinjuku, Tokyo"
    country = "JP"


def export_product(**fields) -> Product:
    """A catalogue product with its HS code, as exports take them."""
    fields.setdefault("hs_code", HS_BAGS)
    return ProductFactory(**fields)


def pdf_bytes(text: str = "Commercial invoice") -> bytes:
    """A small, valid one-page PDF."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    return out.getvalue()


def jpeg_bytes(width: int = 640, height: int = 480, **save_options) -> bytes:
    image = Image.new("RGB", (width, height), (250, 250, 245))
    image.paste((20, 20, 20), (40, 40, width - 40, 60))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, **save_options)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/pdf"):
    """A file as the browser sends it (the name and type say nothing for sure)."""
    return SimpleUploadedFile(name, data, content_type=content_type)


def make_shipment(*, by=None, buyer=None, destination: str = "JP", **fields):
    """A draft shipment (and its SKA application) with nothing else filled in."""
    by = by or admin_user()
    buyer = buyer or BuyerFactory(country=destination)
    fields.setdefault("invoice_number", f"INV/HR/{Shipment.objects.count() + 1:04d}")
    return shipment_create(
        buyer=buyer, destination=destination, created_by=by, **fields
    )


def add_line(shipment: Shipment, *, by, product: Product | None = None, **fields):
    """An item that is right on every count unless ``fields`` say otherwise."""
    product = product or export_product()
    quantity = fields.setdefault("quantity", 50)
    fields.setdefault("packed_quantity", quantity)
    fields.setdefault("net_kg", Decimal("10.000"))
    fields.setdefault("gross_kg", Decimal("12.500"))
    fields.setdefault("fob_usd", Decimal("600.00"))
    fields.setdefault("origin_criterion", OriginCriterion.WHOLLY_OBTAINED)
    return line_add(shipment=shipment, product=product, by=by, **fields)


def add_documents(shipment: Shipment, *, by, kinds=None) -> None:
    for kind in kinds or DocumentKind.values:
        document_store(
            shipment=shipment,
            kind=kind,
            upload=upload(f"{kind}.pdf", pdf_bytes(kind)),
            by=by,
        )


PRODUCT_NAMES = ["Tas Rajut Mawar", "Dompet Rajut Melati", "Topi Rajut Kenanga"]


def clean_shipment(
    *,
    by=None,
    destination: str = "JP",
    lines: int = 2,
    form: str | None = None,
    transport: str = TransportMode.SEA,
    documents: bool = True,
) -> Shipment:
    """A shipment that passes the pre-flight check, made as an admin would.

    ``form`` is a form code ("rcep"); by default the first that fits.
    """
    by = by or admin_user()
    today = timezone.localdate()
    shipment = make_shipment(
        by=by,
        destination=destination,
        transport=transport,
        invoice_date=today - timedelta(days=10),
        port_of_loading="Tanjung Emas, Semarang",
        port_of_destination="Tokyo",
        peb_number="000123",
        peb_date=today - timedelta(days=8),
        transport_doc_number="SMGTYO2611001",
        transport_doc_date=today - timedelta(days=5),
    )
    made: list[ShipmentLine] = []
    for number in range(lines):
        name = PRODUCT_NAMES[number % len(PRODUCT_NAMES)]
        made.append(add_line(shipment, by=by, product=export_product(name=name)))
    total = sum((line.fob_usd for line in made), Decimal("0"))
    shipment_update(shipment=shipment, by=by, invoice_total_usd=total)
    chosen = (
        SkaForm.objects.get(code=form) if form else forms_for(shipment.destination)[0]
    )
    form_choose(application=shipment.ska, form=chosen, by=by)
    if documents:
        add_documents(shipment, by=by)
    shipment.refresh_from_db()
    return shipment
