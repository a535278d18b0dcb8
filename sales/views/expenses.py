"""Expense pages for admins: list, record with a receipt photo, post, reverse."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import (
    QuerySet,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_errors
from core.money import format_rupiah
from core.once import one_time_form, release_token
from core.photos import PhotoRejected
from members.roles import Role, role_required

from .. import services
from ..forms import (
    ExpenseForm,
    ReverseForm,
)
from ..models import (
    EntryStatus,
    Expense,
    ExpenseCategory,
)
from .common import PAGE_SIZE


def _expenses() -> QuerySet:
    return Expense.objects.select_related(
        "reverses", "member", "receipt"
    ).with_is_reversed()


@role_required(Role.ADMIN)
def expense_list(request: HttpRequest) -> HttpResponse:
    expenses = _expenses()
    category = request.GET.get("kategori", "")
    if category in ExpenseCategory.values:
        expenses = expenses.filter(category=category)
    else:
        category = ""
    page = Paginator(expenses, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "sales/expense_list.html",
        {
            "page": page,
            "categories": ExpenseCategory.choices,
            "category": category,
        },
    )


def _expense_with_receipt(*, form: ExpenseForm, user) -> Expense:
    data = form.cleaned_data
    return services.expense_record(
        date=data["date"],
        category=data["category"],
        amount=data["amount"],
        note=data["note"],
        recorded_by=user,
        receipt=data["receipt"] or None,
    )


@role_required(Role.ADMIN)
@one_time_form
def expense_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = ExpenseForm()
        return render(request, "sales/expense_form.html", {"form": form})
    form = ExpenseForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            expense = _expense_with_receipt(form=form, user=request.user)
        except PhotoRejected as error:
            form.add_error("receipt", error.messages[0])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Expense %(number)s of %(amount)s recorded.")
                % {"number": expense.number, "amount": format_rupiah(expense.amount)},
            )
            return redirect("sales:expense-list")
    return render(request, "sales/expense_form.html", {"form": form}, status=400)


@require_POST
@role_required(Role.ADMIN)
@one_time_form
def expense_post(request: HttpRequest, pk: int) -> HttpResponse:
    expense = get_object_or_404(Expense, pk=pk)
    try:
        expense = services.expense_post(expense=expense, posted_by=request.user)
    except ValidationError as error:
        release_token(request)
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Expense %(number)s posted.") % {"number": expense.number}
        )
    return redirect("sales:expense-list")


def _render_expense_detail(
    request: HttpRequest,
    expense: Expense,
    *,
    reverse_open: bool = False,
) -> HttpResponse:
    reversal = (
        Expense.objects.filter(reverses=expense).first()
        if expense.is_reversed
        else None
    )
    can_reverse = (
        expense.status != EntryStatus.DRAFT
        and not expense.reverses_id
        and not expense.is_reversed
    )
    return render(
        request,
        "sales/expense_detail.html",
        {
            "expense": expense,
            "reversal": reversal,
            "reverse_form": ReverseForm() if can_reverse else None,
            "reverse_open": reverse_open,
        },
    )


def _expense_for_detail(pk: int) -> Expense:
    return get_object_or_404(
        _expenses().select_related("created_by__member", "posted_by__member"), pk=pk
    )


@role_required(Role.ADMIN)
def expense_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_expense_detail(
        request,
        _expense_for_detail(pk),
        reverse_open="batalkan" in request.GET,
    )


@require_POST
@role_required(Role.ADMIN)
@one_time_form
def expense_reverse(request: HttpRequest, pk: int) -> HttpResponse:
    expense = _expense_for_detail(pk)
    form = ReverseForm(request.POST)
    if not form.is_valid():
        # Back to the confirmation, open, with the reason asked for again.
        release_token(request)
        messages.error(request, " ".join(form.errors["reason"]))
        return redirect(
            reverse("sales:expense-detail", args=[expense.pk]) + "?batalkan=1#reverse"
        )
    try:
        reversal = services.expense_reverse(
            expense=expense,
            reversed_by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        release_token(request)
        messages.error(request, " ".join(error.messages))
        return redirect("sales:expense-detail", pk=expense.pk)
    messages.success(
        request,
        _("%(number)s is reversed by %(reversal)s.")
        % {"number": expense.number, "reversal": reversal.number},
    )
    return redirect("sales:expense-detail", pk=expense.pk)


urlpatterns = [
    path("pengeluaran/", expense_list, name="expense-list"),
    path("pengeluaran/baru/", expense_create, name="expense-create"),
    path("pengeluaran/<int:pk>/", expense_detail, name="expense-detail"),
    path("pengeluaran/<int:pk>/catat-final/", expense_post, name="expense-post"),
    # The former address, for a form left open in a tab before it moved.
    path("pengeluaran/<int:pk>/posting/", expense_post),
    path("pengeluaran/<int:pk>/batalkan/", expense_reverse, name="expense-reverse"),
]
