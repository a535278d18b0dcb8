"""Numbers as Indonesians write them on export papers: 240.795,83."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

from core.countries import country_name

register = template.Library()

STATUS_BADGES = {
    "draft": "text-bg-secondary",
    "ready": "text-bg-primary",
    "submitted": "text-bg-info",
    "verified": "text-bg-info",
    "issued": "text-bg-success",
    "rejected": "text-bg-danger",
}


def format_decimal(value, places: int = 2) -> str:
    """Decimal(240795.834) with 2 places as ``240.795,83`` (never through float)."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    quantum = Decimal(1).scaleb(-places)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _dot, fraction = f"{abs(number):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if places else f"{sign}{grouped}"


@register.filter
def id_decimal(value, places=2) -> str:
    return format_decimal(value, int(places))


@register.filter
def usd(value) -> str:
    """``USD 1.234,50``; empty when there is no amount."""
    text = format_decimal(value, 2)
    return f"USD {text}" if text else ""


@register.filter
def kg(value) -> str:
    text = format_decimal(value, 3)
    return f"{text} kg" if text else ""


@register.filter
def country(code) -> str:
    """The country's name in the page's language."""
    return country_name(str(code or ""))


@register.filter
def status_badge(status) -> str:
    return STATUS_BADGES.get(str(status), "text-bg-secondary")
