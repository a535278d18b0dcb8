from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from core.photos import PHOTO_ACCEPT

from .models import MAX_QUANTITY, PieceRate
from .services import check_made_on, check_quantity


class HandInForm(forms.Form):
    variant = forms.ModelChoiceField(
        label=_("Which one"), queryset=None, empty_label=None
    )
    quantity = forms.IntegerField(
        label=_("How many pieces"),
        initial=1,
        widget=forms.NumberInput(
            attrs={"inputmode": "numeric", "min": 1, "max": MAX_QUANTITY}
        ),
    )
    made_on = forms.DateField(
        label=_("Finished on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    photo = forms.FileField(
        label=_("Photo of the pieces"),
        required=False,
        help_text=_(
            "Take a photo or pick one from the gallery. JPEG, PNG, WebP, HEIC."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": PHOTO_ACCEPT}),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, product: Product, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        variants = product.variants.all()
        self.fields["variant"].queryset = variants
        self.fields["made_on"].initial = timezone.localdate()
        self.fields["made_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        if len(variants) == 1:
            self.fields["variant"].initial = variants[0].pk
            self.fields["variant"].widget = forms.HiddenInput()

    def clean_quantity(self) -> int:
        quantity = self.cleaned_data["quantity"]
        try:
            check_quantity(quantity)
        except forms.ValidationError as error:
            raise error.error_dict["quantity"][0] from error
        return quantity

    def clean_made_on(self):
        made_on = self.cleaned_data["made_on"]
        try:
            check_made_on(made_on)
        except forms.ValidationError as error:
            raise error.error_dict["made_on"][0] from error
        return made_on


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Why rejected"),
        max_length=500,
        error_messages={
            "required": _("Write why, so the member can do better next time.")
        },
    )


class PieceRateForm(forms.ModelForm):
    class Meta:
        model = PieceRate
        fields = ["product", "rate", "valid_from"]

    def clean_rate(self):
        rate = self.cleaned_data["rate"]
        if rate is not None and rate < 0:
            raise forms.ValidationError(_("A rate cannot be below zero."))
        return rate
