from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import PlainWordsAdmin
from core.money import format_rupiah
from core.templatetags.core_tags import photo_img

from . import services
from .forms import PieceRateForm
from .models import HandIn, PieceRate, ProductionTarget


@admin.register(PieceRate)
class PieceRateAdmin(PlainWordsAdmin):
    form = PieceRateForm
    help_texts = {
        "rate": _("What a member earns for one accepted piece, e.g. 25.000."),
        "valid_from": _(
            "The new rate counts for pieces accepted from then on; pieces "
            "accepted earlier keep their rate."
        ),
    }
    list_display = ["product", "rate_display", "valid_from", "created_by"]
    list_filter = ["product__category"]
    search_fields = ["product__name", "product__sku"]
    list_select_related = ["product", "created_by"]
    date_hierarchy = "valid_from"

    @admin.display(description=_("rate per piece"), ordering="rate")
    def rate_display(self, obj: PieceRate) -> str:
        return format_rupiah(obj.rate)

    def has_change_permission(self, request, obj=None):
        # A rate is history: a new rate is added, an old one never changes.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # Through the service, so its checks hold here too; the form ran them.
        saved = services.piece_rate_set(
            product=obj.product,
            rate=obj.rate,
            valid_from=obj.valid_from,
            set_by=request.user,
        )
        obj.pk, obj.created_by, obj.created_at = (
            saved.pk,
            saved.created_by,
            saved.created_at,
        )
        obj._state.adding = False


@admin.register(HandIn)
class HandInAdmin(PlainWordsAdmin):
    list_display = [
        "thumbnail",
        "member",
        "variant",
        "quantity",
        "made_on",
        "status",
        "grade",
        "earned_display",
    ]
    # The member's name opens the row too: a hand-in without photo has only a dash.
    list_display_links = ["thumbnail", "member"]
    list_filter = ["status", "grade", "product__category", "made_on"]
    search_fields = ["member__full_name", "product__name", "product__sku"]
    list_select_related = ["member", "variant__product", "photo"]
    date_hierarchy = "made_on"
    readonly_fields = [
        "member",
        "product",
        "variant",
        "quantity",
        "made_on",
        "note",
        "photo_preview",
        "status",
        "grade",
        "reject_reason",
        "piece_rate",
        "submitted_at",
        "submitted_by",
        "reviewed_at",
        "reviewed_by",
    ]
    help_texts = {
        "piece_rate": _("The rate when the pieces were accepted; it stays the same."),
        "status": _("Checked on the “Check hand-ins” page, not here."),
    }

    def has_add_permission(self, request):
        # Members hand in through their own page; admins check on the review page.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("photo"))
    def thumbnail(self, obj: HandIn):
        photo = getattr(obj, "photo", None)
        return photo_img(photo, sizes="64px", css_class="admin-thumb") or "—"

    @admin.display(description=_("photo"))
    def photo_preview(self, obj: HandIn):
        return photo_img(getattr(obj, "photo", None), sizes="320px") or "—"

    @admin.display(description=_("earned"))
    def earned_display(self, obj: HandIn) -> str:
        return format_rupiah(obj.earned) if obj.earned else "—"


@admin.register(ProductionTarget)
class ProductionTargetAdmin(PlainWordsAdmin):
    list_display = ["month", "product", "member", "quantity"]
    list_filter = ["month", "product__category"]
    search_fields = ["product__name", "member__full_name"]
    list_select_related = ["product", "member"]
