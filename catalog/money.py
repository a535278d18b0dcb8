"""Rupiah as people write it: Rp 150.000 (dots between thousands, no decimals)."""

from decimal import Decimal


def format_rupiah(amount: int | Decimal | None) -> str:
    if amount is None:
        return ""
    value = int(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {abs(value):,}".replace(",", ".")
