"""What the export admin pages share: the lock while e-SKA has a shipment."""

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import PlainWordsStackedInline
from core.countries import country_name

from .. import services
from ..models import Shipment, SkaApplication


def locked(shipment: Shipment | None) -> bool:
    """Whether e-SKA holds the shipment's application (its papers are as sent)."""
    if shipment is None or shipment.pk is None:
        return False
    status = (
        SkaApplication.objects.filter(shipment=shipment)
        .values_list("status", flat=True)
        .first()
    )
    return status in services.READ_ONLY_STATUSES


def portal_link(name: str, args, text) -> str:
    """A button to a portal page, or a dash while that page does not exist."""
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return "—"
    return format_html('<a class="button" href="{}">{}</a>', url, text)


class ReadOnlyInline(PlainWordsStackedInline):
    """Rows written by the portal's pages: shown here, never changed."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class UsedCountryFilter(admin.SimpleListFilter):
    """Only the countries that appear, by name, not all the world's."""

    title = _("country")
    parameter_name = "country"
    field = "country"

    def lookups(self, request, model_admin):
        codes = (
            model_admin.model.objects.order_by()
            .values_list(self.field, flat=True)
            .distinct()
        )
        return sorted(
            ((code, country_name(code)) for code in codes), key=lambda c: c[1]
        )

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.field: self.value()})
        return queryset


class DestinationFilter(UsedCountryFilter):
    title = _("destination country")
    parameter_name = "destination"
    field = "destination"
