"""Forms of the export pages: they read what the admin typed; services decide."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from core.countries import country_choices, country_name

from .models import Buyer, Shipment, ShipmentLine, SkaForm
from .services.shipments import LINE_FORM_FIELDS, SHIPMENT_PAPERS
from .templatetags.exports_tags import format_decimal

# 240.795,83 or 240795,83 (dots group thousands, a comma before the decimals).
_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^-?\d+(,\d+)?$")
# What the phone offers to pick: PDFs and photos.
DOCUMENT_ACCEPT = "application/pdf,image/*"
_HS_SEPARATORS = re.compile(r"[\s.\-]")


def parse_decimal(text: str) -> Decimal | None:
    """``"240.795,83"`` or ``"240795,83"`` as Decimal("240795.83"); else None.

    As everywhere in the portal, a dot groups thousands; decimals follow a comma.
    """
    value = text.strip().replace(" ", "").replace("\u00a0", "")
    if not (_GROUPED.match(value) or _PLAIN.match(value)):
        return None
    try:
        return Decimal(value.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


class IndonesianDecimalField(forms.DecimalField):
    """A decimal typed the Indonesian way: ``1.250,50``."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        number = parse_decimal(str(value))
        if number is None:
            raise ValidationError(
                _("Write a number with a comma before the decimals, e.g. 1.250,50."),
                code="invalid",
            )
        return number

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_decimal(value, self.decimal_places or 0)
        return value

    def widget_attrs(self, widget):
        # No "step" and no "min": a text field that takes Indonesian numbers.
        return forms.Field.widget_attrs(self, widget)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class BuyerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Buyer) -> str:
        return f"{obj.name} ({country_name(obj.country)})"


class ProductChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Product) -> str:
        if obj.hs_code:
            return f"{obj.name} · HS {obj.hs_code}"
        return f"{obj.name} · {_('no HS code yet')}"


def _country_field(label) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=lambda: [("", _("Choose a country"))] + list(country_choices()),
    )


class ShipmentForm(forms.ModelForm):
    """All the papers of a shipment; the new-shipment page asks only the first few."""

    buyer = BuyerChoiceField(
        label=_("Buyer"), queryset=Buyer.objects.all(), empty_label=_("Choose a buyer")
    )
    destination = _country_field(_("Destination country"))

    class Meta:
        model = Shipment
        fields = SHIPMENT_PAPERS
        field_classes = {"invoice_total_usd": IndonesianDecimalField}
        widgets = {
            "invoice_date": DateInput(),
            "peb_date": DateInput(),
            "transport_doc_date": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
            "transport": forms.RadioSelect,
        }
        labels = {"invoice_total_usd": _("Invoice total (USD, FOB)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("invoice_date", "peb_date", "transport_doc_date"):
            if name in self.fields:
                self.fields[name].help_text = ""
        if "invoice_total_usd" in self.fields:
            self.fields["invoice_total_usd"].help_text = _(
                "As printed on the commercial invoice, e.g. 1.250,50."
            )

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


NEW_SHIPMENT_FIELDS = [
    "buyer",
    "destination",
    "invoice_number",
    "invoice_date",
    "incoterm",
    "transport",
]


class NewShipmentForm(ShipmentForm):
    class Meta(ShipmentForm.Meta):
        fields = NEW_SHIPMENT_FIELDS


class BuyerForm(forms.ModelForm):
    country = _country_field(_("Country"))

    class Meta:
        model = Buyer
        fields = ["name", "address", "country"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class LineForm(forms.ModelForm):
    product = ProductChoiceField(
        label=_("Product"),
        queryset=Product.objects.order_by("name"),
        empty_label=_("Choose a product"),
    )
    # Longer than 8: "4202.29.00" as printed on papers is read as 42022900.
    hs_code = forms.CharField(
        label=capfirst(_("HS code")), required=False, max_length=16
    )

    class Meta:
        model = ShipmentLine
        fields = LINE_FORM_FIELDS
        field_classes = {
            "net_kg": IndonesianDecimalField,
            "gross_kg": IndonesianDecimalField,
            "fob_usd": IndonesianDecimalField,
            "rvc_percent": IndonesianDecimalField,
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "quantity": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "packed_quantity": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, adding: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.adding = adding
        self.fields["hs_code"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off"}
        )
        if adding:
            self.fields["hs_code"].help_text = _(
                "Leave empty to take the product's HS code."
            )
            self.fields["description"].help_text = _(
                "Leave empty to take the product's name."
            )
        else:
            self.fields["hs_code"].help_text = _("8 digits, e.g. 42022900.")
        self.fields["net_kg"].help_text = _("e.g. 12,500")
        self.fields["fob_usd"].help_text = _("e.g. 1.250,50")
        self.fields["rvc_percent"].help_text = _("Only for the RVC criterion.")
        self.fields["origin_criterion"].choices = [("", _("Not chosen yet"))] + list(
            self.fields["origin_criterion"].choices
        )[1:]

    def clean_hs_code(self) -> str:
        code = _HS_SEPARATORS.sub("", self.cleaned_data.get("hs_code") or "")
        if code and not re.fullmatch(r"\d{8}", code):
            raise ValidationError(
                _("An HS code has exactly 8 digits, e.g. 42022900."), code="hs_code"
            )
        return code

    def service_fields(self) -> dict:
        fields = {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name != "product"
        }
        if self.adding:
            # Empty: the service takes the product's HS code and name.
            for name in ("hs_code", "description"):
                if not fields[name]:
                    fields.pop(name)
        return fields


class DocumentForm(forms.Form):
    upload = forms.FileField(
        label=_("File (PDF or photo)"),
        widget=forms.FileInput(attrs={"accept": DOCUMENT_ACCEPT}),
    )


class FormChoiceForm(forms.Form):
    form = forms.ModelChoiceField(
        label=_("Certificate form"),
        queryset=SkaForm.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args, forms_offered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = SkaForm.objects.filter(
            pk__in=[form.pk for form in forms_offered]
        )


class SubmitForm(forms.Form):
    reference = forms.CharField(
        label=_("e-SKA reference"),
        max_length=60,
        help_text=_("The number e-SKA gave the application."),
    )


class IssueForm(forms.Form):
    number = forms.CharField(label=_("SKA number"), max_length=60)
    date = forms.DateField(label=_("SKA date"), widget=DateInput())


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("As the issuing office wrote it."),
    )
