"""Forms of the ledger pages; the rules themselves live in sales.services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Availability, Status, Variant
from core.money import PriceField, RupiahField, WholeNumberField, format_rupiah
from core.periods import RecordedDateField
from core.photos import PHOTO_ACCEPT
from members.phone import WhatsAppFormField

from .models import ExpenseCategory, SalesChannel
from .rules import MAX_LINES, MAX_QUANTITY
from .services import LineInput


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VariantSelect(forms.Select):
    """A <select> whose options carry the price and stock for the total preview."""

    def __init__(self, *args, details=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.details = details or {}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        detail = self.details.get(str(value))
        if detail:
            option["attrs"]["data-price"] = detail["price"]
            if detail["stock"] is not None:
                option["attrs"]["data-stock"] = detail["stock"]
        return option


def variant_choices() -> tuple[list, dict]:
    """Active variants grouped by product category, for the line <select>s.

    One query; returns the choices and each option's price by value.
    """
    variants = (
        Variant.objects.exclude(product__status=Status.ARCHIVED)
        .select_related("product__category")
        .order_by("product__category__position", "product__name", "position", "id")
    )
    groups: dict[str, list] = {}
    details: dict[str, dict] = {}
    for variant in variants:
        product = variant.product
        preorder = product.availability == Availability.PREORDER
        if preorder:
            stock = _("pre-order")
        else:
            stock = _("stock %(count)s") % {"count": variant.stock}
        label = f"{variant} · {format_rupiah(variant.price)} · {stock}"
        groups.setdefault(product.category.name, []).append((variant.pk, label))
        details[str(variant.pk)] = {
            "price": variant.price,
            "stock": None if preorder else variant.stock,
        }
    choices = [("", _("– choose a product –")), *groups.items()]
    return choices, details


class SaleLineForm(forms.Form):
    variant = forms.IntegerField(label=_("Product"), required=False)
    # 1.000 is one thousand pieces, as it is written in Indonesia.
    quantity = WholeNumberField(
        label=_("Qty"), initial=1, required=False, max_value=MAX_QUANTITY
    )
    unit_price = PriceField(
        label=_("Price each (Rp)"),
        required=False,
        help_text=_("Empty: the current price."),
    )

    def __init__(self, *args, choices=None, details=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Any number is accepted here; sale_create says when a product is
        # unknown or archived, with its name.
        self.fields["variant"].widget = VariantSelect(
            choices=choices or [], details=details, attrs={"class": "form-select"}
        )
        self.fields["quantity"].widget.attrs["class"] = "form-control"
        self.fields["unit_price"].widget.attrs.update(
            {"class": "form-control", "placeholder": _("current price")}
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        variant, quantity = cleaned.get("variant"), cleaned.get("quantity")
        if variant is None:
            if quantity not in (None, 1) or cleaned.get("unit_price") is not None:
                self.add_error("variant", _("Choose the product of this line."))
            return cleaned
        if quantity is None or quantity < 1:
            self.add_error("quantity", _("At least 1 piece."))
        price = cleaned.get("unit_price")
        if price is not None and price < 0:
            self.add_error("unit_price", _("A price cannot be negative."))
        return cleaned

    def line_input(self) -> LineInput | None:
        data = self.cleaned_data
        if not data or data.get("variant") is None:
            return None
        return LineInput(
            variant_id=data["variant"],
            quantity=data["quantity"],
            unit_price=data.get("unit_price"),
        )


class BaseSaleLineFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        choices, details = variant_choices()
        kwargs.setdefault("form_kwargs", {}).update(choices=choices, details=details)
        super().__init__(*args, **kwargs)

    def lines(self) -> list[LineInput]:
        return [line for form in self.forms if (line := form.line_input())]

    def clean(self):
        if any(self.errors):
            return
        if not self.lines():
            raise ValidationError(_("Add at least one product."), code="no_lines")


SaleLineFormSet = forms.formset_factory(
    SaleLineForm,
    formset=BaseSaleLineFormSet,
    extra=3,
    max_num=MAX_LINES,
    validate_max=True,
    absolute_max=MAX_LINES,
)


class PaidChoice:
    PAID = "lunas"
    UNPAID = "belum"


class SaleForm(forms.Form):
    date = RecordedDateField(label=_("Date of sale"))
    channel = forms.ChoiceField(
        label=_("Sold through"), choices=SalesChannel.choices, widget=forms.RadioSelect
    )
    customer_name = forms.CharField(
        label=_("Customer (optional)"), max_length=120, required=False
    )
    customer_whatsapp = WhatsAppFormField(
        label=_("Customer's WhatsApp (optional)"), required=False
    )
    discount = RupiahField(label=_("Discount (Rp)"), required=False, initial=0)
    shipping_charged = RupiahField(
        label=_("Shipping charged (Rp)"),
        required=False,
        initial=0,
        help_text=_("What the buyer paid for shipping."),
    )
    marketplace_fee = RupiahField(
        label=_("Marketplace fee (Rp)"),
        required=False,
        initial=0,
        help_text=_("What Shopee or another marketplace keeps."),
    )
    paid = forms.ChoiceField(
        label=_("Payment"),
        choices=[
            (PaidChoice.PAID, _("Paid in full (lunas)")),
            (PaidChoice.UNPAID, _("Not paid yet (belum lunas)")),
        ],
        initial=PaidChoice.PAID,
        widget=forms.RadioSelect,
    )
    due_date = forms.DateField(
        label=_("Payment due on"), required=False, widget=_date_widget()
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        self.fields["channel"].initial = SalesChannel.WHATSAPP
        for name in ("discount", "shipping_charged", "marketplace_fee"):
            self.fields[name].widget.attrs["placeholder"] = "0"

    def _filled(self, *names: str) -> bool:
        """Any of the fields has an error or a value other than empty or 0."""
        return any(
            name in self.errors
            or str(self[name].value() or "").strip() not in ("", "0")
            for name in names
        )

    @property
    def money_open(self) -> bool:
        return self._filled("discount", "shipping_charged", "marketplace_fee")

    @property
    def customer_open(self) -> bool:
        return self._filled("customer_name", "customer_whatsapp", "note")

    def clean(self):
        cleaned = super().clean()
        for name in ("discount", "shipping_charged", "marketplace_fee"):
            if cleaned.get(name) is None and name not in self.errors:
                cleaned[name] = 0
        if cleaned.get("paid") == PaidChoice.UNPAID:
            if cleaned.get("due_date") is None and "due_date" not in self.errors:
                self.add_error(
                    "due_date", _("When will the buyer pay? Enter the due date.")
                )
        else:
            cleaned["due_date"] = None
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "date",
                "channel",
                "customer_name",
                "customer_whatsapp",
                "discount",
                "shipping_charged",
                "marketplace_fee",
                "due_date",
                "note",
            )
        }


class ReverseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"),
        max_length=500,
        error_messages={
            "required": _("Write why it is reversed, e.g. “returned by the buyer”.")
        },
        widget=forms.TextInput(
            attrs={"placeholder": _("e.g. returned by the buyer, typing error")}
        ),
    )


class PaymentForm(forms.Form):
    amount = RupiahField(
        label=_("Amount received (Rp)"),
        min_value=1,
        error_messages={
            "required": _("Enter the amount received."),
            "min_value": _("The amount must be more than Rp 0."),
        },
    )
    date = RecordedDateField(label=_("Received on"))
    note = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)

    def __init__(self, *args, outstanding: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        if outstanding:
            self.fields["amount"].initial = outstanding


class ExpenseForm(forms.Form):
    date = RecordedDateField(label=_("Date"))
    category = forms.ChoiceField(
        label=_("What for"),
        # Wages are paid on the wages page, which knows the member and month.
        choices=[
            choice
            for choice in ExpenseCategory.choices
            if choice[0] != ExpenseCategory.MEMBER_WAGES
        ],
        widget=forms.RadioSelect,
    )
    amount = RupiahField(
        label=_("Amount (Rp)"),
        min_value=1,
        error_messages={
            "required": _("Enter the amount."),
            "min_value": _("The amount must be more than Rp 0."),
        },
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: 10 balls of cotton yarn from Toko Benang Sari."),
    )
    receipt = forms.FileField(
        label=_("Photo of the receipt (optional)"),
        required=False,
        help_text=_(
            "Take a photo or pick one from the gallery. JPEG, PNG, WebP, HEIC."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": PHOTO_ACCEPT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


class WagesPayForm(forms.Form):
    member = forms.IntegerField()
    month = forms.DateField(input_formats=["%Y-%m"])
    amount = forms.IntegerField(min_value=1)


class MemberWagesPayForm(forms.Form):
    """All unpaid months of one member, at the total she was shown."""

    member = forms.IntegerField()
    amount = forms.IntegerField(min_value=1)
