"""A year of demo bookkeeping: sales, payments, returns, expenses and wages.

Called by seed_demo after the catalog, production and training demo data. Every
entry goes through the services, so numbers, stock and payments are as real:
each month the members first hand in (and the admin accepts) the pieces that
month's sales need, then the sales are recorded and posted in date order.
Dates of acceptances and of the entries' bookkeeping times are moved into the
past afterwards, which the services cannot do.
"""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from catalog.models import Product, Variant
from core.periods import months_back
from production.models import PieceRate
from production.services import piece_rate_set
from sales.models import Expense, Sale

from .data import MONTHS, moment, percent_in_thousands
from .seeder import Seeder


def _piece_rates(admin, since: datetime) -> None:
    """Every product gets a piece rate from a year ago, if it has none yet."""
    with_rate = PieceRate.objects.values("product_id")
    for product in Product.objects.exclude(pk__in=with_rate):
        piece_rate_set(
            product=product,
            rate=percent_in_thousands(product.price, 30),
            set_by=admin,
            valid_from=since,
        )


def seed_sales() -> None:
    """A year of sales, expenses and wages; does nothing once there are any."""
    if Sale.objects.exists() or Expense.objects.exists():
        return
    admin = get_user_model().objects.filter(username="pengurus").first()
    if admin is None or not Variant.objects.exists():
        return
    today = timezone.localdate()
    with transaction.atomic():
        _piece_rates(admin, moment(months_back(today, MONTHS), 8))
        seeder = Seeder(admin, today)
        if not seeder.knitters:
            return
        seeder.run()
