"""Demo export papers: buyers abroad, shipments in four states, a realisation table.

Called by seed_demo after the catalogue. The shipments show the SKA workflow at
each step: a draft the pre-flight check finds two mistakes in (the PEB file is
missing, one line's HS code lost a digit), one ready to submit, one submitted to
e-SKA and one whose SKA is issued. Their papers are small generated PDFs, kept
outside the public media like every uploaded document.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from catalog.models import Product
from exports import services
from exports.models import (
    Buyer,
    DocumentKind,
    OriginCriterion,
    RealisationImport,
    Shipment,
    SkaForm,
    SkaStatus,
    SkaStatusChange,
    TransportMode,
)
from exports.realisation.importer import realisation_import_or_refuse

# The goods code of each demo category, for products that have none yet.
HS_CODES = {
    "tas-rajut": "42022900",  # handbags of other materials
    "dompet": "42023200",  # wallets and purses of textile
    "gantungan-kunci": "63079090",  # other made-up textile articles
    "sepatu-rajut": "64059000",  # other footwear
    "topi-syal": "61171000",  # knitted shawls, scarves, mufflers
}
HAT_SKU, HAT_HS_CODE = "HR-010", "65050090"  # knitted hats

# name, address, country
BUYERS = [
    (
        "Kraf Nusantara Sdn. Bhd.",
        "No. 12, Jalan Bukit Bintang, 55100 Kuala Lumpur, Malaysia",
        "MY",
    ),
    (
        "Amimono Zakka K.K.",
        "3-14-2 Jingumae, Shibuya-ku, Tokyo 150-0001, Japan",
        "JP",
    ),
    (
        "Handgemaakt Wonen B.V.",
        "Prinsengracht 263, 1016 GV Amsterdam, the Netherlands",
        "NL",
    ),
]

# sku, quantity, net kg per piece, FOB USD per piece
LINES = {
    "HR-EXP-2026-001": [
        ("HR-001", 40, "0.150", "14.50"),
        ("HR-004", 100, "0.060", "3.75"),
    ],
    "HR-EXP-2026-002": [
        ("HR-002", 30, "0.170", "17.00"),
        ("HR-011", 50, "0.120", "7.50"),
    ],
    "HR-EXP-2026-003": [
        ("HR-005", 60, "0.080", "6.50"),
        ("HR-008", 40, "0.090", "5.25"),
    ],
    "HR-EXP-2026-004": [
        ("HR-003", 25, "0.190", "20.00"),
        ("HR-006", 200, "0.020", "1.50"),
    ],
}

# invoice, buyer country, form, status, transport, days ago the invoice is dated
SHIPMENTS = [
    ("HR-EXP-2026-001", "MY", "form-d", SkaStatus.DRAFT, TransportMode.SEA, 6),
    ("HR-EXP-2026-002", "NL", "rex", SkaStatus.READY, TransportMode.SEA, 12),
    ("HR-EXP-2026-003", "JP", "ijepa", SkaStatus.SUBMITTED, TransportMode.AIR, 20),
    ("HR-EXP-2026-004", "MY", "form-d", SkaStatus.ISSUED, TransportMode.SEA, 40),
]
PORTS = {"MY": "Port Klang", "NL": "Rotterdam", "JP": "Narita, Tokyo"}
# The moves each state took from draft, and the days after the invoice they came.
MOVES = {
    SkaStatus.DRAFT: [],
    SkaStatus.READY: [(SkaStatus.READY, 5)],
    SkaStatus.SUBMITTED: [(SkaStatus.READY, 4), (SkaStatus.SUBMITTED, 5)],
    SkaStatus.ISSUED: [
        (SkaStatus.READY, 4),
        (SkaStatus.SUBMITTED, 5),
        (SkaStatus.VERIFIED, 6),
        (SkaStatus.ISSUED, 7),
    ],
}

REALISATION_SOURCE = "realisasi-ekspor-purbalingga-2025.csv"
# A table as the trade office publishes it: one row a shipment month, then totals.
REALISATION_TABLE = """\
No;Tahun;Bulan;Eksportir;Komoditi;HS;Volume (Ton);Nilai FOB (USD);Negara Tujuan
1;2025;2;Kelompok Rajut Hira Rajut;Tas rajut;42022900;0,1205;3.450,00;Malaysia
2;2025;4;CV Rambut Indah Purbalingga;Rambut palsu;67041900;2,3100;240.795,83;"Amerika Serikat; Jepang"
3;2025;6;Kelompok Rajut Hira Rajut;Dompet dan gantungan kunci rajut;42023200;0,06425;1.120,50;Jepang
4;2025;9;PT Bulu Mata Perwira;Bulu mata palsu;67049000;0,8456;118.400,00;"Korea Selatan; Amerika Serikat"
5;2025;11;UD Kayu Kalikajar;Kerajinan kayu;44209090;1,5200;9.870,25;Belanda
;;;Jumlah;;;4,86035;373.636,58;
"""  # noqa: E501


def demo_pdf(title: str) -> bytes:
    """A one-page PDF with ``title`` on it: small, and valid for any reader."""
    text = title.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 18 Tf 72 760 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _hs_codes() -> None:
    for slug, code in HS_CODES.items():
        Product.objects.filter(category__slug=slug, hs_code="").exclude(
            sku=HAT_SKU
        ).update(hs_code=code)
    Product.objects.filter(sku=HAT_SKU, hs_code="").update(hs_code=HAT_HS_CODE)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


def _lines(shipment: Shipment, invoice: str, draft: bool, by) -> Decimal:
    skus = [row[0] for row in LINES[invoice]]
    products = {p.sku: p for p in Product.objects.filter(sku__in=skus)}
    total = Decimal("0")
    for position, (sku, quantity, net_each, fob_each) in enumerate(LINES[invoice]):
        product = products[sku]
        net = Decimal(net_each) * quantity
        fob = Decimal(fob_each) * quantity
        services.line_add(
            shipment=shipment,
            product=product,
            by=by,
            # Typed in a hurry on the draft: a digit is missing, the check says so.
            hs_code=product.hs_code[:-1]
            if draft and position == 0
            else product.hs_code,
            description=f"{product.name}, hand knitted (rajutan tangan)",
            quantity=quantity,
            packed_quantity=quantity,
            net_kg=net,
            gross_kg=(net * Decimal("1.2")).quantize(Decimal("0.001")),
            fob_usd=fob,
            origin_criterion=OriginCriterion.HEADING_CHANGE,
        )
        total += fob
    return total


def _shipment(row, buyers, admin, today: date) -> None:
    invoice, country, form_code, status, transport, days_ago = row
    invoiced = today - timedelta(days=days_ago)
    by_sea = transport == TransportMode.SEA
    shipment = services.shipment_create(
        buyer=buyers[country],
        destination=country,
        invoice_number=invoice,
        created_by=admin,
        invoice_date=invoiced,
        port_of_loading="Tanjung Emas, Semarang"
        if by_sea
        else "Soekarno-Hatta, Jakarta",
        port_of_destination=PORTS[country],
        transport=transport,
        peb_number=f"{300000 + days_ago:06d}",
        peb_date=invoiced + timedelta(days=2),
        transport_doc_number=f"{'SMGPKG' if by_sea else '126-'}{days_ago:04d}"
        f"{invoice[-3:]}",
        transport_doc_date=invoiced + timedelta(days=3),
    )
    draft = status == SkaStatus.DRAFT
    total = _lines(shipment, invoice, draft, admin)
    services.shipment_update(shipment=shipment, by=admin, invoice_total_usd=total)
    for kind in DocumentKind.values:
        if draft and kind == DocumentKind.PEB:
            continue  # not uploaded yet: the check lists it as missing
        label = str(DocumentKind(kind).label)
        upload = SimpleUploadedFile(
            f"{kind.replace('_', '-')}-{invoice.lower()}.pdf",
            demo_pdf(f"{label} - {invoice}"),
            content_type="application/pdf",
        )
        services.document_store(shipment=shipment, kind=kind, upload=upload, by=admin)
    application = shipment.ska
    services.form_choose(
        application=application, form=SkaForm.objects.get(code=form_code), by=admin
    )
    for to, days_after in MOVES[status]:
        day = invoiced + timedelta(days=days_after)
        if to == SkaStatus.READY:
            services.ska_mark_ready(application=application, by=admin)
        elif to == SkaStatus.SUBMITTED:
            reference = f"ESKA-{day:%Y%m%d}-{invoice[-3:]}17"
            services.ska_submit(application=application, reference=reference, by=admin)
        elif to == SkaStatus.VERIFIED:
            services.ska_verify(application=application, by=admin)
        elif to == SkaStatus.ISSUED:
            number = f"0{invoice[-3:]}/SKA-D/SMG/{day:%Y}"
            services.ska_issue(
                application=application, number=number, date=day, by=admin
            )
        # Each move happened on its day, not today: the history says so.
        SkaStatusChange.objects.filter(application=application, to_status=to).update(
            changed_at=_at(day)
        )


def seed_exports() -> None:
    """Buyers, shipments and a realisation table; what exists already stays."""
    admin = get_user_model().objects.filter(username="pengurus").first()
    if admin is None:
        return
    today = timezone.localdate()
    with transaction.atomic():
        if not SkaForm.objects.exists():
            # The table a migration seeds, gone from a database emptied since
            # (as between browser tests): put it back as it starts.
            import_module("exports.migrations.0002_ska_forms").seed(apps, None)
        _hs_codes()
        buyers = {}
        for name, address, country in BUYERS:
            buyers[country], _ = Buyer.objects.get_or_create(
                name=name, defaults={"address": address, "country": country}
            )
        skus = {line[0] for lines in LINES.values() for line in lines}
        if not Shipment.objects.exists() and Product.objects.filter(
            sku__in=skus
        ).exclude(hs_code="").count() == len(skus):
            for row in SHIPMENTS:
                _shipment(row, buyers, admin, today)
        if not RealisationImport.objects.filter(
            source_name=REALISATION_SOURCE
        ).exists():
            realisation_import_or_refuse(
                data=REALISATION_TABLE.encode(),
                source_name=REALISATION_SOURCE,
                year=2025,
                by=admin,
            )
