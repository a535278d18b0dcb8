"""The customer's order request form, and the admin list's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.money import WholeNumberField
from members.phone import WhatsAppFormField

from ..models import OrderStatus
from .services import MAX_QUANTITY

NOTE_LENGTH = 1000
# A field people never see: a bot that fills every input fills this one too.
HONEYPOT = "website"


class OrderRequestForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        error_messages={
            "required": _("Please write your name, so we know whom to answer."),
            "max_length": _(
                "The name is too long: at most %(limit_value)d characters."
            ),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    whatsapp = WhatsAppFormField(
        label=_("Your WhatsApp number"),
        help_text=_("We answer you on this number."),
        error_messages={"required": _("Please write your WhatsApp number.")},
        widget=forms.TextInput(attrs={"placeholder": "0812-3456-7890"}),
    )
    quantity = WholeNumberField(
        label=_("How many pieces?"),
        min_value=1,
        max_value=MAX_QUANTITY,
        initial=1,
        error_messages={
            "required": _("Write how many pieces you would like, e.g. 1."),
            "invalid": _("Write the number of pieces in digits, e.g. 2."),
            "min_value": _("At least 1 piece."),
            "max_value": _(
                "At most %(limit_value)s pieces in one request; for more, chat "
                "with us on WhatsApp."
            ),
        },
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=NOTE_LENGTH,
        help_text=_("Colour, size, when you need it, where to send it…"),
        error_messages={
            "max_length": _(
                "The note is too long: at most %(limit_value)d characters "
                "(yours has %(show_value)d)."
            )
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def is_bot(self) -> bool:
        """Whether the hidden field was filled (read after ``is_valid``)."""
        return bool(self.cleaned_data.get(HONEYPOT, "").strip())


STATUS_ALL = "all"


class OrderFilterForm(forms.Form):
    """The admin list's filters, from the query string; a wrong value is ignored."""

    status = forms.ChoiceField(
        required=False,
        choices=[*OrderStatus.choices, (STATUS_ALL, _("All"))],
    )
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name, number or product")}
        ),
    )

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or OrderStatus.PENDING
        return {
            "status": "" if status == STATUS_ALL else status,
            "query": (data.get("q") or "").strip(),
        }
