"""Rupiah as people write it: Rp 150.000 (dots between thousands, no decimals).

Amounts are whole Rupiah, as ``int`` (or ``Decimal`` read from the database),
never float. Forms accept what Indonesians type: ``150000``, ``150.000`` and
``Rp 150.000``; a dot always groups thousands, it is never a decimal point.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# A price of one piece (32-bit columns on PostgreSQL): Rp 100.000.000.
MAX_PRICE = 100_000_000
# One sum of money, a sale's total or an expense: Rp 10.000.000.000.
MAX_AMOUNT = 10_000_000_000

# 150000, 150.000 or 150,000 (groups of three after the first); "Rp" in front.
_GROUPED = re.compile(r"^-?(\d{1,3}([.,]\d{3})+|\d+)$")
_PREFIX = re.compile(r"(?i)^\s*rp\.?\s*")


def format_thousands(value: int | Decimal) -> str:
    """1500000 as ``1.500.000``: dots between thousands, as Indonesians write."""
    return f"{int(value):,}".replace(",", ".")


def format_rupiah(amount: int | Decimal | None) -> str:
    if amount is None:
        return ""
    value = int(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {format_thousands(abs(value))}"


def parse_whole_number(text: str) -> int | None:
    """``"1.000"`` and ``"1000"`` are one thousand; ``None`` when not a number."""
    value = text.strip().replace(" ", "").replace("\u00a0", "")
    if not _GROUPED.match(value):
        return None
    return int(value.replace(".", "").replace(",", ""))


def parse_rupiah(text: str) -> int | None:
    """``"Rp 150.000"``, ``"150.000"`` or ``"150000"`` as 150000; else ``None``."""
    return parse_whole_number(_PREFIX.sub("", text.strip()))


@deconstructible
class MaxNumberValidator(MaxValueValidator):
    """At most ``limit_value``; the message writes it as people do: ``10.000``.

    A ``MaxValueValidator``, so a model field with it gets no wider limit from
    the database: 10^12 is refused alike on SQLite and PostgreSQL.
    """

    message = _("At most %(limit_value)s; check the number.")

    def limit_text(self) -> str:
        return format_thousands(self.limit_value)

    def __call__(self, value):
        if value is not None and value > self.limit_value:
            raise ValidationError(
                self.message,
                code=self.code,
                params={"limit_value": self.limit_text(), "value": value},
            )


@deconstructible
class MaxRupiahValidator(MaxNumberValidator):
    """At most ``limit_value`` Rupiah, written ``Rp 100.000.000``."""

    message = _("At most %(limit_value)s; check the number of zeros.")

    def limit_text(self) -> str:
        return format_rupiah(self.limit_value)


class WholeNumberField(forms.IntegerField):
    """A count as people type it: ``1000`` or ``1.000``, on the numeric keypad."""

    widget = forms.TextInput
    max_validator = MaxNumberValidator
    default_error_messages = {
        "invalid": _("Enter a whole number, e.g. 12 or 1.000."),
    }

    def __init__(self, *, max_value=None, **kwargs):
        super().__init__(**kwargs)
        # The limit in the message is written with dots, as it is typed.
        self.max_value = max_value
        if max_value is not None:
            self.validators.append(self.max_validator(max_value))

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

    max_validator = MaxRupiahValidator
    default_max = MAX_AMOUNT
    default_error_messages = {
        "invalid": _("Enter whole Rupiah, digits only, e.g. 150000 or 150.000."),
        "min_value": _("At least %(limit_value)s."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_value", self.default_max)
        super().__init__(*args, **kwargs)

    def _parse(self, text: str) -> int | None:
        return parse_rupiah(text)


class PriceField(RupiahField):
    """The price of one piece: at most ``MAX_PRICE``."""

    default_max = MAX_PRICE
    default_error_messages = {"min_value": _("A price cannot be negative.")}
