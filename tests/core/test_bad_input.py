"""The shared checks of core: recorded dates, whole numbers and Rupiah, photo size."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db.migrations.writer import MigrationWriter
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from core.money import (
    MAX_AMOUNT,
    MAX_PRICE,
    MaxNumberValidator,
    MaxRupiahValidator,
    PriceField,
    RupiahField,
    WholeNumberField,
)
from core.periods import (
    FOUNDING_DAY,
    RecordedDateField,
    check_recorded_date,
)
from core.photos import MAX_BYTES, PhotoRejected, process_photo
from tests.catalog.factories import jpeg_bytes


def t(message: str, **params) -> str:
    with translation.override("id"):
        return gettext(message) % params if params else gettext(message)


def day_text(day: date) -> str:
    with translation.override("id"):
        return date_format(day, "j F Y")


# Recorded dates -----------------------------------------------------------------


def test_today_and_the_founding_day_are_accepted():
    check_recorded_date(timezone.localdate())
    check_recorded_date(FOUNDING_DAY)
    assert date(2011, 1, 1) == FOUNDING_DAY


def test_tomorrow_is_refused_as_a_future_date():
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as caught, translation.override("id"):
        check_recorded_date(tomorrow)
    assert caught.value.code == "future_date"
    assert caught.value.messages == [
        t(
            "%(date)s is after today. Enter the day it happened, today at the latest.",
            date=day_text(tomorrow),
        )
    ]


def test_the_day_before_the_founding_is_refused():
    with pytest.raises(ValidationError) as caught, translation.override("id"):
        check_recorded_date(date(2010, 12, 31))
    assert caught.value.code == "before_founding"
    assert caught.value.messages == [
        t(
            "%(date)s is before %(year)s, when the co-op was founded. Check the year.",
            date=day_text(date(2010, 12, 31)),
            year=2011,
        )
    ]


def test_a_missing_date_is_refused():
    with pytest.raises(ValidationError) as caught:
        check_recorded_date(None)
    assert caught.value.code == "required"


def test_with_a_field_the_error_is_keyed_by_it():
    with pytest.raises(ValidationError) as caught:
        check_recorded_date(date(2099, 1, 1), field="made_on")
    assert caught.value.error_dict["made_on"][0].code == "future_date"


def test_today_is_taken_in_jakarta_not_in_utc(monkeypatch):
    # 20:00 UTC on 31 December is already 1 January in Jakarta (UTC+7).
    moment = datetime(2030, 12, 31, 20, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    check_recorded_date(date(2031, 1, 1))
    with pytest.raises(ValidationError):
        check_recorded_date(date(2031, 1, 2))


class DateForm(forms.Form):
    day = RecordedDateField()


def test_the_date_field_uses_the_same_check():
    form = DateForm({"day": "2099-01-01"})
    assert not form.is_valid()
    assert form.errors.as_data()["day"][0].code == "future_date"
    assert DateForm({"day": "2011-01-01"}).is_valid()


def test_the_date_picker_offers_only_days_from_2011_to_today():
    page = str(DateForm()["day"])
    assert 'type="date"' in page
    assert 'min="2011-01-01"' in page
    assert f'max="{timezone.localdate().isoformat()}"' in page


# Whole numbers and Rupiah ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.000", 1000),
        ("1000", 1000),
        ("1,000", 1000),
        ("12", 12),
        ("1.000.000", 10**6),
    ],
)
def test_a_whole_number_reads_the_thousands_dot(typed, value):
    assert WholeNumberField().clean(typed) == value


@pytest.mark.parametrize("typed", ["1.5", "1.00", "1.0000", "satu", "1.000,5"])
def test_what_is_not_a_whole_number_is_refused(typed):
    with pytest.raises(ValidationError) as caught:
        WholeNumberField().clean(typed)
    assert caught.value.code == "invalid"


def test_a_whole_number_at_its_bound_passes_and_one_more_is_refused():
    field = WholeNumberField(max_value=1000)
    assert field.clean("1.000") == 1000
    with pytest.raises(ValidationError) as caught:
        field.clean("1.001")
    assert caught.value.error_list[0].code == "max_value"
    assert caught.value.messages == [
        t("At most %(limit_value)s; check the number.", limit_value="1.000")
    ]


@pytest.mark.parametrize(
    ("field", "limit", "text"),
    [
        (PriceField(), MAX_PRICE, "Rp 100.000.000"),
        (RupiahField(), MAX_AMOUNT, "Rp 10.000.000.000"),
    ],
)
def test_rupiah_at_the_bound_pass_and_one_more_is_refused(field, limit, text):
    assert field.clean(f"Rp {limit:,}".replace(",", ".")) == limit
    assert field.clean(str(limit)) == limit
    with pytest.raises(ValidationError) as caught:
        field.clean(str(limit + 1))
    assert caught.value.error_list[0].code == "max_value"
    assert caught.value.messages == [
        t("At most %(limit_value)s; check the number of zeros.", limit_value=text)
    ]


def test_the_number_fields_are_text_fields_on_the_numeric_keypad():
    attrs = PriceField().widget_attrs(PriceField().widget)
    assert attrs["inputmode"] == "numeric"
    assert "max" not in attrs and "min" not in attrs


@pytest.mark.parametrize(
    ("validator", "limit"),
    [(MaxRupiahValidator(MAX_PRICE), MAX_PRICE), (MaxNumberValidator(1000), 1000)],
)
def test_the_bound_validators_take_the_bound_and_refuse_one_more(validator, limit):
    validator(limit)
    validator(None)
    with pytest.raises(ValidationError) as caught:
        validator(limit + 1)
    assert caught.value.code == "max_value"


def test_the_bound_validators_can_be_written_into_migrations():
    text, imports = MigrationWriter.serialize(MaxRupiahValidator(MAX_PRICE))
    assert text == "core.money.MaxRupiahValidator(100000000)"
    assert imports == {"import core.money"}
    assert MaxRupiahValidator(5) == MaxRupiahValidator(5)


# Photo size ------------------------------------------------------------------------


class SizedUpload(io.BytesIO):
    """A small real photo that says it is ``size`` bytes, as an upload does."""

    def __init__(self, size: int):
        super().__init__(jpeg_bytes(64, 48))
        self.size = size


def test_a_photo_of_exactly_the_largest_size_is_processed():
    assert process_photo(SizedUpload(MAX_BYTES)).width == 64


def test_a_photo_one_byte_larger_is_refused_before_decoding():
    with pytest.raises(PhotoRejected) as caught:
        process_photo(SizedUpload(MAX_BYTES + 1))
    assert caught.value.code == "too_large"
