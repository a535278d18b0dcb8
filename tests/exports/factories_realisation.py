"""Realised shipments, imported rows and table files for the realisation tests."""

import csv
import io
from datetime import date
from decimal import Decimal

from openpyxl import Workbook

from exports.models import (
    Buyer,
    RealisationImport,
    RealisationRow,
    Shipment,
    ShipmentLine,
    SkaApplication,
    SkaStatus,
)
from tests.catalog.factories import CategoryFactory, ProductFactory

HEADER = ["no", "exporter", "commodity", "volume_tne", "value_usd", "destinations"]


def realised_shipment(
    *,
    by,
    peb_date: date | None,
    destination: str = "JP",
    lines: list[tuple[str, str, str]] = (("Tas rajut", "10.000", "100.00"),),
    status: str = SkaStatus.ISSUED,
    exporter: str = "Kelompok Rajut Hira Rajut",
) -> Shipment:
    """A shipment with its PEB date, lines of (category, net kg, FOB USD), its SKA."""
    buyer = Buyer.objects.create(
        name="Kaori Trading", address="Tokyo", country=destination
    )
    shipment = Shipment.objects.create(
        exporter=exporter,
        buyer=buyer,
        destination=destination,
        invoice_number=f"INV-{Shipment.objects.count() + 1:05d}",
        peb_date=peb_date,
        created_by=by,
    )
    SkaApplication.objects.create(shipment=shipment, status=status)
    for position, (category, net_kg, fob_usd) in enumerate(lines):
        slug = category.lower().replace(" ", "-")
        product = ProductFactory(
            category=CategoryFactory(name=category, slug=slug), hs_code="42022900"
        )
        ShipmentLine.objects.create(
            shipment=shipment,
            product=product,
            hs_code="42022900",
            description=product.name,
            quantity=1,
            packed_quantity=1,
            net_kg=Decimal(net_kg),
            gross_kg=Decimal(net_kg) + 1,
            fob_usd=Decimal(fob_usd),
            position=position,
        )
    return shipment


def imported_rows(rows: list[dict], *, name: str = "tabel.csv") -> RealisationImport:
    """A stored import batch with the given rows (year, exporter, ... as fields)."""
    batch = RealisationImport.objects.create(source_name=name)
    for line, fields in enumerate(rows, start=2):
        fields = {
            "year": 2024,
            "exporter": "PT Lain",
            "commodity": "Rambut palsu",
            "volume_kg": Decimal("1000"),
            "value_usd": Decimal("10"),
            "destinations": ["US"],
            **fields,
        }
        RealisationRow.objects.create(batch=batch, line_number=line, **fields)
    return batch


def csv_bytes(rows: list[list], *, delimiter: str = ",", bom: bool = False) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
