from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import PlainWordsAdmin, PlainWordsStackedInline
from core.money import format_rupiah
from core.templatetags.core_tags import photo_img

from .descriptions import allowed_placeholders
from .forms import ProductAdminForm, VariantFormSet, VariantInlineForm
from .models import (
    Category,
    DescriptionTemplate,
    Product,
    ProductPhoto,
    Status,
    StockMovement,
    StockReason,
    Variant,
)
from .services import product_set_status
from .stock import stock_add


@admin.register(Category)
class CategoryAdmin(PlainWordsAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    help_texts = {"slug": _("The category's web address, filled in from the name.")}


# Stacked, not a table: on a phone a table hides its columns off the screen and
# its help behind a tooltip that only a mouse can open.
class VariantInline(PlainWordsStackedInline):
    model = Variant
    form = VariantInlineForm
    formset = VariantFormSet
    extra = 0
    min_num = 1
    validate_min = True
    fields = [
        "option1",
        "option2",
        "sku",
        "price_override",
        "stock_card",
        "opening_stock",
        "position",
    ]
    # Stock is shown, never written here: it changes through sales, hand-ins
    # and the stock count, each booked on the variant's stock card.
    readonly_fields = ["stock_card"]
    help_texts = {
        "stock_card": _("The stock card lists every piece in and out."),
    }

    @admin.display(description=_("stock"))
    def stock_card(self, obj: Variant):
        if not obj.pk:
            return "—"
        return format_html(
            '<a class="button" href="{}">{} · {}</a>',
            obj.get_stock_card_url(),
            obj.stock,
            _("Stock card"),
        )


class ProductPhotoInline(PlainWordsStackedInline):
    model = ProductPhoto
    extra = 0
    fields = ["thumbnail", "alt_text", "position", "variant"]
    readonly_fields = ["thumbnail"]
    verbose_name_plural = _("Photos (add them with “Add photos” above)")
    help_texts = {
        "position": _("Smaller numbers come first; the first photo is the main one."),
        "variant": _("Only when the photo shows one variant, e.g. the red one."),
    }

    def has_add_permission(self, request, obj=None):
        # Photos come in through the photo page, where the pipeline cleans them.
        return False

    def get_queryset(self, request):
        # A photo without a description is named after its product.
        return super().get_queryset(request).select_related("product")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name != "variant":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        # Only this product's variants, not every variant of the shop.
        product_id = request.resolver_match.kwargs.get("object_id")
        kwargs["queryset"] = Variant.objects.filter(
            product_id=product_id
        ).select_related("product")
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        # Read once for the page, not once for every photo's form.
        field.choices = list(field.choices)
        return field

    @admin.display(description=_("photo"))
    def thumbnail(self, obj: ProductPhoto):
        return photo_img(obj, sizes="120px", css_class="admin-thumb")


class LowStockFilter(admin.SimpleListFilter):
    title = _("stock")
    parameter_name = "stock"

    def lookups(self, request, model_admin):
        return [("low", _("Low stock"))]

    def queryset(self, request, queryset):
        if self.value() == "low":
            low_ids = Product.objects.low_stock().values("pk")
            return queryset.filter(pk__in=low_ids)
        return queryset


@admin.register(Product)
class ProductAdmin(PlainWordsAdmin):
    form = ProductAdminForm
    list_display = [
        "thumbnail",
        "name",
        "sku",
        "category",
        "price_display",
        "stock_display",
        "status",
        "availability",
    ]
    list_display_links = ["thumbnail", "name"]
    list_filter = ["status", "category", LowStockFilter, "availability"]
    search_fields = ["name", "sku", "variants__sku"]
    list_select_related = ["category"]
    help_texts = {
        "sku": _("The product's code, e.g. HR-001; its variants' codes start with it."),
        "status": _(
            "Draft: only the co-op sees it. Published: shown in the shop. "
            "Archived: no longer sold."
        ),
        "price": _("The price of one piece, e.g. 150.000."),
        "availability": _(
            "Ready stock: sold from the pieces in stock. Pre-order: knitted after "
            "the buyer pays."
        ),
        "materials": _("For example Benang katun susu."),
        "colours": _("For example Merah, Krem."),
        "weight_grams": _("With its packing, for the shipping cost."),
        "makers": _(
            "Tick the members who knit this product. The shop names only those "
            "who agreed (first name)."
        ),
        "shopee_url": _("Copy it from the product's page in the Shopee app."),
    }
    readonly_fields = ["links", "created_at", "updated_at"]
    inlines = [VariantInline, ProductPhotoInline]
    actions = ["publish", "archive"]
    list_per_page = 50
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "links",
                    "name",
                    "slug",
                    "sku",
                    "category",
                    "status",
                    "featured",
                ]
            },
        ),
        (
            _("Price and stock"),
            {
                "fields": [
                    "price",
                    "material_cost",
                    "availability",
                    "lead_time_days",
                    "low_stock_threshold",
                ]
            },
        ),
        (
            _("Description"),
            {
                "fields": [
                    "description",
                    "materials",
                    "dimensions",
                    "weight_grams",
                    "colours",
                    "care_instructions",
                    "hashtags",
                    "makers",
                ]
            },
        ),
        (_("Variations"), {"fields": ["variation1_name", "variation2_name"]}),
        (
            _("Marketplaces and export"),
            {"fields": ["shopee_url", "hs_code", "created_at", "updated_at"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_stock()
            .prefetch_related(
                Prefetch(
                    "photos", queryset=ProductPhoto.objects.order_by("position", "id")
                )
            )
        )

    @admin.display(description=_("photo"))
    def thumbnail(self, obj: Product):
        photos = list(obj.photos.all())
        return (
            photo_img(photos[0], sizes="64px", css_class="admin-thumb")
            if photos
            else "—"
        )

    @admin.display(description=_("price"), ordering="price")
    def price_display(self, obj: Product) -> str:
        return format_rupiah(obj.price)

    @admin.display(description=_("stock"), ordering="total_stock")
    def stock_display(self, obj: Product):
        if obj.is_preorder:
            return _("pre-order")
        if obj.total_stock <= obj.low_stock_threshold:
            return format_html('<strong class="low-stock">{}</strong>', obj.total_stock)
        return obj.total_stock

    @admin.display(description=_("pages"))
    def links(self, obj: Product):
        if not obj.pk:
            return _("Save the product first, then add photos.")
        return format_html(
            '<a class="button" href="{}">{}</a> <a class="button" href="{}">{}</a> '
            '<a class="button" href="{}">{}</a>',
            obj.get_photos_url(),
            _("Add photos"),
            obj.get_absolute_url(),
            _("Text for each channel"),
            reverse("catalog:stock-count", args=[obj.pk]),
            _("Stock count (stok opname)"),
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        # A new variant's opening stock is booked, like every change of stock,
        # as a movement on its stock card.
        for variant, quantity in getattr(formset, "opening_balances", []):
            stock_add(
                variant_id=variant.pk,
                quantity=quantity,
                reason=StockReason.OPENING,
                by=request.user,
            )

    def _set_status(self, request, queryset, status: Status) -> None:
        done, refused = 0, []
        for product in queryset:
            try:
                product_set_status(product=product, status=status)
                done += 1
            except ValidationError:
                refused.append(product.name)
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d product updated.", "%(count)d products updated.", done
                )
                % {"count": done},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                _(
                    "Not published, they need a photo with a description first: "
                    "%(names)s"
                )
                % {"names": ", ".join(refused)},
                messages.ERROR,
            )

    @admin.action(description=_("Publish selected products"))
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Archive selected products"))
    def archive(self, request, queryset):
        self._set_status(request, queryset, Status.ARCHIVED)

    def response_add(self, request, obj, post_url_continue=None):
        # After creating a product the next step is its photos.
        if "_addanother" not in request.POST and "_continue" not in request.POST:
            from django.shortcuts import redirect

            return redirect(obj.get_photos_url())
        return super().response_add(request, obj, post_url_continue)


@admin.register(DescriptionTemplate)
class DescriptionTemplateAdmin(PlainWordsAdmin):
    list_display = ["channel", "title", "updated_at"]
    readonly_fields = ["placeholders"]
    fields = ["channel", "title", "body", "placeholders"]
    help_texts = {
        "body": _(
            "The text posted for each product. Words in curly brackets, like "
            "{nama}, are filled in from the product: see the list below."
        ),
    }

    @admin.display(description=_("placeholders you can use"))
    def placeholders(self, obj):
        return allowed_placeholders()


@admin.register(StockMovement)
class StockMovementAdmin(PlainWordsAdmin):
    """All stock cards together, read-only: movements are written by the services."""

    list_display = [
        "created_at",
        "variant",
        "quantity",
        "reason",
        "balance_after",
        "created_by",
        "note",
    ]
    list_filter = ["reason"]
    search_fields = ["variant__sku", "variant__product__name", "note"]
    list_select_related = ["variant__product", "created_by"]
    date_hierarchy = "created_at"
    list_per_page = 50
    fields = [
        "created_at",
        "variant",
        "quantity",
        "reason",
        "source_link",
        "balance_after",
        "created_by",
        "note",
    ]
    readonly_fields = fields

    @admin.display(description=_("comes from"))
    def source_link(self, obj: StockMovement):
        label, url = obj.source_label, obj.source_url
        if not label:
            return "—"
        return format_html('<a href="{}">{}</a>', url, label) if url else label

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
