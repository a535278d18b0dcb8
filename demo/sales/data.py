"""What the demo year is made of: customers, channels, months, rounding."""

import random
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings

from sales.models import SalesChannel

MONTHS = 12
# Months whose wages are still unpaid (the current one and the one before).
UNPAID_WAGE_MONTHS = 2

CUSTOMERS = [
    ("Bu Ratna", "6281227001101"),
    ("Mbak Dewi Purwokerto", "6285727001102"),
    ("Ibu Lestari", ""),
    ("Pak Joko (reseller Bobotsari)", "6282227001103"),
    ("Nadia", "6281327001104"),
    ("Rina Semarang", ""),
    ("Bu Hartini", "6287827001105"),
    ("Toko Oleh-oleh Braling", "6281227001106"),
    ("Putri", ""),
    ("Mbak Anis Cilacap", "6285627001107"),
    ("", ""),
    ("", ""),
]
RETURN_REASONS = [
    "Dikembalikan pembeli: warna tidak sesuai pesanan.",
    "Salah catat, pesanan dibatalkan pembeli.",
    "Retur Shopee: ukuran kekecilan.",
]


def channel_weights(month_index: int) -> dict[str, float]:
    """WhatsApp and Shopee lead; Instagram and the online shop grow each month."""
    return {
        SalesChannel.WHATSAPP: 34,
        SalesChannel.SHOPEE: 28,
        SalesChannel.INSTAGRAM: 3 + 2.5 * month_index,
        SalesChannel.STOREFRONT: 1 + month_index,
        SalesChannel.FACEBOOK: 3,
        SalesChannel.OFFLINE: 8,
        SalesChannel.BAZAAR: 25 if month_index in (2, 6, 9) else 1,
        SalesChannel.RESELLER: 5,
    }


def pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def percent_in_thousands(amount: int, percent: int) -> int:
    """``percent`` % of whole Rupiah, to the nearest Rp 1.000, without floats."""
    return (amount * percent + 50_000) // 100_000 * 1000


def moment(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))
