"""Members' piece-rate wages still to pay, per member and month."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Sum

from members.models import Member
from production.selectors import earnings_by_month

from ..models import Expense, ExpenseCategory


@dataclass
class UnpaidWage:
    member_id: int
    member_name: str
    month: date
    pieces: int
    earned: int
    paid: int

    @property
    def unpaid(self) -> int:
        return self.earned - self.paid


def unpaid_wages(*, member: Member | None = None) -> list[UnpaidWage]:
    """Per member and month still owed: earned (accepted pieces) less posted wages.

    Two aggregated queries, matched up here: one row per member and month.
    """
    wages = Expense.objects.posted().filter(category=ExpenseCategory.MEMBER_WAGES)
    if member is not None:
        wages = wages.filter(member=member)
    paid = {
        (row["member_id"], row["wage_month"]): row["amount"]
        for row in wages.values("member_id", "wage_month")
        .annotate(amount=Sum("amount"))
        .order_by()
    }
    rows = []
    for row in earnings_by_month(member=member):
        month = row["month"]
        earned = row["amount"] or 0
        owed = UnpaidWage(
            member_id=row["member_id"],
            member_name=row["member__full_name"],
            month=month,
            pieces=row["pieces"],
            earned=earned,
            paid=paid.get((row["member_id"], month), 0),
        )
        if owed.unpaid > 0:
            rows.append(owed)
    return rows
