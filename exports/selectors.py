"""Reads of the export papers: which forms fit a destination, a shipment's totals."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce

from .models import Shipment, ShipmentLine, SkaForm, SkaFormCountry
from .models.shipments import ZERO


def forms_for(destination: str) -> list[SkaForm]:
    """The forms whose countries include ``destination``; else Form B (any other).

    Read from the table the admin edits, in its order; one query.
    """
    covers = SkaFormCountry.objects.filter(
        form=OuterRef("pk"), country=(destination or "").upper()
    )
    forms = list(
        SkaForm.objects.annotate(covers=Exists(covers)).filter(
            Q(covers=True) | Q(for_any_destination=True)
        )
    )
    covering = [form for form in forms if form.covers]
    return covering or [form for form in forms if form.for_any_destination]


@dataclass(frozen=True)
class ShipmentTotals:
    lines: int
    quantity: int
    net_kg: Decimal
    gross_kg: Decimal
    fob_usd: Decimal


def shipment_totals(shipment: Shipment) -> ShipmentTotals:
    """The sums over a shipment's lines (weights and money as ``Decimal``)."""

    def total(field: str) -> Coalesce:
        zero = Value(ZERO, output_field=ShipmentLine._meta.get_field(field))
        return Coalesce(Sum(field), zero)

    sums = ShipmentLine.objects.filter(shipment=shipment).aggregate(
        lines=Count("id"),
        quantity=Coalesce(Sum("quantity"), 0),
        net_kg=total("net_kg"),
        gross_kg=total("gross_kg"),
        fob_usd=total("fob_usd"),
    )
    return ShipmentTotals(
        lines=sums["lines"],
        quantity=sums["quantity"],
        net_kg=Decimal(sums["net_kg"]).quantize(Decimal("0.001")),
        gross_kg=Decimal(sums["gross_kg"]).quantize(Decimal("0.001")),
        fob_usd=Decimal(sums["fob_usd"]).quantize(Decimal("0.01")),
    )
