"""Entry pages of the ledger for admins: sales, expenses and members' wages."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import (
    BigIntegerField,
    Exists,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.money import format_rupiah
from core.photos import PhotoRejected, process_photo
from core.storage import files_removed_on_error, photo_store
from members.models import Member
from members.roles import Role, role_required

from .. import selectors, services
from ..forms import (
    ExpenseForm,
    PaymentForm,
    ReverseForm,
    SaleForm,
    SaleLineFormSet,
    WagesPayForm,
)
from ..models import (
    EntryStatus,
    Expense,
    ExpenseCategory,
    Payment,
    Sale,
    SalesChannel,
)

PAGE_SIZE = 25
LINES_PREFIX = "lines"


def _add_errors(form: Form, error: ValidationError) -> None:
    """A service's ValidationError onto the form: by field where the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _sales() -> QuerySet:
    """Sales with what their badges need, in a fixed number of queries."""
    paid = (
        Payment.objects.filter(sale=OuterRef("pk"))
        .order_by()
        .values("sale")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Sale.objects.select_related("reverses").annotate(
        paid_sum=Coalesce(Subquery(paid), 0, output_field=BigIntegerField()),
        is_reversed=Exists(Sale.objects.filter(reverses=OuterRef("pk"))),
    )


def _expenses() -> QuerySet:
    return Expense.objects.select_related("reverses", "member").annotate(
        is_reversed=Exists(Expense.objects.filter(reverses=OuterRef("pk")))
    )


def _outstanding(sale: Sale) -> int:
    """What the buyer still owes; nothing on drafts, reversals and reversed sales."""
    if sale.status != EntryStatus.POSTED or sale.reverses_id or sale.is_reversed:
        return 0
    return max(0, sale.total - sale.paid_sum)


# --- Sales -----------------------------------------------------------------------


@role_required(Role.ADMIN)
def sale_list(request: HttpRequest) -> HttpResponse:
    sales = _sales()
    channel = request.GET.get("kanal", "")
    if channel in SalesChannel.values:
        sales = sales.filter(channel=channel)
    else:
        channel = ""
    state = request.GET.get("status", "")
    if state == "draf":
        sales = sales.filter(status=EntryStatus.DRAFT)
    elif state == "belum-lunas":
        sales = sales.filter(
            status=EntryStatus.POSTED,
            reverses__isnull=True,
            is_reversed=False,
            total__gt=F("paid_sum"),
        )
    else:
        state = ""
    page = Paginator(sales, PAGE_SIZE).get_page(request.GET.get("page"))
    for sale in page:
        sale.outstanding_amount = _outstanding(sale)
    return render(
        request,
        "sales/sale_list.html",
        {
            "page": page,
            "channels": SalesChannel.choices,
            "channel": channel,
            "state": state,
        },
    )


def _render_sale_form(request, form, formset, *, status=200) -> HttpResponse:
    return render(
        request,
        "sales/sale_form.html",
        {"form": form, "formset": formset},
        status=status,
    )


def _post_sale(request: HttpRequest, sale: Sale) -> HttpResponse:
    try:
        sale = services.sale_post(sale=sale, posted_by=request.user)
    except ValidationError as error:
        reason = " ".join(error.messages)
        if getattr(error, "code", None) != "already_posted":
            reason = _("Not posted, the sale stays a draft: %(reason)s") % {
                "reason": reason
            }
        messages.error(request, reason)
    else:
        messages.success(
            request,
            _("Sale %(number)s posted; the stock went down.") % {"number": sale.number},
        )
    return redirect("sales:sale-detail", pk=sale.pk)


@role_required(Role.ADMIN)
def sale_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_sale_form(
            request, SaleForm(), SaleLineFormSet(prefix=LINES_PREFIX)
        )
    form = SaleForm(request.POST)
    formset = SaleLineFormSet(request.POST, prefix=LINES_PREFIX)
    # Both validated, so every mistake shows at once.
    if form.is_valid() & formset.is_valid():
        try:
            sale = services.sale_create(
                **form.service_kwargs(),
                lines=formset.lines(),
                recorded_by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if request.POST.get("action") == "post":
                return _post_sale(request, sale)
            messages.success(request, _("Saved as a draft. Post it when it is sold."))
            return redirect("sales:sale-detail", pk=sale.pk)
    return _render_sale_form(request, form, formset, status=400)


def _render_sale_detail(
    request: HttpRequest,
    sale: Sale,
    *,
    payment_form: PaymentForm | None = None,
    reverse_form: ReverseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    outstanding = sale.outstanding_amount = _outstanding(sale)
    reversal = Sale.objects.filter(reverses=sale).first() if sale.is_reversed else None
    can_reverse = sale.is_posted and not sale.reverses_id and not sale.is_reversed
    return render(
        request,
        "sales/sale_detail.html",
        {
            "sale": sale,
            "lines": sale.lines.select_related("variant__product"),
            "payments": sale.payments.select_related("recorded_by__member"),
            "reversal": reversal,
            "outstanding": outstanding,
            "overdue": bool(
                outstanding and sale.due_date and sale.due_date < timezone.localdate()
            ),
            "can_reverse": can_reverse,
            "payment_form": payment_form
            or (PaymentForm(outstanding=outstanding) if outstanding else None),
            "reverse_form": reverse_form or (ReverseForm() if can_reverse else None),
            "reverse_open": reverse_form is not None,
        },
        status=status,
    )


def _sale_for_detail(pk: int) -> Sale:
    return get_object_or_404(
        _sales().select_related("created_by__member", "posted_by__member", "reverses"),
        pk=pk,
    )


@role_required(Role.ADMIN)
def sale_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_sale_detail(request, _sale_for_detail(pk))


@require_POST
@role_required(Role.ADMIN)
def sale_post(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_sale(request, get_object_or_404(Sale, pk=pk))


@require_POST
@role_required(Role.ADMIN)
def sale_reverse(request: HttpRequest, pk: int) -> HttpResponse:
    sale = _sale_for_detail(pk)
    form = ReverseForm(request.POST)
    if not form.is_valid():
        return _render_sale_detail(request, sale, reverse_form=form, status=400)
    try:
        reversal = services.sale_reverse(
            sale=sale, reversed_by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("sales:sale-detail", pk=sale.pk)
    messages.success(
        request,
        _("%(number)s is reversed by %(reversal)s; the stock came back.")
        % {"number": sale.number, "reversal": reversal.number},
    )
    return redirect("sales:sale-detail", pk=reversal.pk)


@require_POST
@role_required(Role.ADMIN)
def payment_create(request: HttpRequest, pk: int) -> HttpResponse:
    sale = _sale_for_detail(pk)
    form = PaymentForm(request.POST)
    if form.is_valid():
        if not _outstanding(sale):
            form.add_error(None, _("Nothing is owed on this sale."))
        elif form.cleaned_data["date"] < sale.date:
            form.add_error("date", _("The payment date is before the sale."))
        else:
            try:
                payment = services.payment_record(
                    sale=sale,
                    amount=form.cleaned_data["amount"],
                    date=form.cleaned_data["date"],
                    note=form.cleaned_data["note"],
                    recorded_by=request.user,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Payment of %(amount)s recorded.")
                    % {"amount": format_rupiah(payment.amount)},
                )
                return redirect("sales:sale-detail", pk=sale.pk)
    return _render_sale_detail(request, sale, payment_form=form, status=400)


@require_POST
@role_required(Role.ADMIN)
def sale_delete(request: HttpRequest, pk: int) -> HttpResponse:
    sale = get_object_or_404(Sale, pk=pk)
    # Only while still a draft, also when someone posts it at this moment.
    deleted, _rows = Sale.objects.filter(pk=pk, status=EntryStatus.DRAFT).delete()
    if not deleted:
        messages.error(
            request,
            _("A posted sale is never deleted; reverse it instead."),
        )
        return redirect("sales:sale-detail", pk=sale.pk)
    messages.success(request, _("The draft was deleted."))
    return redirect("sales:sale-list")


# --- Expenses --------------------------------------------------------------------


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
            "reverse_form": ReverseForm(),
        },
    )


def _expense_with_receipt(*, form: ExpenseForm, user) -> Expense:
    """Record and post the expense; the receipt photo is cleaned and stored first."""
    data = form.cleaned_data
    stored = None
    if data["receipt"]:
        # Raises PhotoRejected with the reason (not an image, too large, ...).
        stored = photo_store(
            processed=process_photo(data["receipt"]), folder="sales/receipts"
        )
    with (
        files_removed_on_error(stored.names() if stored else []),
        transaction.atomic(),
    ):
        expense = services.expense_record(
            date=data["date"],
            category=data["category"],
            amount=data["amount"],
            note=data["note"],
            recorded_by=user,
            post=stored is None,
        )
        if stored:
            # expense_record takes no receipt: attach it to the draft, then post.
            expense.receipt_original = stored.original
            expense.receipt_renditions = stored.renditions
            expense.save(update_fields=["receipt_original", "receipt_renditions"])
            expense = services.expense_post(expense=expense, posted_by=user)
    return expense


@role_required(Role.ADMIN)
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
            _add_errors(form, error)
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
def expense_post(request: HttpRequest, pk: int) -> HttpResponse:
    expense = get_object_or_404(Expense, pk=pk)
    try:
        expense = services.expense_post(expense=expense, posted_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Expense %(number)s posted.") % {"number": expense.number}
        )
    return redirect("sales:expense-list")


@require_POST
@role_required(Role.ADMIN)
def expense_reverse(request: HttpRequest, pk: int) -> HttpResponse:
    expense = get_object_or_404(Expense, pk=pk)
    form = ReverseForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
        return redirect("sales:expense-list")
    try:
        reversal = services.expense_reverse(
            expense=expense,
            reversed_by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(number)s is reversed by %(reversal)s.")
            % {"number": expense.number, "reversal": reversal.number},
        )
    return redirect("sales:expense-list")


# --- Members' wages --------------------------------------------------------------


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
def wages_pay(request: HttpRequest) -> HttpResponse:
    form = WagesPayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown member or month; nothing was paid."))
        return redirect("sales:wages")
    member = get_object_or_404(Member, pk=form.cleaned_data["member"])
    month: date = form.cleaned_data["month"]
    unpaid = services.wages_unpaid(member=member, month=month)
    if unpaid != form.cleaned_data["amount"]:
        # Pieces were accepted or wages paid since the page was opened.
        messages.error(
            request,
            _(
                "The unpaid amount of %(member)s changed to %(amount)s in the "
                "meantime; check it and pay again."
            )
            % {"member": member, "amount": format_rupiah(unpaid)},
        )
        return redirect("sales:wages")
    try:
        expense = services.wages_pay(
            member=member, month=month, paid_by=request.user, date=timezone.localdate()
        )
    except ValidationError as error:
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
    path("penjualan/", sale_list, name="sale-list"),
    path("penjualan/baru/", sale_create, name="sale-create"),
    path("penjualan/<int:pk>/", sale_detail, name="sale-detail"),
    path("penjualan/<int:pk>/posting/", sale_post, name="sale-post"),
    path("penjualan/<int:pk>/batalkan/", sale_reverse, name="sale-reverse"),
    path("penjualan/<int:pk>/bayar/", payment_create, name="payment-create"),
    path("penjualan/<int:pk>/hapus/", sale_delete, name="sale-delete"),
    path("pengeluaran/", expense_list, name="expense-list"),
    path("pengeluaran/baru/", expense_create, name="expense-create"),
    path("pengeluaran/<int:pk>/posting/", expense_post, name="expense-post"),
    path("pengeluaran/<int:pk>/batalkan/", expense_reverse, name="expense-reverse"),
    path("upah/", wages, name="wages"),
    path("upah/bayar/", wages_pay, name="wages-pay"),
]
