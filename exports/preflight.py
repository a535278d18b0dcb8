"""Periksa sebelum kirim: what e-SKA would refuse, found before anything is sent.

Each problem is one plain sentence naming the item or paper, with the place on
the shipment page where it is fixed. Only a shipment without problems can be
marked ready. A handful of queries, however many items the shipment has.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from core.countries import country_name

from .models import (
    DocumentKind,
    OriginCriterion,
    Shipment,
    ShipmentLine,
    SkaApplication,
    TransportMode,
)
from .selectors import forms_for

PAPERS = "#papers"
LINES = "#lines"
DOCUMENTS = "#documents"
SKA = "#ska"


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    where: str  # an anchor on the shipment page: "#papers", "#line-12", ...


def line_anchor(line: ShipmentLine) -> str:
    return f"#line-{line.pk}"


def _usd(value: Decimal) -> str:
    return number_format(value, decimal_pos=2, force_grouping=True)


def _kg(value: Decimal) -> str:
    return number_format(value, decimal_pos=3, force_grouping=True)


def _day(value: date) -> str:
    return date_format(value)


def _transport_paper(shipment: Shipment) -> str:
    return "AWB" if shipment.transport == TransportMode.AIR else "B/L"


def _papers(shipment: Shipment) -> list[Problem]:
    problems = []
    paper = _transport_paper(shipment)
    missing = [
        (shipment.invoice_date, _("The invoice date is not filled in.")),
        (shipment.invoice_total_usd, _("The invoice total is not filled in.")),
        (shipment.peb_number.strip(), _("The PEB number is not filled in.")),
        (shipment.peb_date, _("The PEB date is not filled in.")),
        (
            shipment.transport_doc_number.strip(),
            _("The %(document)s number is not filled in.") % {"document": paper},
        ),
        (
            shipment.transport_doc_date,
            _("The %(document)s date is not filled in.") % {"document": paper},
        ),
    ]
    for value, message in missing:
        if value is None or value == "":
            problems.append(Problem("papers_missing", message, PAPERS))
    invoice, peb, transport = (
        shipment.invoice_date,
        shipment.peb_date,
        shipment.transport_doc_date,
    )
    if invoice and peb and invoice > peb:
        problems.append(
            Problem(
                "invoice_after_peb",
                _("The invoice date (%(invoice)s) is after the PEB date (%(peb)s).")
                % {"invoice": _day(invoice), "peb": _day(peb)},
                PAPERS,
            )
        )
    if peb and transport and peb > transport:
        problems.append(
            Problem(
                "peb_after_transport",
                _(
                    "The PEB date (%(peb)s) is after the %(document)s date "
                    "(%(transport)s)."
                )
                % {"peb": _day(peb), "document": paper, "transport": _day(transport)},
                PAPERS,
            )
        )
    return problems


def _invoice_total(shipment: Shipment, lines: list[ShipmentLine]) -> list[Problem]:
    if shipment.invoice_total_usd is None or not lines:
        return []
    invoice = shipment.invoice_total_usd
    summed = sum((line.fob_usd for line in lines), Decimal("0"))
    if invoice == summed:
        return []
    return [
        Problem(
            "invoice_total",
            _(
                "The invoice total (USD %(invoice)s) is not the sum of the items "
                "(USD %(lines)s); the difference is USD %(difference)s."
            )
            % {
                "invoice": _usd(invoice),
                "lines": _usd(summed),
                "difference": _usd(abs(invoice - summed)),
            },
            PAPERS,
        )
    ]


def _form(shipment: Shipment, application: SkaApplication | None) -> list[Problem]:
    form = application.form if application else None
    if form is None:
        return [Problem("no_form", _("No certificate form is chosen yet."), SKA)]
    fitting = forms_for(shipment.destination)
    if form.pk in {fitting_form.pk for fitting_form in fitting}:
        return []
    return [
        Problem(
            "form_not_valid",
            _("%(form)s is not valid for %(country)s; choose one of: %(forms)s.")
            % {
                "form": form.name,
                "country": country_name(shipment.destination),
                "forms": ", ".join(fitting_form.name for fitting_form in fitting),
            },
            SKA,
        )
    ]


def _line(number: int, line: ShipmentLine) -> list[Problem]:
    item = _("Item %(number)s (%(product)s)") % {
        "number": number,
        "product": line.product.name,
    }
    found: list[tuple[str, str]] = []
    hs_code = line.hs_code.strip()
    product_hs = line.product.hs_code.strip()
    if not hs_code:
        found.append(
            ("hs_code_format", _("%(item)s: the HS code is missing.") % {"item": item})
        )
    elif len(hs_code) != 8 or not hs_code.isdigit():
        found.append(
            (
                "hs_code_format",
                _("%(item)s: HS code %(hs)s is not 8 digits.")
                % {"item": item, "hs": hs_code},
            )
        )
    elif product_hs and hs_code != product_hs:
        # Only a well-formed code is compared: a mistyped one is one problem.
        found.append(
            (
                "hs_code_mismatch",
                _("%(item)s: HS code %(hs)s differs from the product's (%(product)s).")
                % {"item": item, "hs": hs_code, "product": product_hs},
            )
        )
    if not line.description.strip():
        found.append(
            (
                "empty_description",
                _("%(item)s: the description of goods is empty.") % {"item": item},
            )
        )
    if line.quantity == 0:
        found.append(
            ("zero_quantity", _("%(item)s: the quantity is 0.") % {"item": item})
        )
    elif line.packed_quantity != line.quantity:
        found.append(
            (
                "packed_quantity",
                _(
                    "%(item)s: the packing list has %(packed)s %(unit)s, "
                    "the invoice %(quantity)s %(unit)s."
                )
                % {
                    "item": item,
                    "packed": line.packed_quantity,
                    "quantity": line.quantity,
                    "unit": line.unit,
                },
            )
        )
    if line.fob_usd == 0:
        found.append(
            ("zero_value", _("%(item)s: the FOB value is 0.") % {"item": item})
        )
    if line.net_kg > line.gross_kg:
        found.append(
            (
                "net_over_gross",
                _(
                    "%(item)s: net weight %(net)s kg is more than gross weight "
                    "%(gross)s kg."
                )
                % {"item": item, "net": _kg(line.net_kg), "gross": _kg(line.gross_kg)},
            )
        )
    if line.origin_criterion == OriginCriterion.REGIONAL_CONTENT and not (
        line.rvc_percent
    ):
        found.append(
            (
                "rvc_without_percent",
                _("%(item)s: the RVC origin criterion needs its percentage.")
                % {"item": item},
            )
        )
    where = line_anchor(line)
    return [Problem(code, message, where) for code, message in found]


def _documents(shipment: Shipment) -> list[Problem]:
    uploaded = set(shipment.documents.values_list("kind", flat=True))
    return [
        Problem(
            "missing_document",
            _("%(document)s has not been uploaded.") % {"document": kind.label},
            DOCUMENTS,
        )
        for kind in DocumentKind
        if kind.value not in uploaded
    ]


def preflight(shipment: Shipment) -> list[Problem]:
    """Every problem of the shipment and its SKA application, in page order."""
    lines = list(
        ShipmentLine.objects.filter(shipment=shipment)
        .select_related("product")
        .order_by("position", "id")
    )
    application = (
        SkaApplication.objects.select_related("form").filter(shipment=shipment).first()
    )
    problems = _papers(shipment)
    problems += _invoice_total(shipment, lines)
    problems += _form(shipment, application)
    if not lines:
        problems.append(
            Problem(
                "no_lines",
                _("The shipment has no goods yet. Add at least one item."),
                LINES,
            )
        )
    for number, line in enumerate(lines, start=1):
        problems += _line(number, line)
    problems += _documents(shipment)
    return problems
