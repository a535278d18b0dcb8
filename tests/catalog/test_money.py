"""Rupiah as people write it: Rp 150.000, dots between thousands, no decimals."""

from decimal import Decimal

import pytest

from core.money import format_rupiah


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (150000, "Rp 150.000"),
        (1250000, "Rp 1.250.000"),
        (999, "Rp 999"),
        (1000, "Rp 1.000"),
        (0, "Rp 0"),
    ],
)
def test_whole_rupiah_get_dots_between_thousands(amount, expected):
    assert format_rupiah(amount) == expected


def test_decimal_amount_is_written_without_decimals():
    assert format_rupiah(Decimal("150000")) == "Rp 150.000"
    assert format_rupiah(Decimal("1250000.00")) == "Rp 1.250.000"


def test_negative_amount_puts_the_minus_before_rp():
    assert format_rupiah(-150000) == "-Rp 150.000"
    assert format_rupiah(Decimal("-1250000")) == "-Rp 1.250.000"


def test_missing_amount_is_empty():
    assert format_rupiah(None) == ""
