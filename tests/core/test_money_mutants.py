"""Rupiah and counts as people type them: every accepted shape, every refusal exact."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import override

from core.money import (
    MAX_AMOUNT,
    MAX_PRICE,
    MaxNumberValidator,
    MaxRupiahValidator,
    PriceField,
    RupiahField,
    WholeNumberField,
    format_rupiah,
    format_thousands,
    parse_rupiah,
    parse_whole_number,
)

WHOLE_NUMBER = "Enter a whole number, e.g. 12 or 1.000."
WHOLE_RUPIAH = "Enter whole Rupiah, digits only, e.g. 150000 or 150.000."


def _refusal(field: forms.Field, typed) -> ValidationError:
    with override("en"), pytest.raises(ValidationError) as caught:
        field.clean(typed)
    return caught.value


def _messages(error: ValidationError) -> list[str]:
    with override("en"):
        return [str(message) for message in error.messages]


# --- Formatting -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (1_500_000, "1.500.000"),
        (-1500, "-1.500"),
    ],
)
def test_thousands_are_grouped_with_dots(value, text):
    assert format_thousands(value) == text


def test_rupiah_of_a_negative_amount_keeps_the_minus_in_front():
    assert format_rupiah(-1) == "-Rp 1"
    assert format_rupiah(1) == "Rp 1"


# --- Parsing --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1000", 1000),
        ("1.000", 1000),
        ("1,000", 1000),
        (" 1.000 ", 1000),
        ("\t1.000\n", 1000),
        ("1 000", 1000),
        ("1\u00a0000", 1000),
        ("1.000.000", 1_000_000),
        ("-1.000", -1000),
        ("0", 0),
        ("007", 7),
    ],
)
def test_a_whole_number_is_read_as_people_type_it(typed, value):
    assert parse_whole_number(typed) == value


@pytest.mark.parametrize(
    "typed",
    ["", " ", "-", "1.0000", "1.00", "1.5", "12,5", ".000", "1000.000", "1.000,5", "x"],
)
def test_what_is_no_whole_number_is_none(typed):
    assert parse_whole_number(typed) is None


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("Rp 150.000", 150_000),
        ("Rp150.000", 150_000),
        ("rp 150.000", 150_000),
        ("RP 150.000", 150_000),
        ("Rp. 150.000", 150_000),
        ("  Rp 150.000  ", 150_000),
        ("150,000", 150_000),
        ("150000", 150_000),
    ],
)
def test_rupiah_are_read_with_or_without_rp(typed, value):
    assert parse_rupiah(typed) == value


@pytest.mark.parametrize("typed", ["Rp", "Rp ", "Rp 1.0000", "150.000 Rp", "Rp Rp 5"])
def test_what_is_no_rupiah_amount_is_none(typed):
    assert parse_rupiah(typed) is None


def test_a_whole_number_field_does_not_take_rp():
    assert _refusal(WholeNumberField(), "Rp 5").code == "invalid"


# --- Bound validators -----------------------------------------------------------------


def test_the_count_bound_is_written_with_dots():
    validator = MaxNumberValidator(1000)
    assert validator.limit_text() == "1.000"
    validator(1000)
    with override("en"), pytest.raises(ValidationError) as caught:
        validator(1001)
    assert caught.value.code == "max_value"
    assert caught.value.params == {"limit_value": "1.000", "value": 1001}
    assert _messages(caught.value) == ["At most 1.000; check the number."]


def test_the_rupiah_bound_is_written_as_rupiah():
    validator = MaxRupiahValidator(MAX_PRICE)
    assert validator.limit_text() == "Rp 100.000.000"
    validator(MAX_PRICE)
    with override("en"), pytest.raises(ValidationError) as caught:
        validator(MAX_PRICE + 1)
    assert caught.value.code == "max_value"
    assert caught.value.params == {
        "limit_value": "Rp 100.000.000",
        "value": MAX_PRICE + 1,
    }
    assert _messages(caught.value) == [
        "At most Rp 100.000.000; check the number of zeros."
    ]


def test_an_empty_value_is_not_checked_against_the_bound():
    assert MaxNumberValidator(0)(None) is None


# --- Form fields ----------------------------------------------------------------------


def test_a_whole_number_field_reads_the_thousands_dot():
    assert WholeNumberField().clean("1.000") == 1000


@pytest.mark.parametrize("typed", ["", "   "])
def test_a_blank_whole_number_is_missing(typed):
    assert WholeNumberField(required=False).clean(typed) is None
    assert _refusal(WholeNumberField(), typed).code == "required"


def test_a_whole_number_field_refuses_with_its_own_message():
    error = _refusal(WholeNumberField(), "1.0000")
    assert error.code == "invalid"
    assert _messages(error) == [WHOLE_NUMBER]


def test_a_whole_number_field_takes_numbers_that_are_not_text():
    field = WholeNumberField()
    assert field.to_python(5) == 5
    assert field.to_python(None) is None


def test_a_whole_number_field_at_its_bound_passes_and_one_more_is_refused():
    field = WholeNumberField(max_value=1000)
    assert field.max_value == 1000
    assert field.clean("1.000") == 1000
    error = _refusal(field, "1.001")
    assert error.error_list[0].code == "max_value"
    assert _messages(error) == ["At most 1.000; check the number."]


def test_a_whole_number_field_without_a_bound_takes_large_numbers():
    field = WholeNumberField()
    assert field.max_value is None
    assert field.clean("1.000.000.000.000") == 10**12


def test_the_fields_ask_for_the_numeric_keypad_and_no_browser_limits():
    field = WholeNumberField(min_value=0, max_value=10, step_size=1)
    expected = {"inputmode": "numeric", "autocomplete": "off"}
    assert field.widget_attrs(forms.TextInput()) == expected
    # Even on a number input: the browser would refuse the thousands dot.
    assert field.widget_attrs(forms.NumberInput()) == expected


def test_a_field_renders_as_text_on_the_numeric_keypad():
    class CountForm(forms.Form):
        count = WholeNumberField(min_value=1, max_value=10)

    html = str(CountForm()["count"])
    assert 'type="text"' in html
    assert 'inputmode="numeric"' in html
    assert 'autocomplete="off"' in html
    assert "max=" not in html and "min=" not in html


def test_a_rupiah_field_reads_rp_and_has_its_own_message():
    field = RupiahField()
    assert field.clean("Rp 150.000") == 150_000
    error = _refusal(field, "Rp 1.50")
    assert error.code == "invalid"
    assert _messages(error) == [WHOLE_RUPIAH]


def test_a_rupiah_field_is_bounded_by_the_largest_amount():
    field = RupiahField()
    assert field.max_value == MAX_AMOUNT
    assert field.clean(str(MAX_AMOUNT)) == MAX_AMOUNT
    error = _refusal(field, str(MAX_AMOUNT + 1))
    assert error.error_list[0].code == "max_value"
    assert _messages(error) == ["At most Rp 10.000.000.000; check the number of zeros."]


def test_a_rupiah_field_takes_its_own_bound():
    field = RupiahField(max_value=500)
    assert field.clean("500") == 500
    assert _messages(_refusal(field, "501")) == [
        "At most Rp 500; check the number of zeros."
    ]


def test_a_rupiah_field_can_go_without_a_bound():
    assert RupiahField(max_value=None).clean(str(MAX_AMOUNT * 10)) == MAX_AMOUNT * 10


def test_a_rupiah_field_below_its_minimum_says_at_least():
    error = _refusal(RupiahField(min_value=1), "0")
    assert error.error_list[0].code == "min_value"
    assert _messages(error) == ["At least 1."]


def test_a_price_field_is_bounded_by_the_largest_price():
    field = PriceField()
    assert field.max_value == MAX_PRICE
    assert field.clean("Rp 100.000.000") == MAX_PRICE
    error = _refusal(field, "100.000.001")
    assert _messages(error) == ["At most Rp 100.000.000; check the number of zeros."]


def test_a_negative_price_is_refused_as_such():
    error = _refusal(PriceField(min_value=0), "-1")
    assert error.error_list[0].code == "min_value"
    assert _messages(error) == ["A price cannot be negative."]
    assert _messages(_refusal(PriceField(), "x")) == [WHOLE_RUPIAH]
