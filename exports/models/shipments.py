"""An export shipment: what goes to whom, by which papers, line by line."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from core.countries import CountryField

from .parties import Buyer

HS_CODE = RegexValidator(r"^[0-9]{8}$", _("An HS code has exactly 8 digits."))
ZERO = Decimal("0")


def default_exporter() -> str:
    return getattr(settings, "EXPORTER_NAME", "Kelompok Rajut Hira Rajut")


class Incoterm(models.TextChoices):
    EXW = "EXW", "EXW"
    FCA = "FCA", "FCA"
    FAS = "FAS", "FAS"
    FOB = "FOB", "FOB"
    CFR = "CFR", "CFR"
    CIF = "CIF", "CIF"
    CPT = "CPT", "CPT"
    CIP = "CIP", "CIP"
    DAP = "DAP", "DAP"
    DPU = "DPU", "DPU"
    DDP = "DDP", "DDP"


class TransportMode(models.TextChoices):
    SEA = "sea", _("sea (B/L)")
    AIR = "air", _("air (AWB)")


class Unit(models.TextChoices):
    """UN/ECE unit codes, as e-SKA and the customs papers write them."""

    PIECE = "PCE", _("piece (PCE)")
    SET = "SET", _("set (SET)")
    PAIR = "PR", _("pair (PR)")
    DOZEN = "DZN", _("dozen (DZN)")
    KILOGRAM = "KGM", _("kilogram (KGM)")


class OriginCriterion(models.TextChoices):
    WHOLLY_OBTAINED = "WO", _("WO: wholly obtained in Indonesia")
    HEADING_CHANGE = "CTH", _("CTH: change of tariff heading")
    SUBHEADING_CHANGE = "CTSH", _("CTSH: change of tariff subheading")
    REGIONAL_CONTENT = "RVC", _("RVC: regional value content (%)")
    PRODUCED_ENTIRELY = "PE", _("PE: produced from originating materials")


class DocumentKind(models.TextChoices):
    NIB = "nib", _("NIB (business identity number)")
    NPWP = "npwp", _("NPWP (tax number)")
    INVOICE = "invoice", _("Commercial invoice")
    PACKING_LIST = "packing_list", _("Packing list")
    PEB = "peb", _("PEB/NPE (export declaration)")
    TRANSPORT = "transport", _("B/L or AWB")
    COST_STRUCTURE = "cost_structure", _("Cost structure")


class Shipment(models.Model):
    exporter = models.CharField(_("exporter"), max_length=200, default=default_exporter)
    buyer = models.ForeignKey(
        Buyer,
        on_delete=models.PROTECT,
        related_name="shipments",
        verbose_name=_("buyer"),
    )
    destination = CountryField(_("destination country"))
    incoterm = models.CharField(
        _("incoterm"), max_length=3, choices=Incoterm, default=Incoterm.FOB
    )
    invoice_number = models.CharField(_("invoice number"), max_length=60, unique=True)
    invoice_date = models.DateField(_("invoice date"), null=True, blank=True)
    invoice_total_usd = models.DecimalField(
        _("invoice total (USD, FOB)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
        help_text=_("As printed on the commercial invoice."),
    )
    port_of_loading = models.CharField(_("port of loading"), max_length=120, blank=True)
    port_of_destination = models.CharField(
        _("port of destination"), max_length=120, blank=True
    )
    transport = models.CharField(
        _("transport"), max_length=3, choices=TransportMode, default=TransportMode.SEA
    )
    peb_number = models.CharField(_("PEB number"), max_length=60, blank=True)
    peb_date = models.DateField(_("PEB date"), null=True, blank=True)
    transport_doc_number = models.CharField(
        _("B/L or AWB number"), max_length=60, blank=True
    )
    transport_doc_date = models.DateField(_("B/L or AWB date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("export shipment")
        verbose_name_plural = _("export shipments")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.invoice_number} · {self.buyer.name}"

    def get_absolute_url(self) -> str:
        return reverse("exports:shipment-detail", args=[self.pk])


class ShipmentLine(models.Model):
    shipment = models.ForeignKey(
        Shipment,
        on_delete=models.CASCADE,
        related_name="lines",
        verbose_name=_("shipment"),
    )
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="+", verbose_name=_("product")
    )
    hs_code = models.CharField(
        _("HS code"),
        max_length=8,
        blank=True,
        help_text=_("8 digits, taken from the product."),
    )
    description = models.TextField(_("description of goods"), blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), default=0)
    unit = models.CharField(_("unit"), max_length=3, choices=Unit, default=Unit.PIECE)
    packed_quantity = models.PositiveIntegerField(
        _("quantity on the packing list"), default=0
    )
    net_kg = models.DecimalField(
        _("net weight (kg)"),
        max_digits=12,
        decimal_places=3,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    gross_kg = models.DecimalField(
        _("gross weight (kg)"),
        max_digits=12,
        decimal_places=3,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    fob_usd = models.DecimalField(
        _("FOB value (USD)"),
        max_digits=14,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    origin_criterion = models.CharField(
        _("origin criterion"), max_length=4, choices=OriginCriterion, blank=True
    )
    rvc_percent = models.DecimalField(
        _("regional value content (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("shipment line")
        verbose_name_plural = _("shipment lines")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(net_kg__gte=0) & Q(gross_kg__gte=0) & Q(fob_usd__gte=0),
                name="exports_line_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} {self.unit} · {self.product}"


class ShipmentDocument(models.Model):
    """One paper of the checklist, kept outside the public media (never a link)."""

    shipment = models.ForeignKey(
        Shipment,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("shipment"),
    )
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind)
    file = models.CharField(_("stored file"), max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=60)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("shipment document")
        verbose_name_plural = _("shipment documents")
        ordering = ["shipment", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["shipment", "kind"], name="exports_one_document_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.original_name}"
