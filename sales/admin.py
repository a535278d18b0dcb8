"""The ledger in the admin: to look things up, never to change them.

Sales and expenses are recorded, posted and reversed on the entry pages, where
the services keep stock and numbers right; here every entry is read-only, with
a link to its page.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import PlainWordsAdmin, PlainWordsStackedInline
from core.money import format_rupiah
from core.templatetags.core_tags import photo_img

from .models import EntryStatus, Expense, Payment, Sale, SaleLine


class ReadOnlyMixin:
    """Nothing is added, changed or deleted here; viewing needs the view permission."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Stacked: a table's columns would run off a phone's screen.
class SaleLineInline(ReadOnlyMixin, PlainWordsStackedInline):
    model = SaleLine
    extra = 0
    fields = ["variant", "quantity", "unit_price", "line_total", "takes_stock"]
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        # A line is shown by its variant, and a variant by its product's name.
        return super().get_queryset(request).select_related("variant__product")


class PaymentInline(ReadOnlyMixin, PlainWordsStackedInline):
    model = Payment
    extra = 0
    fields = ["date", "amount", "note", "recorded_by", "recorded_at"]
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        # A payment is named after its sale.
        return super().get_queryset(request).select_related("sale", "recorded_by")


class LedgerStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("posted", _("Posted")),
            ("reversal", _("Reversal")),
            ("reversed", _("Reversed")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "draft":
            return queryset.filter(status=EntryStatus.DRAFT)
        if value == "posted":
            return queryset.filter(status=EntryStatus.POSTED)
        if value == "reversal":
            return queryset.filter(reverses__isnull=False)
        if value == "reversed":
            return queryset.filter(is_reversed=True)
        return queryset


class LedgerAdmin(ReadOnlyMixin, PlainWordsAdmin):
    list_filter = [LedgerStatusFilter]
    help_texts = {
        "status": _(
            "An entry made final is never changed: a mistake is corrected with "
            "a reversal on the entry page."
        ),
        "reverses": _("Only on a reversal: the entry it cancels."),
    }
    date_hierarchy = "date"
    list_per_page = 50
    actions = None

    def get_queryset(self, request):
        return super().get_queryset(request).with_is_reversed()

    @admin.display(description=_("number"), ordering="number")
    def number_display(self, obj) -> str:
        return obj.number or _("Draft")

    @admin.display(description=_("status"))
    def status_display(self, obj) -> str:
        if obj.status == EntryStatus.DRAFT:
            return _("Draft")
        if obj.reverses_id:
            return _("Reversal of %(number)s") % {"number": obj.reverses.number}
        if getattr(obj, "is_reversed", False):
            return _("Reversed")
        return _("Posted")

    @admin.display(description=_("page"))
    def entry_page(self, obj) -> str:
        return format_html(
            '<a class="button" href="{}">{}</a>',
            self.entry_url(obj),
            _("Open on the entry page"),
        )


@admin.register(Sale)
class SaleAdmin(LedgerAdmin):
    list_display = [
        "number_display",
        "date",
        "channel",
        "customer_name",
        "total_display",
        "status_display",
    ]
    list_filter = [LedgerStatusFilter, "channel", "date"]
    list_select_related = ["reverses"]
    search_fields = ["number", "customer_name", "customer_whatsapp"]
    inlines = [SaleLineInline, PaymentInline]
    help_texts = {
        **LedgerAdmin.help_texts,
        "marketplace_fee": _("What the marketplace took off this sale."),
    }
    fields = [
        "entry_page",
        "number",
        "status",
        "date",
        "channel",
        "customer_name",
        "customer_whatsapp",
        "subtotal",
        "discount",
        "shipping_charged",
        "marketplace_fee",
        "total",
        "due_date",
        "reverses",
        "note",
        "created_by",
        "created_at",
        "posted_by",
        "posted_at",
    ]
    readonly_fields = fields

    def entry_url(self, obj) -> str:
        return reverse("sales:sale-detail", args=[obj.pk])

    @admin.display(description=_("total"), ordering="total")
    def total_display(self, obj: Sale) -> str:
        return format_rupiah(obj.total)


@admin.register(Expense)
class ExpenseAdmin(LedgerAdmin):
    list_display = [
        "number_display",
        "date",
        "category",
        "amount_display",
        "member",
        "status_display",
    ]
    list_filter = [LedgerStatusFilter, "category", "date"]
    list_select_related = ["reverses", "member"]
    search_fields = ["number", "note", "member__full_name"]
    help_texts = {
        **LedgerAdmin.help_texts,
        "member": _("Only for member wages: who was paid."),
    }
    fields = [
        "entry_page",
        "number",
        "status",
        "date",
        "category",
        "amount",
        "member",
        "wage_month",
        "receipt_photo",
        "reverses",
        "note",
        "created_by",
        "created_at",
        "posted_by",
        "posted_at",
    ]
    readonly_fields = fields

    def entry_url(self, obj) -> str:
        return reverse("sales:expense-list") + f"#expense-{obj.pk}"

    @admin.display(description=_("receipt"))
    def receipt_photo(self, obj: Expense):
        receipt = getattr(obj, "receipt", None)
        if receipt is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            receipt.original.url,
            photo_img(receipt, sizes="160px", css_class="admin-thumb"),
        )

    @admin.display(description=_("amount"), ordering="amount")
    def amount_display(self, obj: Expense) -> str:
        return format_rupiah(obj.amount)
