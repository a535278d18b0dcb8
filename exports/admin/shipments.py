"""Shipments, their lines and papers, and their SKA application."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.admin import PlainWordsAdmin, PlainWordsStackedInline
from core.countries import country_name

from .. import services
from ..models import (
    Shipment,
    ShipmentDocument,
    ShipmentLine,
    SkaApplication,
    SkaStatusChange,
)
from ..services.shipments import LINE_FIELDS, LINE_FORM_FIELDS, SHIPMENT_FIELDS
from .common import DestinationFilter, ReadOnlyInline, locked, portal_link


class ShipmentLineInline(PlainWordsStackedInline):
    model = ShipmentLine
    extra = 0
    fields = [*LINE_FORM_FIELDS, "position"]
    help_texts = {
        "hs_code": _("8 digits, as on the product, e.g. 42022900 for bags."),
        "description": _("The goods as the invoice describes them."),
        "packed_quantity": _("As counted on the packing list."),
        "net_kg": _("Weight of the goods alone."),
        "gross_kg": _("With the packing; at least the net weight."),
        "fob_usd": _("The line's value on the invoice, in US dollars."),
        "origin_criterion": _("Hand-knitted from local yarn: usually WO or PE."),
        "rvc_percent": _("Only for RVC: the share of value made in the region."),
        "position": _("Smaller numbers come first."),
    }

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("product")

    def has_add_permission(self, request, obj=None):
        return not locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not locked(obj) and super().has_delete_permission(request, obj)


class ShipmentDocumentInline(ReadOnlyInline):
    model = ShipmentDocument
    # The kind and the file name head each document; its stored name stays out.
    fields = ["original_name", "size", "uploaded_at", "download"]
    readonly_fields = fields
    verbose_name_plural = _("Documents (upload them on the shipment page)")
    help_texts = {"download": _("Opens only for the co-op's admins.")}

    @admin.display(description=_("download"))
    def download(self, obj: ShipmentDocument) -> str:
        return portal_link("exports:document-download", [obj.pk], _("Download"))


class SkaStatusChangeInline(ReadOnlyInline):
    model = SkaStatusChange
    fields = ["from_status", "to_status", "note", "changed_at", "changed_by"]
    readonly_fields = fields
    verbose_name_plural = _("History")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")


@admin.register(Shipment)
class ShipmentAdmin(PlainWordsAdmin):
    list_display = ["invoice_number", "ska_status", "destination_display"]
    list_filter = ["ska__status", DestinationFilter]
    search_fields = ["invoice_number", "buyer__name", "peb_number"]
    list_select_related = ["buyer", "ska"]
    date_hierarchy = "created_at"
    inlines = [ShipmentLineInline, ShipmentDocumentInline]
    readonly_fields = ["page", "ska_status", "created_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["page", "ska_status", "buyer", "destination", "exporter"]}),
        (
            _("Invoice"),
            {
                "fields": [
                    "invoice_number",
                    "invoice_date",
                    "invoice_total_usd",
                    "incoterm",
                ]
            },
        ),
        (
            _("Transport and customs"),
            {
                "fields": [
                    "transport",
                    "port_of_loading",
                    "port_of_destination",
                    "peb_number",
                    "peb_date",
                    "transport_doc_number",
                    "transport_doc_date",
                ]
            },
        ),
        (_("Other"), {"fields": ["note", "created_by", "created_at", "updated_at"]}),
    ]
    help_texts = {
        "page": _("Documents, the check before sending and the SKA are there."),
        "exporter": _("As registered for e-SKA."),
        "destination": _("The country the goods go to; it decides the SKA form."),
        "invoice_number": _("As printed on the commercial invoice."),
        "invoice_total_usd": _(
            "As printed on the commercial invoice; it must equal the lines' FOB values."
        ),
        "incoterm": _("Usually FOB: the buyer pays from the port of loading."),
        "port_of_loading": _("For example Tanjung Emas, Semarang."),
        "peb_number": _("From the export declaration (PEB/NPE)."),
        "transport_doc_number": _("The bill of lading (sea) or air waybill (air)."),
    }

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("buyer", "ska")

    def has_add_permission(self, request):
        # A new shipment starts on the portal page, which opens its SKA application.
        return False

    def has_change_permission(self, request, obj=None):
        return not locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not locked(obj) and super().has_delete_permission(request, obj)

    # Saved through the services, as on the shipment page: a ready shipment that
    # changes goes back to draft, and nothing changes while e-SKA has it.
    def save_model(self, request, obj, form, change):
        fields = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in SHIPMENT_FIELDS
        }
        try:
            services.shipment_update(shipment=obj, by=request.user, **fields)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)

    def save_formset(self, request, form, formset, change):
        if formset.model is not ShipmentLine:
            return super().save_formset(request, form, formset, change)
        shipment = form.instance
        # What the admin's change message reads.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = (
            [],
            [],
            [],
        )
        try:
            for line_form in formset.deleted_forms:
                if line_form.instance.pk:
                    services.line_delete(line=line_form.instance, by=request.user)
                    formset.deleted_objects.append(line_form.instance)
            for line_form in formset.forms:
                if line_form in formset.deleted_forms or not line_form.has_changed():
                    continue
                data = line_form.cleaned_data
                if line_form.instance.pk is None:
                    fields = {
                        n: data[n] for n in LINE_FIELDS - {"product"} if n in data
                    }
                    line = services.line_add(
                        shipment=shipment,
                        product=data["product"],
                        by=request.user,
                        **fields,
                    )
                    formset.new_objects.append(line)
                else:
                    changed = [n for n in line_form.changed_data if n in LINE_FIELDS]
                    line = services.line_update(
                        line=line_form.instance,
                        by=request.user,
                        **{n: data[n] for n in changed},
                    )
                    formset.changed_objects.append((line, changed))
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)

    @admin.display(description=_("country"), ordering="destination")
    def destination_display(self, obj: Shipment) -> str:
        return country_name(obj.destination)

    @admin.display(description=_("SKA status"), ordering="ska__status")
    def ska_status(self, obj: Shipment) -> str:
        ska = getattr(obj, "ska", None)
        return ska.get_status_display() if ska else "—"

    @admin.display(description=_("shipment page"))
    def page(self, obj: Shipment) -> str:
        if not obj.pk:
            return "—"
        return portal_link("exports:shipment-detail", [obj.pk], _("Open the page"))


@admin.register(SkaApplication)
class SkaApplicationAdmin(PlainWordsAdmin):
    list_display = ["shipment", "status", "ska_number"]
    list_filter = ["status", "form"]
    search_fields = ["shipment__invoice_number", "eska_reference", "ska_number"]
    list_select_related = ["shipment__buyer", "form"]
    # The status and what comes with it move on the shipment page only, each move
    # a row in the history.
    fields = [
        "page",
        "shipment",
        "form",
        "status",
        "eska_reference",
        "ska_number",
        "ska_date",
        "reject_reason",
        "updated_at",
    ]
    readonly_fields = fields
    inlines = [SkaStatusChangeInline]
    help_texts = {
        "page": _("Mark ready, submit, record the SKA or a rejection there."),
        "status": _("Changes on the shipment page, never here."),
        "eska_reference": _("The number e-SKA gave when it was submitted."),
    }

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("shipment page"))
    def page(self, obj: SkaApplication) -> str:
        return portal_link(
            "exports:shipment-detail", [obj.shipment_id], _("Open the page")
        )
