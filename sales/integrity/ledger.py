"""Reversals net their originals, payments stay within their sale, numbers."""

from functools import reduce
from operator import or_

from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from core.money import format_rupiah

from ..models import EntryStatus, Expense, Payment, Sale, SaleLine

SALE_SUMS = ("subtotal", "discount", "shipping_charged", "marketplace_fee", "total")


def _label(model, number: str | None, pk: int) -> str:
    """The entry's number, or “Draft sale #12” before it has one."""
    return number or str(model(pk=pk))


def _sums_not_netted(model, fields: tuple[str, ...]) -> list[str]:
    mismatch = reduce(
        or_, [~Q(**{field: -F(f"reverses__{field}")}) for field in fields]
    )
    rows = (
        model.objects.filter(reverses__isnull=False)
        .filter(mismatch)
        .order_by("number")
        .values(
            "number",
            "reverses_id",
            "reverses__number",
            *fields,
            *(f"reverses__{field}" for field in fields),
        )
    )
    problems = []
    for row in rows:
        original = _label(model, row["reverses__number"], row["reverses_id"])
        for field in fields:
            value, was = row[field], row[f"reverses__{field}"]
            if value != -was:
                problems.append(
                    _(
                        "Reversal %(number)s of %(original)s: %(field)s is "
                        "%(value)s, the original's %(was)s."
                    )
                    % {
                        "number": row["number"],
                        "original": original,
                        "field": model._meta.get_field(field).verbose_name,
                        "value": format_rupiah(value),
                        "was": format_rupiah(was),
                    }
                )
    return problems


def check_sale_reversal_sums() -> list[str]:
    """A sale's reversal carries its sums with the opposite sign."""
    return _sums_not_netted(Sale, SALE_SUMS)


def check_expense_reversal_amounts() -> list[str]:
    """An expense's reversal carries its amount with the opposite sign."""
    return _sums_not_netted(Expense, ("amount",))


def check_sale_reversal_lines() -> list[str]:
    """A sale's reversal has each of its lines with the opposite quantity and sum.

    Lines are matched by variant, price and whether they take stock.
    """
    original = Q(sale__reverses__isnull=True)
    reversal = Q(sale__reverses__isnull=False)
    rows = (
        SaleLine.objects.filter(reversal | Q(sale__reversal__isnull=False))
        .annotate(pair=Coalesce("sale__reverses_id", "sale_id"))
        .values("pair", "variant__sku", "unit_price", "takes_stock")
        .annotate(
            orig_lines=Count("pk", filter=original),
            orig_quantity=Coalesce(Sum("quantity", filter=original), Value(0)),
            orig_amount=Coalesce(Sum("line_total", filter=original), Value(0)),
            back_lines=Count("pk", filter=reversal),
            back_quantity=Coalesce(Sum("quantity", filter=reversal), Value(0)),
            back_amount=Coalesce(Sum("line_total", filter=reversal), Value(0)),
        )
        .filter(
            ~Q(orig_lines=F("back_lines"))
            | ~Q(orig_quantity=-F("back_quantity"))
            | ~Q(orig_amount=-F("back_amount"))
        )
        .order_by("pair", "variant__sku", "unit_price")
    )
    rows = list(rows)
    # The numbers of the few entries in trouble, in one more query.
    numbers = {
        pk: (number, reversal_number)
        for pk, number, reversal_number in Sale.objects.filter(
            pk__in={row["pair"] for row in rows}
        ).values_list("pk", "number", "reversal__number")
    }
    no_numbers = (None, None)
    return [
        _(
            "Reversal %(number)s of %(original)s, variant %(sku)s at %(price)s: "
            "the original has %(lines)s lines of %(quantity)s pieces (%(amount)s), "
            "the reversal %(back_lines)s lines of %(back_quantity)s pieces "
            "(%(back_amount)s)."
        )
        % {
            "number": numbers.get(row["pair"], no_numbers)[1] or "-",
            "original": _label(
                Sale, numbers.get(row["pair"], no_numbers)[0], row["pair"]
            ),
            "sku": row["variant__sku"],
            "price": format_rupiah(row["unit_price"]),
            "lines": row["orig_lines"],
            "quantity": row["orig_quantity"],
            "amount": format_rupiah(row["orig_amount"]),
            "back_lines": row["back_lines"],
            "back_quantity": row["back_quantity"],
            "back_amount": format_rupiah(row["back_amount"]),
        }
        for row in rows
    ]


