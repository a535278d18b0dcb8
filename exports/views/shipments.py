"""Shipment pages for admins: list, new shipment and buyer, papers, lines."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_errors
from core.once import one_time_form, release_token
from members.roles import Role, role_required

from .. import services
from ..forms import (
    BuyerForm,
    FormChoiceForm,
    IssueForm,
    LineForm,
    NewShipmentForm,
    RejectForm,
    ShipmentForm,
    SubmitForm,
)
from ..models import (
    Buyer,
    DocumentKind,
    Shipment,
    ShipmentLine,
    SkaStatus,
)
from ..preflight import preflight
from ..selectors import forms_for, shipment_totals

PAGE_SIZE = 25


def is_read_only(shipment: Shipment) -> bool:
    """Sent to e-SKA: the papers stay as sent until they come back rejected."""
    return services.is_read_only(shipment.ska)


def read_only_message() -> str:
    return _("Submitted to e-SKA: the data cannot be changed until it is sent back.")


def shipment_or_404(pk: int) -> Shipment:
    return get_object_or_404(Shipment.objects.select_related("buyer", "ska"), pk=pk)


@role_required(Role.ADMIN)
def shipment_list(request: HttpRequest) -> HttpResponse:
    shipments = (
        Shipment.objects.select_related("buyer", "ska")
        .annotate(fob_total=Sum("lines__fob_usd"))
        .order_by("-created_at", "-id")
    )
    status = request.GET.get("status", "")
    if status in SkaStatus.values:
        shipments = shipments.filter(ska__status=status)
    else:
        status = ""
    page = Paginator(shipments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "exports/shipment_list.html",
        {"page": page, "statuses": SkaStatus.choices, "status": status},
    )


def _checklist(shipment: Shipment) -> list[dict]:
    stored = {document.kind: document for document in shipment.documents.all()}
    return [
        {"kind": kind, "label": label, "document": stored.get(kind)}
        for kind, label in DocumentKind.choices
    ]


def render_shipment(
    request: HttpRequest,
    shipment: Shipment,
    *,
    status: int = 200,
    opened: str = "",
    **forms,
) -> HttpResponse:
    """The shipment page; a refused action brings its form back, as typed."""
    ska = shipment.ska
    read_only = is_read_only(shipment)
    offered = forms_for(shipment.destination)
    context = {
        "shipment": shipment,
        "ska": ska,
        "read_only": read_only,
        "lines": shipment.lines.select_related("product"),
        "checklist": _checklist(shipment),
        "totals": shipment_totals(shipment),
        "problems": [] if read_only else preflight(shipment),
        "history": ska.history.select_related("changed_by__member"),
        "forms_offered": offered,
        "form_choice": forms.get("form_choice")
        or FormChoiceForm(
            forms_offered=offered, initial={"form": ska.form_id}, prefix="ska"
        ),
        "submit_form": forms.get("submit_form") or SubmitForm(prefix="submit"),
        "issue_form": forms.get("issue_form") or IssueForm(prefix="issue"),
        "reject_form": forms.get("reject_form") or RejectForm(prefix="reject"),
        "opened": opened,
        "read_only_message": read_only_message(),
    }
    return render(request, "exports/shipment_detail.html", context, status=status)


@role_required(Role.ADMIN)
def shipment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_shipment(request, shipment_or_404(pk))


def _safe_back(request: HttpRequest, default: str) -> str:
    back = request.POST.get("kembali") or request.GET.get("kembali") or ""
    if back.startswith("/ekspor/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    return default


@role_required(Role.ADMIN)
@one_time_form
def shipment_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        initial = {}
        buyer = Buyer.objects.filter(pk=_int(request.GET.get("pembeli"))).first()
        if buyer is not None:
            initial = {"buyer": buyer.pk, "destination": buyer.country}
        form = NewShipmentForm(initial=initial)
        return render(request, "exports/shipment_form.html", {"form": form})
    form = NewShipmentForm(request.POST)
    if form.is_valid():
        fields = form.service_fields()
        try:
            shipment = services.shipment_create(
                buyer=fields.pop("buyer"),
                destination=fields.pop("destination"),
                invoice_number=fields.pop("invoice_number"),
                created_by=request.user,
                **fields,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Shipment %(invoice)s made. Add its goods and papers.")
                % {"invoice": shipment.invoice_number},
            )
            return redirect(shipment)
    return render(request, "exports/shipment_form.html", {"form": form}, status=400)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@role_required(Role.ADMIN)
@one_time_form
def shipment_update(request: HttpRequest, pk: int) -> HttpResponse:
    shipment = shipment_or_404(pk)
    if is_read_only(shipment):
        messages.info(request, read_only_message())
        if request.method == "POST":
            release_token(request)
        return redirect(shipment)
    # The form works on its own copy: the service compares with what is stored.
    copy = Shipment.objects.get(pk=shipment.pk)
    if request.method != "POST":
        # Back from a new buyer's page: that buyer chosen.
        buyer = Buyer.objects.filter(pk=_int(request.GET.get("pembeli"))).first()
        form = ShipmentForm(
            instance=copy, initial={"buyer": buyer.pk} if buyer else None
        )
        return render(
            request,
            "exports/shipment_form.html",
            {"form": form, "shipment": shipment},
        )
    form = ShipmentForm(request.POST, instance=copy)
    if form.is_valid():
        try:
            services.shipment_update(
                shipment=shipment, by=request.user, **form.service_fields()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Papers saved."))
            return redirect(reverse("exports:shipment-detail", args=[pk]) + "#papers")
    return render(
        request,
        "exports/shipment_form.html",
        {"form": form, "shipment": shipment},
        status=400,
    )


@role_required(Role.ADMIN)
@one_time_form
def buyer_create(request: HttpRequest) -> HttpResponse:
    back = _safe_back(request, reverse("exports:shipment-create"))
    if request.method != "POST":
        return render(
            request, "exports/buyer_form.html", {"form": BuyerForm(), "back": back}
        )
    form = BuyerForm(request.POST)
    if form.is_valid():
        buyer = form.save()
        messages.success(request, _("Buyer %(name)s added.") % {"name": buyer.name})
        glue = "&" if "?" in back else "?"
        return redirect(f"{back}{glue}pembeli={buyer.pk}")
    return render(
        request,
        "exports/buyer_form.html",
        {"form": form, "back": back},
        status=400,
    )


def _line_page(request, *, form, shipment, line=None, status=200) -> HttpResponse:
    return render(
        request,
        "exports/line_form.html",
        {"form": form, "shipment": shipment, "line": line},
        status=status,
    )


def _line_anchor(line: ShipmentLine) -> str:
    return reverse("exports:shipment-detail", args=[line.shipment_id]) + (
        f"#line-{line.pk}"
    )


@role_required(Role.ADMIN)
@one_time_form
def line_create(request: HttpRequest, pk: int) -> HttpResponse:
    shipment = shipment_or_404(pk)
    if is_read_only(shipment):
        messages.info(request, read_only_message())
        if request.method == "POST":
            release_token(request)
        return redirect(shipment)
    if request.method != "POST":
        form = LineForm(adding=True)
        return _line_page(request, form=form, shipment=shipment)
    form = LineForm(request.POST, adding=True)
    if form.is_valid():
        try:
            line = services.line_add(
                shipment=shipment,
                product=form.cleaned_data["product"],
                by=request.user,
                **form.service_fields(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Goods line added."))
            return redirect(_line_anchor(line))
    return _line_page(request, form=form, shipment=shipment, status=400)


@role_required(Role.ADMIN)
@one_time_form
def line_update(request: HttpRequest, pk: int) -> HttpResponse:
    line = get_object_or_404(
        ShipmentLine.objects.select_related("shipment__ska", "shipment__buyer"), pk=pk
    )
    shipment = line.shipment
    if is_read_only(shipment):
        messages.info(request, read_only_message())
        if request.method == "POST":
            release_token(request)
        return redirect(_line_anchor(line))
    copy = ShipmentLine.objects.get(pk=line.pk)
    if request.method != "POST":
        form = LineForm(instance=copy)
        return _line_page(request, form=form, shipment=shipment, line=line)
    form = LineForm(request.POST, instance=copy)
    if form.is_valid():
        fields = {**form.service_fields(), "product": form.cleaned_data["product"]}
        try:
            services.line_update(line=line, by=request.user, **fields)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Goods line saved."))
            return redirect(_line_anchor(line))
    return _line_page(request, form=form, shipment=shipment, line=line, status=400)


@require_POST
@role_required(Role.ADMIN)
@one_time_form
def line_delete(request: HttpRequest, pk: int) -> HttpResponse:
    line = get_object_or_404(ShipmentLine.objects.select_related("shipment"), pk=pk)
    shipment = line.shipment
    try:
        services.line_delete(line=line, by=request.user)
    except ValidationError as error:
        release_token(request)
        messages.error(request, " ".join(error.messages))
        return redirect(_line_anchor(line))
    messages.success(request, _("Goods line removed."))
    return redirect(reverse("exports:shipment-detail", args=[shipment.pk]) + "#lines")
