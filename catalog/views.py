from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import F, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.once import one_time_form
from core.photos import PhotoRejected
from members.roles import Role, role_required

from . import services, stock
from .descriptions import product_channel_texts
from .forms import AltTextForm, PhotoUploadForm, ProductFilterForm, StockCountForm
from .models import Product, ProductPhoto, Status, StockMovement, Variant


def can_change(view):
    """Anonymous visitors log in first; others need the catalog permission."""
    return login_required(
        permission_required("catalog.change_product", raise_exception=True)(view)
    )


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("x-requested-with") == "XMLHttpRequest"


PRODUCT_LIST_PAGE_SIZE = 25


def _product_list(*, filters: dict) -> QuerySet:
    """Products for the portal's list, filtered, in a fixed number of queries."""
    main_photo = ProductPhoto.objects.annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("product_id")],
            order_by=[F("position").asc(), F("id").asc()],
        )
    ).filter(rank=1)
    products = (
        Product.objects.with_stock()
        .select_related("category")
        .prefetch_related(
            Prefetch("photos", queryset=main_photo, to_attr="main_photos"),
            Prefetch("variants", queryset=Variant.objects.order_by("position", "id")),
        )
        .order_by("name", "id")
    )
    if query := filters.get("q"):
        products = products.filter(
            Q(name__icontains=query)
            | Q(sku__icontains=query)
            | Q(materials__icontains=query)
            | Q(colours__icontains=query)
            | Exists(
                Variant.objects.filter(product=OuterRef("pk"), sku__icontains=query)
            )
        )
    if category := filters.get("kategori"):
        products = products.filter(category=category)
    if status := filters.get("status"):
        products = products.filter(status=status)
    return products


@role_required(Role.ADMIN)
def product_list(request: HttpRequest) -> HttpResponse:
    """All products for the co-op's admins: search, filters, stock, links."""
    form = ProductFilterForm(request.GET)
    filters, ignored = form.filters()
    if ignored:
        messages.warning(
            request,
            _("Not understood, so ignored: %(filters)s.")
            % {"filters": ", ".join(ignored)},
        )
        # Shown again as the list is filtered: without what was ignored.
        form = ProductFilterForm(
            {name: request.GET.get(name, "") for name in form.fields if name in filters}
        )
    page = Paginator(_product_list(filters=filters), PRODUCT_LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "catalog/product_list.html",
        {"form": form, "page": page, "filtered": bool(filters)},
    )


