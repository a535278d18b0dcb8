"""Members' piece-rate wages: what is still owed, paid with one tap."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
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
from ..forms import (
    WagesPayForm,
)
from ..models import (
    Expense,
    ExpenseCategory,
)


@role_required(Role.ADMIN)
def wages(request: HttpRequest) -> HttpResponse:
    rows = selectors.unpaid_wages()
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
            "rows": rows,
            "total_unpaid": sum(row.unpaid for row in rows),
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


urlpatterns = [
    path("upah/", wages, name="wages"),
    path("upah/bayar/", wages_pay, name="wages-pay"),
]
