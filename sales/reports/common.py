"""What the report builders share: months or years, and their labels."""

from datetime import date

from django.utils.formats import date_format

from ..selectors import Period

# More months than this are shown per year, or the bars get too thin to read.
MAX_MONTHS = 36


def grain_of(period: Period) -> str:
    return "year" if len(period.months()) > MAX_MONTHS else "month"


def start_label(start: date, grain: str) -> str:
    return str(start.year) if grain == "year" else date_format(start, "M Y")
