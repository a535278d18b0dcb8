"""Checks of the stock that need only the catalog (``manage.py check_integrity``).

Each check is one aggregated query that returns only the rows in trouble, and
gives a list of problems in words, each naming the variant by its SKU.
"""

from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from .models import StockMovement, Variant


def _movements_sum():
    return Coalesce(
        Subquery(
            StockMovement.objects.filter(variant=OuterRef("pk"))
            .order_by()
            .values("variant")
            .annotate(total=Sum("quantity"))
            .values("total"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def check_stock_matches_movements() -> list[str]:
    """Each variant's stock equals the sum of its movements (kartu stok)."""
    rows = (
        Variant.objects.annotate(moved=_movements_sum())
        .filter(~Q(moved=F("stock")))
        .order_by("sku")
        .values_list("sku", "stock", "moved")
    )
    return [
        _("Variant %(sku)s: stock %(stock)s, its movements add up to %(moved)s.")
        % {"sku": sku, "stock": stock, "moved": moved}
        for sku, stock, moved in rows
    ]


def check_stock_not_negative() -> list[str]:
    """No variant has fewer than 0 pieces."""
    rows = (
        Variant.objects.filter(stock__lt=0).order_by("sku").values_list("sku", "stock")
    )
    return [
        _("Variant %(sku)s: stock is below 0 (%(stock)s).")
        % {"sku": sku, "stock": stock}
        for sku, stock in rows
    ]


def check_stock_card_balance() -> list[str]:
    """The last line of each stock card shows the stock the variant has."""
    last_balance = Subquery(
        StockMovement.objects.filter(variant=OuterRef("pk"))
        .order_by("-created_at", "-id")
        .values("balance_after")[:1],
        output_field=IntegerField(),
    )
    rows = (
        Variant.objects.annotate(last_balance=last_balance)
        .filter(last_balance__isnull=False)
        .filter(~Q(last_balance=F("stock")))
        .order_by("sku")
        .values_list("sku", "stock", "last_balance")
    )
    return [
        _(
            "Variant %(sku)s: stock %(stock)s, the last line of its stock card "
            "says %(balance)s."
        )
        % {"sku": sku, "stock": stock, "balance": balance}
        for sku, stock, balance in rows
    ]
