"""Rupiah as people write it: Rp 150.000 (dots between thousands, no decimals).

Amounts are whole Rupiah, as ``int`` (or ``Decimal`` read from the database),
never float. Forms accept what Indonesians type: ``150000``, ``150.000`` and
``Rp 150.000``; a dot always groups thousands, it is never a decimal point.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A price of one piece (32-bit columns on PostgreSQL): Rp 100.000.000.
MAX_PRICE = 100_000_000
# One sum of money, a sale's total or an expense: Rp 10.000.000.000.
MAX_AMOUNT = 10_000_000_000

# 150000, 150.000 or 150,000 (groups of three after the first); "Rp" in front.
_GROUPED = re.compile(r"^-?(\d{1,3}([.,]\d{3})+|\d+)$")
_PREFIX = re.compile(r"(?i)^\s*rp\.?\s*")


def format_rupiah(amount: int | Decimal | None) -> str:
    if amount is None:
        return ""
    value = int(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {abs(value):,}".replace(",", ".")


def parse_whole_number(text: str) -> int | None:
    """``"1.000"`` and ``"1000"`` are one thousand; ``None`` when not a number."""
    value = text.strip().replace(" ", "").replace("\u00a0", "")
    if not _GROUPED.match(value):
        return None
    return int(value.replace(".", "").replace(",", ""))


def parse_rupiah(text: str) -> int | None:
    """``"Rp 150.000"``, ``"150.000"`` or ``"150000"`` as 150000; else ``None``."""
    return parse_whole_number(_PREFIX.sub("", text.strip()))


class WholeNumberField(forms.IntegerField):
    """A count as people type it: ``1000`` or ``1.000``, on the numeric keypad."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("Enter a whole number, e.g. 12 or 1.000."),
    }

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # A text field, so dots between thousands are allowed; numeric keypad.
        attrs.pop("min", None)
        attrs.pop("max", None)
        attrs.pop("step", None)
        attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        return attrs

    def _parse(self, text: str) -> int | None:
        return parse_whole_number(text)

    def to_python(self, value):
        if isinstance(value, str):
            if not value.strip():
                return None
            parsed = self._parse(value)
            if parsed is None:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            return parsed
        return super().to_python(value)


class RupiahField(WholeNumberField):
    """Whole Rupiah: ``150000``, ``150.000`` or ``Rp 150.000``."""

    default_error_messages = {
        "invalid": _("Enter whole Rupiah, digits only, e.g. 150000 or 150.000."),
        "max_value": _("At most %(limit_value)s; check the number of zeros."),
        "min_value": _("At least %(limit_value)s."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_value", MAX_AMOUNT)
        super().__init__(*args, **kwargs)

    def _parse(self, text: str) -> int | None:
        return parse_rupiah(text)
