"""Ledger entries for report tests, made through the services as the portal does."""

from collections.abc import Sequence
from datetime import date

from catalog.models import Product
from sales.models import Expense, Sale
from sales.services import LineInput, expense_record, sale_create, sale_post


def record_sale(
    *,
    user,
    day: date,
    channel: str,
    lines: Sequence[tuple[Product, int] | tuple[Product, int, int]],
    post: bool = True,
    **kwargs,
) -> Sale:
    """A sale of (product, quantity[, unit price]) lines; posted unless told not."""
    inputs = [
        LineInput(
            variant_id=line[0].variants.all()[0].pk,
            quantity=line[1],
            unit_price=line[2] if len(line) > 2 else None,
        )
        for line in lines
    ]
    sale = sale_create(
        date=day, channel=channel, lines=inputs, recorded_by=user, **kwargs
    )
    return sale_post(sale=sale, posted_by=user) if post else sale


def record_expense(
    *, user, day: date, category: str, amount: int, post: bool = True, **kwargs
) -> Expense:
    return expense_record(
        date=day,
        category=category,
        amount=amount,
        recorded_by=user,
        post=post,
        **kwargs,
    )
