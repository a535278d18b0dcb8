"""Months and periods: the first day of a month, months back, a date range form."""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Nothing the co-op records can be older than the co-op (founded 2011).
FOUNDING_YEAR = 2011
FOUNDING_DAY = date(FOUNDING_YEAR, 1, 1)


def check_recorded_date(value: date | None, *, field: str | None = None) -> None:
    """The day something happened: not after today (Asia/Jakarta), not before 2011.

    Raises a ``ValidationError`` coded ``required``, ``future_date`` or
    ``before_founding``; with ``field``, keyed by that field, as services raise.
    """
    if value is None:
        error = ValidationError(gettext_lazy("Enter the date."), code="required")
    elif value > timezone.localdate():
        error = ValidationError(
            gettext_lazy(
                "%(date)s is after today. Enter the day it happened, "
                "today at the latest."
            ),
            code="future_date",
            params={"date": date_format(value, "j F Y")},
        )
    elif value < FOUNDING_DAY:
        error = ValidationError(
            gettext_lazy(
                "%(date)s is before %(year)s, when the co-op was founded. "
                "Check the year."
            ),
            code="before_founding",
            params={"date": date_format(value, "j F Y"), "year": FOUNDING_YEAR},
        )
    else:
        return
    if field:
        raise ValidationError({field: error})
    raise error


class RecordedDateInput(forms.DateInput):
    """A date picker that offers only the days from 2011 up to today."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def get_context(self, name, value, attrs):
        # Worked out when shown: the server runs past midnight.
        attrs = {
            "min": FOUNDING_DAY.isoformat(),
            "max": timezone.localdate().isoformat(),
            **(attrs or {}),
        }
        return super().get_context(name, value, attrs)


class RecordedDateField(forms.DateField):
    """The day something happened, checked by ``check_recorded_date``."""

    widget = RecordedDateInput
    default_validators = [check_recorded_date]


def month_start(day: date) -> date:
    return day.replace(day=1)


def months_back(day: date, months: int) -> date:
    """The first day of the month ``months`` months before ``day``'s month."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def month_from_text(value: str | None) -> date | None:
    """``"2026-03"`` as 1 March 2026; ``None`` when it is not a month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError):
        return None


@dataclass(frozen=True)
class Period:
    """Dates inclusive at both ends; ``None`` is open."""

    date_from: date | None = None
    date_to: date | None = None

    @classmethod
    def last_months(cls, months: int = 12, *, today: date | None = None):
        today = today or timezone.localdate()
        return cls(date_from=months_back(today, months - 1), date_to=today)

    def months(self) -> list[date]:
        """First days of the months from ``date_from`` to ``date_to``."""
        start = (self.date_from or timezone.localdate()).replace(day=1)
        end = (self.date_to or timezone.localdate()).replace(day=1)
        count = (end.year - start.year) * 12 + end.month - start.month + 1
        return [months_back(start, -index) for index in range(max(count, 0))]

    def years(self) -> list[date]:
        start = (self.date_from or timezone.localdate()).year
        end = (self.date_to or timezone.localdate()).year
        return [date(year, 1, 1) for year in range(start, end + 1)]

    def filter_dates(self, rows: QuerySet, field: str = "date") -> QuerySet:
        if self.date_from:
            rows = rows.filter(**{f"{field}__gte": self.date_from})
        if self.date_to:
            rows = rows.filter(**{f"{field}__lte": self.date_to})
        return rows

    def dates_text(self) -> str:
        if self.date_from and self.date_to:
            return _("%(start)s to %(end)s") % {
                "start": date_format(self.date_from, "j M Y"),
                "end": date_format(self.date_to, "j M Y"),
            }
        if self.date_from:
            return _("from %(start)s") % {"start": date_format(self.date_from, "j M Y")}
        if self.date_to:
            return _("up to %(end)s") % {"end": date_format(self.date_to, "j M Y")}
        return _("all dates")

    def slug(self) -> str:
        """``2025-04-01_2026-03-31``, for file names."""
        start = self.date_from.isoformat() if self.date_from else "awal"
        end = (self.date_to or timezone.localdate()).isoformat()
        return f"{start}_{end}"


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    """A date range from the query string; both ends optional."""

    date_from = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=_date_input(),
        error_messages={
            "invalid": gettext_lazy("Enter the start date as a date, e.g. 2026-01-31.")
        },
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=_date_input(),
        error_messages={
            "invalid": gettext_lazy("Enter the end date as a date, e.g. 2026-03-31.")
        },
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(
                _("The start date is after the end date. Swap them and try again."),
                code="reversed_period",
            )
        return cleaned

    def dates(self, *, default_months: int | None = None) -> tuple:
        """The chosen dates; with no start, the last months (or all time)."""
        data = self.cleaned_data if self.is_bound else {}
        start, end = data.get("date_from"), data.get("date_to")
        if default_months and not start:
            end = end or timezone.localdate()
            start = months_back(end, default_months - 1)
        return start, end