def _reversed_more_than_once(model) -> list[str]:
    rows = (
        model.objects.filter(reverses__isnull=False)
        .values("reverses_id", "reverses__number")
        .annotate(times=Count("pk"))
        .filter(times__gt=1)
        .order_by("reverses__number")
    )
    return [
        _("%(number)s is reversed %(times)s times.")
        % {
            "number": _label(model, row["reverses__number"], row["reverses_id"]),
            "times": row["times"],
        }
        for row in rows
    ]


def _reversal_of_no_proper_entry(model) -> list[str]:
    rows = (
        model.objects.filter(reverses__isnull=False)
        .filter(
            Q(reverses__reverses__isnull=False)
            | ~Q(reverses__status=EntryStatus.POSTED)
        )
        .order_by("number")
        .values_list(
            "number", "reverses_id", "reverses__number", "reverses__reverses_id"
        )
    )
    problems = []
    for number, original_id, original_number, reverses_reversal in rows:
        names = {
            "number": number,
            "original": _label(model, original_number, original_id),
        }
        if reverses_reversal is not None:
            problems.append(
                _("Reversal %(number)s reverses %(original)s, itself a reversal.")
                % names
            )
        else:
            problems.append(
                _("Reversal %(number)s reverses %(original)s, which is not posted.")
                % names
            )
    return problems


def check_reversed_at_most_once() -> list[str]:
    """No sale or expense has two reversals."""
    return _reversed_more_than_once(Sale) + _reversed_more_than_once(Expense)


def check_reversals_reverse_posted_entries() -> list[str]:
    """A reversal reverses a posted entry that is no reversal itself."""
    return _reversal_of_no_proper_entry(Sale) + _reversal_of_no_proper_entry(Expense)


def check_payments_within_sale() -> list[str]:
    """Payments go to posted sales that are no reversal, never above the total."""
    rows = (
        Payment.objects.values(
            "sale_id",
            "sale__number",
            "sale__status",
            "sale__reverses_id",
            "sale__total",
        )
        .annotate(paid=Sum("amount"))
        .filter(
            ~Q(sale__status=EntryStatus.POSTED)
            | Q(sale__reverses__isnull=False)
            | Q(paid__gt=F("sale__total"))
        )
        .order_by("sale__number", "sale_id")
    )
    problems = []
    for row in rows:
        names = {
            "sale": _label(Sale, row["sale__number"], row["sale_id"]),
            "paid": format_rupiah(row["paid"]),
            "total": format_rupiah(row["sale__total"]),
        }
        if row["sale__status"] != EntryStatus.POSTED:
            message = _("%(sale)s is not posted but has payments of %(paid)s.")
        elif row["sale__reverses_id"] is not None:
            message = _("%(sale)s is a reversal but has payments of %(paid)s.")
        else:
            message = _(
                "Sale %(sale)s: payments add up to %(paid)s, above its total %(total)s."
            )
        problems.append(message % names)
    return problems


def check_posted_entries_numbered() -> list[str]:
    """Every posted sale and expense has its number."""
    problems = []
    for model in (Sale, Expense):
        missing = (
            model.objects.posted()
            .filter(Q(number__isnull=True) | Q(number=""))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        problems.extend(
            _("Posted %(kind)s #%(id)s has no number.")
            % {"kind": model._meta.verbose_name, "id": pk}
            for pk in missing
        )
    return problems