@can_change
def product_detail(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(
        Product.objects.with_stock()
        .select_related("category")
        .prefetch_related("photos", "variants", "makers"),
        pk=pk,
    )
    return render(
        request,
        "catalog/product_detail.html",
        {
            "product": product,
            "photos": product.photos.all(),
            "channel_texts": product_channel_texts(product),
        },
    )


def _photos_page(request, product, form, status=200):
    return render(
        request,
        "catalog/product_photos.html",
        {
            "product": product,
            "photos": product.photos.all(),
            "form": form,
            "publish_problems": product.publish_problems()
            if product.status != Status.PUBLISHED
            else [],
        },
        status=status,
    )


@can_change
def product_photos(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(Product, pk=pk)
    if request.method != "POST":
        return _photos_page(request, product, PhotoUploadForm())

    form = PhotoUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse(
                {"ok": False, "error": form.errors.as_text()}, status=400
            )
        return _photos_page(request, product, form, status=400)

    added, refused = [], []
    for upload in form.cleaned_data["photos"]:
        try:
            added.append(
                services.photo_add(
                    product=product,
                    upload=upload,
                    alt_text=form.cleaned_data["alt_text"],
                )
            )
        except PhotoRejected as error:
            refused.append((upload.name, error.messages[0]))

    if _wants_json(request):
        if refused:
            name, reason = refused[0]
            return JsonResponse(
                {"ok": False, "name": name, "error": reason}, status=400
            )
        return JsonResponse(
            {
                "ok": True,
                "html": "".join(
                    render_to_string(
                        "catalog/_photo_card.html",
                        {"photo": photo, "product": product},
                        request=request,
                    )
                    for photo in added
                ),
            }
        )
    if added:
        messages.success(
            request, _("%(count)s photo(s) added.") % {"count": len(added)}
        )
    if refused:
        for name, reason in refused:
            form.add_error("photos", f"{name}: {reason}")
        return _photos_page(request, product, form, status=400)
    return redirect("catalog:product-photos", pk=product.pk)


@require_POST
@can_change
def photo_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    photo = get_object_or_404(ProductPhoto.objects.select_related("product"), pk=pk)
    product = photo.product
    if action == "up":
        services.photo_move(photo=photo, offset=-1)
    elif action == "down":
        services.photo_move(photo=photo, offset=1)
    elif action == "main":
        services.photo_make_main(photo=photo)
        messages.success(request, _("Main photo set."))
    elif action == "delete":
        services.photo_delete(photo=photo)
        messages.success(request, _("Photo deleted."))
    elif action == "alt":
        form = AltTextForm(request.POST, instance=photo)
        if form.is_valid():
            services.photo_set_alt_text(
                photo=photo, alt_text=form.cleaned_data["alt_text"]
            )
            messages.success(request, _("Photo description saved."))
        else:
            messages.error(request, form.errors.as_text())
    else:
        raise Http404
    return redirect(f"{product.get_photos_url()}#photo-list")


@require_POST
@can_change
def product_status(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(Product, pk=pk)
    wanted = request.POST.get("status")
    if wanted not in Status.values:
        messages.error(request, _("Unknown status."))
    else:
        try:
            services.product_set_status(product=product, status=Status(wanted))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("“%(name)s” is now %(status)s.")
                % {"name": product.name, "status": Status(wanted).label.lower()},
            )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = product.get_absolute_url()
    return redirect(next_url)


STOCK_CARD_PAGE_SIZE = 30


@login_required
@permission_required("catalog.view_stockmovement", raise_exception=True)
def stock_card(request: HttpRequest, pk: int) -> HttpResponse:
    """A variant's stock card (kartu stok): its movements, newest first."""
    variant = get_object_or_404(Variant.objects.select_related("product"), pk=pk)
    movements = (
        StockMovement.objects.filter(variant=variant)
        .select_related("created_by__member")
        # One query per kind of source on the page, not one per line.
        .prefetch_related("source")
        .order_by("-created_at", "-id")
    )
    page = Paginator(movements, STOCK_CARD_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "catalog/stock_card.html",
        {"variant": variant, "product": variant.product, "page": page},
    )


@login_required
@permission_required("catalog.count_stock", raise_exception=True)
@one_time_form
def stock_count(request: HttpRequest, pk: int) -> HttpResponse:
    """Stock count (stok opname) of one product's variants."""
    product = get_object_or_404(Product, pk=pk)
    variants = product.variants.select_related("product").order_by("position", "id")
    if request.method == "POST":
        form = StockCountForm(request.POST, variants=variants)
        if form.is_valid():
            try:
                booked = stock.stock_count_many(
                    counts=form.counts(),
                    expected=form.seen(),
                    note=form.cleaned_data["note"],
                    by=request.user,
                )
            except ValidationError as error:
                # Shown again with today's stock; what was typed stays.
                data = request.POST.copy()
                variants = variants.all()
                for variant in variants:
                    data[StockCountForm.seen_name(variant)] = variant.stock
                form = StockCountForm(data, variants=variants)
                form.is_valid()
                form.add_error(None, error)
            else:
                if booked:
                    messages.success(
                        request,
                        ngettext(
                            "Stock count saved: %(count)s correction booked.",
                            "Stock count saved: %(count)s corrections booked.",
                            len(booked),
                        )
                        % {"count": len(booked)},
                    )
                else:
                    messages.success(
                        request,
                        _("Stock count saved: the stock already matches."),
                    )
                return redirect("catalog:stock-count", pk=product.pk)
        status = 400
    else:
        form = StockCountForm(variants=variants)
        status = 200
    return render(
        request,
        "catalog/stock_count.html",
        {"product": product, "form": form},
        status=status,
    )
