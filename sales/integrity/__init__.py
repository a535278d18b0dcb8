"""The invariants of the books and the stock, checked straight in the database.

``manage.py check_integrity`` runs every check of ``CHECKS``: each is a few
aggregated queries that return only the records in trouble, so a nightly run
stays fast however many sales there are. A check gives a list of problems in
words, each naming the record (variant SKU, sale or expense number, hand-in)
with its figures; an empty list means it holds.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from catalog.integrity import (
    check_stock_card_balance,
    check_stock_matches_movements,
    check_stock_not_negative,
)

from .ledger import (
    check_expense_reversal_amounts,
    check_payments_within_sale,
    check_posted_entries_numbered,
    check_reversals_reverse_posted_entries,
    check_reversed_at_most_once,
    check_sale_reversal_lines,
    check_sale_reversal_sums,
)
from .stock import (
    check_hand_in_stock,
    check_sale_movements_have_lines,
    check_sale_stock,
)


@dataclass(frozen=True)
class Check:
    name: str | Promise
    run: Callable[[], list[str]]


CHECKS: tuple[Check, ...] = (
    Check(_("stock equals its movements"), check_stock_matches_movements),
    Check(_("stock not below 0"), check_stock_not_negative),
    Check(_("stock card ends at the stock"), check_stock_card_balance),
    Check(_("sales took and returned their stock"), check_sale_stock),
    Check(_("sale stock movements have sale lines"), check_sale_movements_have_lines),
    Check(_("accepted hand-ins brought their stock"), check_hand_in_stock),
    Check(_("sale reversals net their sums"), check_sale_reversal_sums),
    Check(_("sale reversals net their lines"), check_sale_reversal_lines),
    Check(_("expense reversals net their amounts"), check_expense_reversal_amounts),
    Check(_("entries reversed at most once"), check_reversed_at_most_once),
    Check(
        _("reversals reverse posted entries"), check_reversals_reverse_posted_entries
    ),
    Check(_("payments within their sale"), check_payments_within_sale),
    Check(_("posted entries have numbers"), check_posted_entries_numbered),
)


@dataclass(frozen=True)
class Outcome:
    check: Check
    problems: list[str]


def integrity_check() -> list[Outcome]:
    """Every check run once, in order, with the problems it found."""
    return [Outcome(check=check, problems=check.run()) for check in CHECKS]


__all__ = ["CHECKS", "Check", "Outcome", "integrity_check"]
