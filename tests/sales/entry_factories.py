"""Ledger entries for tests: through the services, or in bulk for list sizes."""

from datetime import date, timedelta

from django.utils import timezone

from catalog.models import Variant
from sales.models import (
    EntryStatus,
    Expense,
    ExpenseCategory,
    Payment,
    Sale,
    SaleLine,
    SalesChannel,
)
from sales.services import LineInput, sale_create, sale_post


def make_sale(
    *,
    user,
    lines: list[tuple[Variant, int]],
    post: bool = True,
    channel: str = SalesChannel.WHATSAPP,
    **kwargs,
) -> Sale:
    """A sale through sale_create (and sale_post unless ``post=False``)."""
    kwargs.setdefault("date", timezone.localdate())
    sale = sale_create(
        channel=channel,
        lines=[LineInput(variant_id=v.pk, quantity=q) for v, q in lines],
        recorded_by=user,
        **kwargs,
    )
    if post:
        sale = sale_post(sale=sale, posted_by=user)
    return sale


def bulk_sales(count: int, *, user, variant: Variant, start: int = 1) -> list[Sale]:
    """``count`` sales written directly: drafts, paid, unpaid and reversed ones.

    Stock is not touched; these only fill the lists.
    """
    today = timezone.localdate()
    channels = SalesChannel.values
    sales = []
    for index in range(start, start + count):
        draft = index % 7 == 0
        unpaid = index % 5 == 0
        sales.append(
            Sale(
                number=None if draft else f"PJ-2000-{index:06d}",
                status=EntryStatus.DRAFT if draft else EntryStatus.POSTED,
                date=today - timedelta(days=index % 300),
                channel=channels[index % len(channels)],
                customer_name=f"Pembeli {index}",
                subtotal=variant.price,
                total=variant.price,
                due_date=today if unpaid else None,
                created_by=user,
                posted_by=None if draft else user,
                posted_at=None if draft else timezone.now(),
            )
        )
    sales = Sale.objects.bulk_create(sales)
    SaleLine.objects.bulk_create(
        SaleLine(
            sale=sale,
            product_id=variant.product_id,
            variant=variant,
            quantity=1,
            unit_price=variant.price,
            line_total=variant.price,
            unit_cost=0,
        )
        for sale in sales
    )
    Payment.objects.bulk_create(
        Payment(sale=sale, date=sale.date, amount=sale.total, recorded_by=user)
        for sale in sales
        if sale.status == EntryStatus.POSTED and sale.due_date is None
    )
    reversals = [
        Sale(
            number=sale.number.replace("PJ-2000", "PJ-2001"),
            status=EntryStatus.POSTED,
            date=sale.date,
            channel=sale.channel,
            subtotal=-sale.subtotal,
            total=-sale.total,
            reverses=sale,
            created_by=user,
            posted_by=user,
            posted_at=timezone.now(),
        )
        for sale in sales
        if sale.status == EntryStatus.POSTED and sale.pk % 11 == 0
    ]
    Sale.objects.bulk_create(reversals)
    return sales


def bulk_expenses(count: int, *, user, start: int = 1) -> list[Expense]:
    today = timezone.localdate()
    categories = [c for c in ExpenseCategory.values if c != "member_wages"]
    expenses = Expense.objects.bulk_create(
        Expense(
            number=f"PG-2000-{index:06d}",
            status=EntryStatus.POSTED,
            date=today - timedelta(days=index % 300),
            category=categories[index % len(categories)],
            amount=10_000 + index,
            note=f"Belanja {index}",
            created_by=user,
            posted_by=user,
            posted_at=timezone.now(),
        )
        for index in range(start, start + count)
    )
    Expense.objects.bulk_create(
        Expense(
            number=expense.number.replace("PG-2000", "PG-2001"),
            status=EntryStatus.POSTED,
            date=expense.date,
            category=expense.category,
            amount=-expense.amount,
            reverses=expense,
            created_by=user,
            posted_by=user,
            posted_at=timezone.now(),
        )
        for expense in expenses
        if expense.pk % 9 == 0
    )
    return expenses


def first_of_month(day: date) -> date:
    return day.replace(day=1)
