"""Checks of what members and admins type, shared by the forms and the services.

Each raises a ``ValidationError`` keyed by the field it checks, with a code; a
service calls them whatever its caller, a form calls them for an early message.
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.money import MAX_PRICE, format_rupiah, format_thousands
from core.periods import FOUNDING_YEAR, check_recorded_date

from .models import MAX_QUANTITY

# A new rate may be announced ahead, but not further than a year.
MAX_RATE_AHEAD = timedelta(days=366)


def field_error(field: str, message, code: str, params=None) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params)})


def check_quantity(quantity: int | None) -> None:
    if quantity is None:
        raise field_error("quantity", _("Enter how many pieces."), "required")
    if quantity < 1:
        raise field_error(
            "quantity", _("Enter at least 1 piece."), "quantity_too_small"
        )
    if quantity > MAX_QUANTITY:
        raise field_error(
            "quantity",
            _(
                "More than %(max)s pieces at once is too many for one member; "
                "check the number."
            ),
            "quantity_too_large",
            {"max": format_thousands(MAX_QUANTITY)},
        )


def check_made_on(made_on: date | None) -> None:
    check_recorded_date(made_on, field="made_on")


def check_rate(rate: int | None) -> None:
    if rate is None:
        raise field_error("rate", _("Enter the rate per piece."), "required")
    if rate < 0:
        raise field_error("rate", _("A rate cannot be below zero."), "negative_rate")
    if rate > MAX_PRICE:
        raise field_error(
            "rate",
            _("A rate of more than %(max)s per piece is a typing error."),
            "rate_too_large",
            {"max": format_rupiah(MAX_PRICE)},
        )


def check_rate_valid_from(valid_from: datetime) -> None:
    """From 2011 on, and at most a year ahead: a new rate may be announced."""
    if timezone.localtime(valid_from).year < FOUNDING_YEAR:
        raise field_error(
            "valid_from",
            _("A rate cannot start before %(year)s, when the co-op was founded."),
            "before_founding",
            {"year": FOUNDING_YEAR},
        )
    if valid_from > timezone.now() + MAX_RATE_AHEAD:
        raise field_error(
            "valid_from",
            _("A rate can be set at most a year ahead; check the year."),
            "valid_from_too_far",
        )
