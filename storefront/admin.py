from django.contrib import admin
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.admin import PlainWordsAdmin

from .models import OrderRequest, ShopeeCategory, ShopSettings


@admin.register(ShopSettings)
class ShopSettingsAdmin(PlainWordsAdmin):
    """One row: the list page opens it straight away."""

    # A link typed without its scheme is a web address: https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    help_texts = {
        "about_text": _("Shown on the shop's “About us” page."),
        "address": _("Shown on the shop's contact page."),
        "shopee_url": _("Copy it from the shop's page in the Shopee app."),
    }

    fieldsets = [
        (_("Ordering"), {"fields": ["whatsapp", "shopee_url"]}),
        (_("Social media"), {"fields": ["instagram_url", "facebook_url"]}),
        (_("About the co-op"), {"fields": ["tagline", "about_text", "address"]}),
    ]

    def has_add_permission(self, request):
        return not ShopSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not ShopSettings.objects.exists():
            return HttpResponseRedirect(reverse("admin:storefront_shopsettings_add"))
        return HttpResponseRedirect(
            reverse("admin:storefront_shopsettings_change", args=[1])
        )


@admin.register(ShopeeCategory)
class ShopeeCategoryAdmin(PlainWordsAdmin):
    list_display = ["category", "shopee_category_id"]
    list_editable = ["shopee_category_id"]
    list_select_related = ["category"]


@admin.register(OrderRequest)
class OrderRequestAdmin(PlainWordsAdmin):
    list_display = ["created_at", "name", "whatsapp", "variant", "quantity", "status"]
    list_filter = ["status", "created_at"]
    search_fields = ["name", "whatsapp", "variant__sku", "variant__product__name"]
    list_select_related = ["variant__product"]
    readonly_fields = [
        "name",
        "whatsapp",
        "variant",
        "quantity",
        "note",
        "unit_price",
        "status",
        "sale",
        "handled_by",
        "handled_at",
        "created_at",
    ]

    help_texts = {
        "status": _("Answered on the order requests page, not here."),
        "sale": _("The sale made from this request, if there is one."),
    }

    def has_add_permission(self, request):
        return False
