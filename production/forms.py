from collections.abc import Callable

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from core.money import RupiahField, WholeNumberField
from core.periods import RecordedDateField
from core.photos import PHOTO_ACCEPT

from .models import MAX_QUANTITY, PieceRate
from .rules import check_made_on, check_quantity, check_rate, check_rate_valid_from


def _checked(check: Callable, value, field: str):
    """``value`` through a rule of ``production.rules``, its error as the field's."""
    try:
        check(value)
    except forms.ValidationError as error:
        raise error.error_dict[field][0] from error
    return value


class HandInForm(forms.Form):
    max_quantity = MAX_QUANTITY  # for the stepper's + button

    variant = forms.ModelChoiceField(
        label=_("Which one"), queryset=None, empty_label=None
    )
    # 1.000 is one thousand, as it is written in Indonesia.
    quantity = WholeNumberField(label=_("How many pieces"), initial=1)
    made_on = RecordedDateField(label=_("Finished on"))
    photo = forms.FileField(
        label=_("Photo of the pieces (optional)"),
        required=False,
        # No "capture": on Android it opens the camera only and hides the
        # gallery, and a member often photographs the piece when it is done and
        # hands it in later. The phone asks her: camera or gallery.
        # data-resize: photo-resize.js makes a camera photo smaller before sending.
        widget=forms.FileInput(
            attrs={"accept": PHOTO_ACCEPT, "class": "photo-input", "data-resize": ""}
        ),
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
        if len(variants) == 1:
            self.fields["variant"].initial = variants[0].pk
            self.fields["variant"].widget = forms.HiddenInput()

    def clean_quantity(self) -> int:
        return _checked(check_quantity, self.cleaned_data["quantity"], "quantity")

    def clean_made_on(self):
        return _checked(check_made_on, self.cleaned_data["made_on"], "made_on")


#: Reasons an admin taps instead of typing; the member reads the text.
QUICK_REASONS = {
    "loose": _("Loose stitches"),
    "size": _("Size does not match"),
    "colour": _("Colour does not match"),
    "dirty": _("Dirty or stained"),
}


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Why rejected"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )
    # A quick-reason button sends its key when the page runs without scripts.
    quick_reason = forms.ChoiceField(
        choices=list(QUICK_REASONS.items()),
        required=False,
        error_messages={"invalid_choice": _("Choose one of the quick reasons.")},
    )

    def clean(self):
        cleaned = super().clean()
        quick = cleaned.get("quick_reason")
        reason = (cleaned.get("reason") or "").strip()
        if quick:
            # Tapped without scripts after typing: both reach the member.
            quick_text = str(QUICK_REASONS[quick])
            reason = f"{quick_text}: {reason}" if reason else quick_text
        if not reason and not self.errors:
            self.add_error(
                "reason", _("Write why, so the member can do better next time.")
            )
        cleaned["reason"] = reason
        return cleaned


class PieceRateForm(forms.ModelForm):
    # The limit is the rule's, with its own message.
    rate = RupiahField(label=_("rate per piece (Rp)"), max_value=None)

    class Meta:
        model = PieceRate
        fields = ["product", "rate", "valid_from"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("valid_from", timezone.localtime())

    def clean_rate(self):
        return _checked(check_rate, self.cleaned_data["rate"], "rate")

    def clean_valid_from(self):
        valid_from = self.cleaned_data["valid_from"]
        if valid_from is None:
            return valid_from
        return _checked(check_rate_valid_from, valid_from, "valid_from")
