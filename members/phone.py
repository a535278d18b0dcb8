"""WhatsApp numbers: whatever the member types, stored as digits with country code."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# Spaces, dashes, dots and brackets are how people group digits; they carry nothing.
_SEPARATORS = re.compile(r"[\s\-./()]")
# An Indonesian number after 62: 8 (landline) to 12 (longest mobile) digits.
_ID_MIN, _ID_MAX = 8, 12
# ITU E.164: a full international number has at most 15 digits.
_INTL_MIN, _INTL_MAX = 8, 15


def normalize_whatsapp(raw: str) -> str:
    """Return the number as digits starting with the country code (``62...``)."""
    value = _SEPARATORS.sub("", raw or "")
    if not value:
        raise ValidationError(_("Enter a WhatsApp number."), code="required")
    international = value.startswith("+")
    if international:
        value = value[1:]
    elif value.startswith("00"):
        international, value = True, value[2:]
    if not value.isdigit():
        raise ValidationError(
            _(
                "A WhatsApp number may only contain digits, spaces, dashes and a "
                "leading +, e.g. 0812-3456-7890."
            ),
            code="invalid_characters",
        )

    if international and not value.startswith("62"):
        if not _INTL_MIN <= len(value) <= _INTL_MAX:
            raise ValidationError(
                _("This international number has the wrong length."),
                code="bad_length",
            )
        return value

    if value.startswith("62"):
        national = value[2:]
    elif value.startswith("0"):
        national = value[1:]
    elif value.startswith("8"):
        national = value
    else:
        raise ValidationError(
            _(
                "Start an Indonesian number with 08 or +62. A number from another "
                "country needs + and its country code, e.g. +60 12 345 6789."
            ),
            code="foreign_without_plus",
        )
    # "+62 0812..." is a common slip: the trunk 0 does not belong after 62.
    national = national.removeprefix("0")
    if len(national) < _ID_MIN:
        raise ValidationError(
            _("This number is too short; check that no digit is missing."),
            code="too_short",
        )
    if len(national) > _ID_MAX:
        raise ValidationError(
            _("This number is too long; check that no digit was typed twice."),
            code="too_long",
        )
    return "62" + national


def format_whatsapp(number: str) -> str:
    """Show a stored number the way people read it: ``+62 812-3456-7890``."""
    if not number:
        return ""
    if not number.startswith("62"):
        return f"+{number}"
    rest = number[2:]
    groups = [rest[:3], rest[3:7], rest[7:]]
    return "+62 " + "-".join(group for group in groups if group)


class WhatsAppFormField(forms.CharField):
    """A text input that accepts common ways of writing a number and normalises it."""

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 32
        kwargs.setdefault(
            "help_text", _("For example 0812-3456-7890 or +62 812 3456 7890.")
        )
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        return attrs

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        return normalize_whatsapp(value)


def validate_stored_whatsapp(value: str) -> None:
    if value and normalize_whatsapp(value) != value:
        raise ValidationError(_("Store WhatsApp numbers normalised (62...)."))


class WhatsAppField(models.CharField):
    """Digits with country code; forms accept ``0812-...`` or ``+62 ...`` too."""

    default_validators = [validate_stored_whatsapp]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 16)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WhatsAppFormField, **kwargs})
