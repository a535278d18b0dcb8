"""Writes of a shipment, its items and its certificate form.

Every change first locks the SKA application: while it is with e-SKA
(submitted, verified, issued) nothing changes; a change to a ready or rejected
shipment takes it back to draft, so it is checked again before it is sent.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from catalog.models import Product
from core.countries import country_name

from ..models import Buyer, Shipment, ShipmentLine, SkaApplication, SkaForm
from ..selectors import forms_for
from .workflow import after_change, editable_application

# The papers of a shipment, in the order its pages show them.
SHIPMENT_PAPERS = (
    "buyer",
    "destination",
    "incoterm",
    "invoice_number",
    "invoice_date",
    "invoice_total_usd",
    "port_of_loading",
    "port_of_destination",
    "transport",
    "peb_number",
    "peb_date",
    "transport_doc_number",
    "transport_doc_date",
    "note",
)
SHIPMENT_FIELDS = frozenset({"exporter", *SHIPMENT_PAPERS})
# What a line holds, in the order its form asks for it.
LINE_FORM_FIELDS = (
    "product",
    "hs_code",
    "description",
    "quantity",
    "unit",
    "packed_quantity",
    "net_kg",
    "gross_kg",
    "fob_usd",
    "origin_criterion",
    "rvc_percent",
)
LINE_FIELDS = frozenset({*LINE_FORM_FIELDS, "position"})


def _only(fields: dict, allowed: frozenset[str], what: str) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"{what} has no field(s) {', '.join(sorted(unknown))}")


def _values(row, names) -> dict:
    return {name: getattr(row, row._meta.get_field(name).attname) for name in names}


def _single_form(destination: str) -> SkaForm | None:
    fitting = forms_for(destination)
    return fitting[0] if len(fitting) == 1 else None


def shipment_create(
    *,
    buyer: Buyer,
    destination: str,
    invoice_number: str,
    created_by: AbstractBaseUser,
    **fields,
) -> Shipment:
    """A new shipment and its SKA application: draft, with the form if one fits."""
    _only(fields, SHIPMENT_FIELDS, "A shipment")
    with transaction.atomic():
        shipment = Shipment(
            buyer=buyer,
            destination=(destination or "").upper(),
            invoice_number=(invoice_number or "").strip(),
            created_by=created_by,
            **fields,
        )
        shipment.full_clean()
        shipment.save()
        SkaApplication.objects.create(
            shipment=shipment, form=_single_form(shipment.destination)
        )
    return shipment


def shipment_update(*, shipment: Shipment, by: AbstractBaseUser, **fields) -> Shipment:
    """Change the papers of a shipment; refused (read_only) while with e-SKA."""
    _only(fields, SHIPMENT_FIELDS, "A shipment")
    with transaction.atomic():
        application = editable_application(shipment)
        current = Shipment.objects.get(pk=shipment.pk)
        before = _values(current, SHIPMENT_FIELDS)
        for name, value in fields.items():
            setattr(current, name, value)
        current.destination = (current.destination or "").upper()
        current.invoice_number = (current.invoice_number or "").strip()
        current.full_clean()
        if _values(current, SHIPMENT_FIELDS) != before:
            current.save()
            moved = before["destination"] != current.destination
            fitting = {form.pk for form in forms_for(current.destination)}
            if moved and application.form_id not in fitting:
                # The form chosen for the old destination does not go to the new.
                application.form = _single_form(current.destination)
                application.save(update_fields=["form", "updated_at"])
            after_change(application, by)
    for name in SHIPMENT_FIELDS | {"updated_at"}:
        setattr(shipment, name, getattr(current, name))
    return current


def _next_position(shipment: Shipment) -> int:
    last = shipment.lines.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def line_add(
    *, shipment: Shipment, product: Product, by: AbstractBaseUser, **fields
) -> ShipmentLine:
    """A new item; HS code and description taken from the product unless given."""
    _only(fields, LINE_FIELDS - {"product"}, "A shipment line")
    with transaction.atomic():
        application = editable_application(shipment)
        fields.setdefault("hs_code", product.hs_code)
        fields.setdefault("description", product.name)
        if fields.get("position") is None:
            fields["position"] = _next_position(shipment)
        line = ShipmentLine(shipment_id=shipment.pk, product=product, **fields)
        line.hs_code = (line.hs_code or "").strip()
        line.full_clean()
        line.save()
        after_change(application, by)
    return line


def line_update(*, line: ShipmentLine, by: AbstractBaseUser, **fields) -> ShipmentLine:
    _only(fields, LINE_FIELDS, "A shipment line")
    with transaction.atomic():
        application = editable_application(line.shipment)
        current = ShipmentLine.objects.get(pk=line.pk)
        before = _values(current, LINE_FIELDS)
        for name, value in fields.items():
            setattr(current, name, value)
        current.hs_code = (current.hs_code or "").strip()
        current.full_clean()
        if _values(current, LINE_FIELDS) != before:
            current.save()
            after_change(application, by)
    for name in LINE_FIELDS:
        setattr(line, name, getattr(current, name))
    return current


def line_delete(*, line: ShipmentLine, by: AbstractBaseUser) -> None:
    with transaction.atomic():
        application = editable_application(line.shipment)
        ShipmentLine.objects.filter(pk=line.pk).delete()
        after_change(application, by)


def form_choose(
    *, application: SkaApplication, form: SkaForm, by: AbstractBaseUser
) -> SkaApplication:
    """Choose the certificate form; refused when it does not fit the destination."""
    with transaction.atomic():
        shipment = Shipment.objects.get(pk=application.shipment_id)
        locked = editable_application(shipment)
        fitting = forms_for(shipment.destination)
        if form.pk not in {fitting_form.pk for fitting_form in fitting}:
            raise ValidationError(
                _("%(form)s is not valid for %(country)s; choose one of: %(forms)s.")
                % {
                    "form": form.name,
                    "country": country_name(shipment.destination),
                    "forms": ", ".join(fitting_form.name for fitting_form in fitting),
                },
                code="form_not_valid",
            )
        if locked.form_id != form.pk:
            locked.form = form
            locked.save(update_fields=["form", "updated_at"])
            after_change(locked, by)
    application.form = locked.form
    application.status = locked.status
    application.updated_at = locked.updated_at
    return locked
