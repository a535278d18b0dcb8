"""Buyers, the table of certificate forms, and imported realisation tables."""

from django.contrib import admin
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _

from core.admin import PlainWordsAdmin, PlainWordsStackedInline
from core.countries import country_name

from ..models import (
    Buyer,
    RealisationImport,
    RealisationRow,
    SkaForm,
    SkaFormCountry,
)
from .common import ReadOnlyInline, UsedCountryFilter


@admin.register(Buyer)
class BuyerAdmin(PlainWordsAdmin):
    list_display = ["name", "country_display"]
    list_filter = [UsedCountryFilter]
    search_fields = ["name", "address"]
    help_texts = {
        "name": _("The company or person as the invoice names them."),
        "address": _("The full address abroad, as on the invoice."),
        "country": _("Where the buyer is; it proposes the certificate form."),
    }

    @admin.display(description=_("country"), ordering="country")
    def country_display(self, obj: Buyer) -> str:
        return country_name(obj.country)


# Stacked: one country per row, readable on a phone.
class SkaFormCountryInline(PlainWordsStackedInline):
    model = SkaFormCountry
    extra = 0
    fields = ["country"]
    help_texts = {"country": _("A destination this form is for.")}


@admin.register(SkaForm)
class SkaFormAdmin(PlainWordsAdmin):
    # Few columns: on a phone each one more pushes the countries off the screen.
    list_display = ["name", "country_codes", "position"]
    list_editable = ["position"]
    search_fields = ["name", "code", "countries__country"]
    list_filter = ["kind", "preferential"]
    prepopulated_fields = {"code": ["name"]}
    inlines = [SkaFormCountryInline]
    help_texts = {
        "code": _("A short name for the form, e.g. form-d."),
        "name": _("As the SKA office calls it, e.g. Form D (ASEAN)."),
        "kind": _(
            "Certificate: issued through e-SKA. Statement on origin: written by "
            "the exporter on the invoice (REX)."
        ),
        "preferential": _("The buyer pays less import duty with this form."),
        "for_any_destination": _(
            "Proposed for a country no other form names (Form B)."
        ),
        "position": _("Smaller numbers come first in the list of forms."),
    }

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "countries", queryset=SkaFormCountry.objects.order_by("country")
                )
            )
        )

    @admin.display(description=_("countries"))
    def country_codes(self, obj: SkaForm) -> str:
        codes = [row.country for row in obj.countries.all()]
        return " ".join(codes) if codes else "—"


class RealisationRowInline(ReadOnlyInline):
    model = RealisationRow
    fields = [
        "line_number",
        "year",
        "month",
        "exporter",
        "commodity",
        "hs_code",
        "volume_kg",
        "value_usd",
        "destination_names",
    ]
    readonly_fields = fields

    @admin.display(description=_("destination countries"))
    def destination_names(self, obj: RealisationRow) -> str:
        return ", ".join(country_name(code) for code in obj.destinations) or "—"


@admin.register(RealisationImport)
class RealisationImportAdmin(PlainWordsAdmin):
    list_display = ["source_name", "year", "row_count"]
    list_filter = ["year"]
    search_fields = ["source_name"]
    list_select_related = ["imported_by"]
    fields = ["source_name", "year", "imported_at", "imported_by"]
    readonly_fields = fields
    inlines = [RealisationRowInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(row_total=Count("rows"))

    def has_add_permission(self, request):
        # Tables come in through the import page, which reads and checks them.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("rows"), ordering="row_total")
    def row_count(self, obj: RealisationImport) -> int:
        return obj.row_total
