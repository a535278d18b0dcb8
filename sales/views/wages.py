"""Members' piece-rate wages: what is still owed, one card per member."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.money import format_rupiah
from core.once import one_time_form, release_token
from members.models import Member
from members.roles import Role, role_required

from .. import selectors, services
from ..forms import MemberWagesPayForm, WagesPayForm
from ..models import (
    Expense,
    ExpenseCategory,
)

MEMBERS_PER_PAGE = 10


@dataclass
class WageCard:
    """One member's unpaid months, oldest first, and what they add up to."""

    member_id: int
    member_name: str
    months: list[selectors.UnpaidWage] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(row.unpaid for row in self.months)

    @property
    def pieces(self) -> int:
        return sum(row.pieces for row in self.months)


def _wage_cards(rows: list[selectors.UnpaidWage]) -> list[WageCard]:
    cards: dict[int, WageCard] = {}
    for row in rows:
        card = cards.setdefault(row.member_id, WageCard(row.member_id, row.member_name))
        card.months.append(row)
    for card in cards.values():
        card.months.sort(key=lambda row: row.month)
    return sorted(cards.values(), key=lambda card: (card.member_name, card.member_id))


@role_required(Role.ADMIN)
def wages(request: HttpRequest) -> HttpResponse:
    all_rows = selectors.unpaid_wages()
    page = Paginator(_wage_cards(all_rows), MEMBERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    recent = (
        Expense.objects.posted()
        .filter(category=ExpenseCategory.MEMBER_WAGES)
        .select_related("member")
        .order_by("-date", "-id")[:10]
    )
    return render(
        request,
        "sales/wages.html",
        {
            "page": page,
            "rows": [row for card in page for row in card.months],
            "members_unpaid": page.paginator.count,
            "total_unpaid": sum(row.unpaid for row in all_rows),
            "recent": recent,
        },
    )


@require_POST
@role_required(Role.ADMIN)
@one_time_form
def wages_pay(request: HttpRequest) -> HttpResponse:
    form = WagesPayForm(request.POST)
    if not form.is_valid():
        release_token(request)
        messages.error(request, _("Unknown member or month; nothing was paid."))
        return redirect("sales:wages")
    member = get_object_or_404(Member, pk=form.cleaned_data["member"])
    month: date = form.cleaned_data["month"]
    try:
        # Refused when pieces were accepted or wages paid since the page opened.
        expense = services.wages_pay(
            member=member,
            month=month,
            paid_by=request.user,
            date=timezone.localdate(),
            expected=form.cleaned_data["amount"],
        )
    except ValidationError as error:
        release_token(request)
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Paid %(amount)s to %(member)s for %(month)s (%(number)s).")
            % {
                "amount": format_rupiah(expense.amount),
                "member": member,
                "month": date_format(month, "F Y"),
                "number": expense.number,
            },
        )
    return redirect("sales:wages")


@require_POST
@role_required(Role.ADMIN)
@one_time_form
def wages_pay_member(request: HttpRequest) -> HttpResponse:
    form = MemberWagesPayForm(request.POST)
    if not form.is_valid():
        release_token(request)
        messages.error(request, _("Unknown member or amount; nothing was paid."))
        return redirect("sales:wages")
    member = get_object_or_404(Member, pk=form.cleaned_data["member"])
    try:
        paid = services.wages_pay_member(
            member=member,
            paid_by=request.user,
            date=timezone.localdate(),
            expected=form.cleaned_data["amount"],
        )
    except ValidationError as error:
        release_token(request)
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Paid %(amount)s to %(member)s (%(numbers)s).")
            % {
                "amount": format_rupiah(sum(expense.amount for expense in paid)),
                "member": member,
                # One number per month: the first and the last say it all.
                "numbers": " – ".join(dict.fromkeys([paid[0].number, paid[-1].number])),
            },
        )
    return redirect("sales:wages")


urlpatterns = [
    path("upah/", wages, name="wages"),
    path("upah/bayar/", wages_pay, name="wages-pay"),
    path("upah/bayar-semua/", wages_pay_member, name="wages-pay-member"),
]
