"""Accepted pieces against this month's production targets."""

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.periods import month_from_text, months_back
from members.roles import Role, role_required

from .. import selectors


def _month_from(value: str | None) -> tuple[date, str | None]:
    this_month = timezone.localdate().replace(day=1)
    if not value:
        return this_month, None
    month = month_from_text(value)
    if month is None:
        return this_month, _("Unknown month “%(value)s”; showing this month.") % {
            "value": value
        }
    return month, None


@role_required(Role.ADMIN, Role.TRAINER)
def targets(request: HttpRequest) -> HttpResponse:
    month, problem = _month_from(request.GET.get("bulan"))
    if problem:
        messages.warning(request, problem)
    return render(
        request,
        "production/targets.html",
        {
            "month": month,
            "previous": months_back(month, 1),
            "next": months_back(month, -1),
            "rows": selectors.target_progress(month=month),
        },
    )
