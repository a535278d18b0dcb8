"""Numbers as realisation tables write them: ``137.782,70`` or ``137782.70``.

Indonesian tables group thousands with dots and write the decimals after a
comma; plain tables (and English ones) use a dot for the decimals, and may
group thousands with commas. Each number is read by its own shape:

- both a dot and a comma: the last of the two is the decimal sign
  (``137.782,70`` and ``137,782.70`` are both 137782.70);
- several dots, or several commas: they group thousands (``1.234.567``);
- one comma not followed by exactly three digits: decimal comma (``0,5``);
- one dot not followed by exactly three digits: decimal point (``137782.70``);
- one dot or comma followed by exactly three digits (``1.234``, ``1,234``) is
  ambiguous: it is read in the style of the rest of the file (a file whose other
  numbers are Indonesian reads ``1.234`` as 1234; a plain file reads it as 1.234).
  When the file gives no clue, or mixes both styles, such a number is refused.

Spaces (also no-break and thin spaces) between digit groups are ignored.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

INDONESIAN = "id"
PLAIN = "plain"

_SPACES = re.compile(r"[\s\u00a0\u2009\u202f']")
_DIGITS = re.compile(r"^\d+$")
_GROUPED_TAIL = re.compile(r"^\d{1,3}(?:\d{3})*$")


class NumberError(ValueError):
    """The text is not a number; the message says why, in the portal's words."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _grouped(whole: str, separator: str) -> bool:
    """``1.234.567`` grouped by ``separator``: 1-3 digits, then groups of three."""
    parts = whole.split(separator)
    return (
        bool(parts[0])
        and len(parts[0]) <= 3
        and all(p.isdigit() for p in parts)
        and all(len(p) == 3 for p in parts[1:])
    )


def style_of(text: str) -> str | None:
    """``"id"`` or ``"plain"`` when the number shows its style, else ``None``."""
    value = _SPACES.sub("", text or "").lstrip("-")
    dots, commas = value.count("."), value.count(",")
    if dots and commas:
        return INDONESIAN if value.rfind(",") > value.rfind(".") else PLAIN
    if dots > 1:
        return INDONESIAN
    if commas > 1:
        return PLAIN
    if dots == 1 or commas == 1:
        separator = "." if dots else ","
        whole, tail = value.split(separator)
        if len(tail) == 3 and 1 <= len(whole) <= 3:
            return None  # 1.234 or 1,234: either style
        return PLAIN if dots else INDONESIAN
    return None


def parse_number(text: str, style: str | None = None) -> Decimal:
    """The number written in ``text``; ``style`` settles ``1.234`` and ``1,234``.

    Raises ``NumberError`` with a code: ``empty``, ``negative``, ``ambiguous``
    or ``invalid``.
    """
    value = _SPACES.sub("", text or "")
    if not value:
        raise NumberError("empty")
    if value.startswith("-"):
        raise NumberError("negative")
    dots, commas = value.count("."), value.count(",")
    if dots and commas:
        decimal_sign = "," if value.rfind(",") > value.rfind(".") else "."
        group_sign = "." if decimal_sign == "," else ","
        if value.count(decimal_sign) != 1:
            raise NumberError("invalid")
        whole, tail = value.split(decimal_sign)
        if not _grouped(whole, group_sign) or not _DIGITS.match(tail):
            raise NumberError("invalid")
        return _decimal(whole.replace(group_sign, "") + "." + tail)
    if dots > 1 or commas > 1:
        separator = "." if dots else ","
        if not _grouped(value, separator):
            raise NumberError("invalid")
        return _decimal(value.replace(separator, ""))
    if dots == 1 or commas == 1:
        separator = "." if dots else ","
        whole, tail = value.split(separator)
        if not _DIGITS.match(whole or "0") or not _DIGITS.match(tail):
            raise NumberError("invalid")
        if len(tail) == 3 and 1 <= len(whole) <= 3:
            if style is None:
                raise NumberError("ambiguous")
            groups = (style == INDONESIAN) == (separator == ".")
            if groups:
                return _decimal(whole + tail)
        return _decimal((whole or "0") + "." + tail)
    if not _DIGITS.match(value):
        raise NumberError("invalid")
    return _decimal(value)


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation as error:  # pragma: no cover - the shapes above are digits
        raise NumberError("invalid") from error


def decimal_places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def format_number(value: Decimal | int | None, places: int) -> str:
    """``240795.8333`` as ``240.795,83``: Indonesian grouping, rounded half up."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-places)
    rounded = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never "-0,00"
    text = f"{rounded:,.{places}f}"
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def plain(value: Decimal, places: int) -> Decimal:
    """At least ``places`` decimals, more only where the value has them."""
    value = Decimal(value)
    shortest = value.normalize()
    if decimal_places(shortest) < places:
        return value.quantize(Decimal(1).scaleb(-places))
    return shortest
