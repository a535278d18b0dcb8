"""Sales pages for admins: list, record (draft or posted), detail, payments."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import (
    QuerySet,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_errors
from core.money import format_rupiah
from core.once import one_time_form, release_token
from members.roles import Role, role_required

from .. import services
from ..forms import (
    PaymentForm,
    ReverseForm,
    SaleForm,
    SaleLineFormSet,
)
from ..models import (
    EntryStatus,
    Sale,
    SalesChannel,
)
from ..rules import MAX_LINES
from ..selectors.picker import picker_variants
from .common import LINES_PREFIX, PAGE_SIZE


def _sales() -> QuerySet:
    """Sales with what their badges need, in a fixed number of queries."""
    return Sale.objects.select_related("reverses").with_outstanding()


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
        sales = sales.filter(outstanding__gt=0)
    else:
        state = ""
    page = Paginator(sales, PAGE_SIZE).get_page(request.GET.get("page"))
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
    formset.load_chosen()
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
        release_token(request)
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


def _with_another_line(data) -> tuple[SaleForm, SaleLineFormSet]:
    """The form as typed, not checked yet, with one more empty product line.

    Pages without JavaScript add a line this way; nothing is saved.
    """
    form = SaleForm(initial=data.dict())
    fields = ("variant", "product", "quantity", "unit_price")
    try:
        count = int(data.get(f"{LINES_PREFIX}-TOTAL_FORMS", 1))
    except ValueError:
        count = 1
    # At the most lines already, none is added (the formset stops at its maximum).
    count = max(0, min(count, MAX_LINES))
    initial = [
        {name: data.get(f"{LINES_PREFIX}-{index}-{name}", "") for name in fields}
        for index in range(count)
    ]
    return form, SaleLineFormSet(initial=initial, prefix=LINES_PREFIX)


@role_required(Role.ADMIN)
def product_picker(request: HttpRequest) -> HttpResponse:
    """The products matching ``q``, as a list to tap, for a line of the sale form."""
    query = request.GET.get("q", "").strip()[:100]
    variants, more = picker_variants(query)
    return render(
        request,
        "sales/_picker_results.html",
        {"variants": variants, "more": more, "query": query},
    )


@role_required(Role.ADMIN)
@one_time_form
def sale_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_sale_form(
            request, SaleForm(), SaleLineFormSet(prefix=LINES_PREFIX)
        )
    if request.POST.get("action") == "add-line":
        return _render_sale_form(request, *_with_another_line(request.POST))
    form = SaleForm(request.POST)
    formset = SaleLineFormSet(request.POST, prefix=LINES_PREFIX)
    # Both validated, so every mistake shows at once.
    if form.is_valid() & formset.is_valid():
        post = request.POST.get("action") == "post"
        try:
            sale = services.sale_record(
                **form.service_kwargs(),
                lines=formset.lines(),
                recorded_by=request.user,
                post=post,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if post:
                messages.success(
                    request,
                    _("Sale %(number)s posted; the stock went down.")
                    % {"number": sale.number},
                )
            else:
                messages.success(
                    request, _("Saved as a draft. Post it when it is sold.")
                )
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
    outstanding = sale.outstanding
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
@one_time_form
def sale_post(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_sale(request, get_object_or_404(Sale, pk=pk))


@require_POST
@role_required(Role.ADMIN)
@one_time_form
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
        release_token(request)
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
@one_time_form
def payment_create(request: HttpRequest, pk: int) -> HttpResponse:
    sale = _sale_for_detail(pk)
    form = PaymentForm(request.POST)
    if form.is_valid():
        # The service says when nothing is owed or the date is before the sale.
        try:
            payment = services.payment_record(
                sale=sale,
                amount=form.cleaned_data["amount"],
                date=form.cleaned_data["date"],
                note=form.cleaned_data["note"],
                recorded_by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
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
@one_time_form
def sale_delete(request: HttpRequest, pk: int) -> HttpResponse:
    sale = get_object_or_404(Sale, pk=pk)
    # Only while still a draft, also when someone posts it at this moment.
    deleted, _rows = Sale.objects.filter(pk=pk, status=EntryStatus.DRAFT).delete()
    if not deleted:
        release_token(request)
        messages.error(
            request,
            _("A posted sale is never deleted; reverse it instead."),
        )
        return redirect("sales:sale-detail", pk=sale.pk)
    messages.success(request, _("The draft was deleted."))
    return redirect("sales:sale-list")


urlpatterns = [
    path("penjualan/", sale_list, name="sale-list"),
    path("penjualan/baru/", sale_create, name="sale-create"),
    path("penjualan/pilih-produk/", product_picker, name="product-picker"),
    path("penjualan/<int:pk>/", sale_detail, name="sale-detail"),
    path("penjualan/<int:pk>/catat-final/", sale_post, name="sale-post"),
    # The former address, for a form left open in a tab before it moved.
    path("penjualan/<int:pk>/posting/", sale_post),
    path("penjualan/<int:pk>/batalkan/", sale_reverse, name="sale-reverse"),
    path("penjualan/<int:pk>/bayar/", payment_create, name="payment-create"),
    path("penjualan/<int:pk>/hapus/", sale_delete, name="sale-delete"),
]
