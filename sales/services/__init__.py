"""Writes of the ledger: record, post, reverse; nothing posted is ever changed."""

from .expenses import expense_post, expense_record, expense_reverse
from .payments import payment_record
from .sales import LineInput, sale_create, sale_post, sale_record, sale_reverse
from .wages import wages_pay, wages_pay_member, wages_unpaid

__all__ = [
    "LineInput",
    "expense_post",
    "expense_record",
    "expense_reverse",
    "payment_record",
    "sale_create",
    "sale_post",
    "sale_record",
    "sale_reverse",
    "wages_pay",
    "wages_pay_member",
    "wages_unpaid",
]
