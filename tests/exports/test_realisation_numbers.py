"""Numbers as realisation tables write them, read exactly; shown the Indonesian way."""

from decimal import Decimal

import pytest

from exports.realisation.numbers import (
    INDONESIAN,
    PLAIN,
    NumberError,
    format_number,
    parse_number,
    plain,
    style_of,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("137.782,70", "137782.70"),
        ("137782.70", "137782.70"),
        ("137,782.70", "137782.70"),
        ("1.234.567", "1234567"),
        ("1,234,567", "1234567"),
        ("1.234.567,891", "1234567.891"),
        ("0,5", "0.5"),
        ("0.5", "0.5"),
        ("1234,567", "1234.567"),
        ("1234.567", "1234.567"),
        ("12", "12"),
        ("137 782,70", "137782.70"),
        ("137\u00a0782,70", "137782.70"),
        (",5", "0.5"),
    ],
)
def test_a_number_with_a_clear_shape_is_read_exactly(text, expected):
    assert parse_number(text) == Decimal(expected)
    assert str(parse_number(text)) == expected


@pytest.mark.parametrize(
    ("text", "style", "expected"),
    [
        ("1.234", INDONESIAN, "1234"),
        ("1.234", PLAIN, "1.234"),
        ("1,234", INDONESIAN, "1.234"),
        ("1,234", PLAIN, "1234"),
    ],
)
def test_a_thousand_or_a_decimal_is_read_in_the_file_s_style(text, style, expected):
    assert parse_number(text, style) == Decimal(expected)


@pytest.mark.parametrize("text", ["1.234", "1,234", "999.000"])
def test_a_number_that_reads_two_ways_is_refused_without_a_style(text):
    with pytest.raises(NumberError) as error:
        parse_number(text)
    assert error.value.code == "ambiguous"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("  ", "empty"),
        ("-5", "negative"),
        ("abc", "invalid"),
        ("12a", "invalid"),
        ("1.23.4", "invalid"),
        ("1,2,3", "invalid"),
        ("1.234,5,6", "invalid"),
        ("12.34.567,8", "invalid"),
        ("1e5", "invalid"),
        ("1..2", "invalid"),
    ],
)
def test_a_bad_number_is_refused_with_its_reason(text, code):
    with pytest.raises(NumberError) as error:
        parse_number(text, INDONESIAN)
    assert error.value.code == code


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("137.782,70", INDONESIAN),
        ("1.234.567", INDONESIAN),
        ("0,5", INDONESIAN),
        ("137782.70", PLAIN),
        ("1,234,567", PLAIN),
        ("1,234.5", PLAIN),
        ("1.234", None),
        ("1234", None),
    ],
)
def test_the_style_of_a_number_is_told_by_its_shape(text, style):
    assert style_of(text) == style


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (Decimal("240795.83"), 2, "240.795,83"),
        (Decimal("240795.835"), 2, "240.795,84"),
        (Decimal("1234567.8915"), 3, "1.234.567,892"),
        (Decimal("0"), 3, "0,000"),
        (Decimal("-0.001"), 2, "0,00"),
        (Decimal("-0.33"), 2, "-0,33"),
        (12, 2, "12,00"),
    ],
)
def test_numbers_are_shown_the_indonesian_way(value, places, shown):
    assert format_number(value, places) == shown


def test_plain_numbers_keep_their_decimals_but_not_trailing_zeros():
    assert str(plain(Decimal("333.333000"), 3)) == "333.333"
    assert str(plain(Decimal("1000.000000"), 3)) == "1000.000"
    assert str(plain(Decimal("0.3333333"), 3)) == "0.3333333"
    assert str(plain(Decimal("5"), 2)) == "5.00"
