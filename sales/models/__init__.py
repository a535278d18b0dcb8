"""The ledger: sales and expenses, posted once, corrected only by reversals.

Amounts are whole Rupiah. A reversal carries the original's quantities and
amounts with the opposite sign, so every report simply sums the rows and an
entry plus its reversal nets to zero.
"""

from .expenses import Expense, ExpenseReceipt
from .ledger import (
    EntryStatus,
    ExpenseCategory,
    LedgerEntry,
    LedgerEntryQuerySet,
    NumberSequence,
    PostedEntryError,
    SalesChannel,
)
from .sales import Payment, Sale, SaleLine, SaleQuerySet

__all__ = [
    "EntryStatus",
    "Expense",
    "ExpenseCategory",
    "ExpenseReceipt",
    "LedgerEntry",
    "LedgerEntryQuerySet",
    "NumberSequence",
    "Payment",
    "PostedEntryError",
    "Sale",
    "SaleLine",
    "SaleQuerySet",
    "SalesChannel",
]
