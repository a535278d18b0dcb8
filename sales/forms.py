"""Forms of the ledger pages; the rules themselves live in sales.services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Variant
from core.money import PriceField, RupiahField, WholeNumberField
from core.periods import RecordedDateField
from core.photos import PHOTO_ACCEPT
from members.phone import WhatsAppFormField

from .models import ExpenseCategory, SalesChannel
from .rules import MAX_LINES, MAX_QUANTITY
from .selectors.picker import variant_for_text, with_thumbnails
from .services import LineInput


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SaleLineForm(forms.Form):
    # Set by the picker; a typed SKU or name takes its place when given.
    variant = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Rendered by sales/_line.html as the picker's search field.
    product = forms.CharField(
        label=_("Find the product: name or SKU"), required=False, max_length=100
    )
    # 1.000 is one thousand pieces, as it is written in Indonesia.
    quantity = WholeNumberField(
        label=_("Qty"), initial=1, required=False, max_value=MAX_QUANTITY
    )
    unit_price = PriceField(
        label=_("Price each (Rp)"),
        required=False,
        help_text=_("Empty: the current price."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The chosen variant, with its thumbnail, as the line shows it.
        self.chosen: Variant | None = None
        self.fields["quantity"].widget.attrs["class"] = "form-control"
        self.fields["unit_price"].widget.attrs.update(
            {"class": "form-control", "placeholder": _("current price")}
        )

    def _resolve_typed(self, cleaned: dict) -> None:
        text = (cleaned.get("product") or "").strip()
        if not text or "product" in self.errors:
            return
        try:
            variant = variant_for_text(text)
        except ValidationError as error:
            self.add_error("product", error)
            return
        cleaned["variant"] = variant.pk
        # Shown again as chosen, should another field be refused.
        self.data = self.data.copy()
        self.data[self.add_prefix("variant")] = str(variant.pk)
        self.data[self.add_prefix("product")] = ""

    def clean(self):
        cleaned = super().clean()
        self._resolve_typed(cleaned)
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

    def chosen_id(self) -> int | None:
        if not self.is_bound:
            value = self.initial.get("variant")
        else:
            value = getattr(self, "cleaned_data", {}).get("variant")
        try:
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

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
    def lines(self) -> list[LineInput]:
        return [line for form in self.forms if (line := form.line_input())]

    def clean(self):
        if any(self.errors):
            return
        if not self.lines():
            raise ValidationError(_("Add at least one product."), code="no_lines")

    def load_chosen(self) -> None:
        """The chosen products of every line, for showing the form again."""
        ids = {pk for form in self.forms if (pk := form.chosen_id())}
        if not ids:
            return
        found = with_thumbnails(
            list(Variant.objects.select_related("product").filter(pk__in=ids))
        )
        by_pk = {variant.pk: variant for variant in found}
        for form in self.forms:
            form.chosen = by_pk.get(form.chosen_id())


# One line at first; "Add a product" adds more in the page.
SaleLineFormSet = forms.formset_factory(
    SaleLineForm,
    formset=BaseSaleLineFormSet,
    extra=1,
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
        # Made smaller on the phone before it is sent (static/js/photo-resize.js).
        widget=forms.ClearableFileInput(
            attrs={"accept": PHOTO_ACCEPT, "data-resize": ""}
        ),
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
