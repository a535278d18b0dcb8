"""Order requests: the customer's form in the shop, and the admins' pages.

The form page is never kept in the page cache: it carries a CSRF token and a
one-time token of its own, and the confirmation shows the customer's details.
"""

import logging

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from catalog.models import Availability
from core.forms import add_errors
from core.once import one_time_form, release_token
from members.roles import Role, role_required

from ..links import absolute_url, order_message, whatsapp_link
from ..models import OrderRequest, OrderStatus, ShopSettings
from ..selectors import Stock, variant_stock
from . import ratelimit, selectors, services, texts
from .forms import OrderFilterForm, OrderRequestForm

logger = logging.getLogger(__name__)

SENT_SALT = "storefront.orders.sent"
# The confirmation link works this long: she may come back to it for a while.
SENT_MAX_AGE = 60 * 60 * 24 * 90
PAGE_SIZE = 25


def _variant_or_404(variant_id: int):
    variant = selectors.orderable_variant(variant_id)
    if variant is None:
        raise Http404(_("This product is not in the shop."))
    return variant


def _render_form(
    request: HttpRequest,
    variant,
    form: OrderRequestForm,
    *,
    limited: bool = False,
    status: int = 200,
) -> HttpResponse:
    shop = ShopSettings.load()
    product = variant.product
    return render(
        request,
        "storefront/order_form.html",
        {
            "shop": shop,
            "product": product,
            "variant": variant,
            "stock": variant_stock(product, variant),
            "READY": Stock.READY,
            "PREORDER": Stock.PREORDER,
            "form": form,
            "limited": limited,
            "limit_minutes": ratelimit.WINDOW_SECONDS // 60,
            # The message the product page's WhatsApp button sends.
            "whatsapp": whatsapp_link(
                shop.whatsapp,
                order_message(
                    product=product,
                    variant=variant,
                    price=variant.price,
                    url=absolute_url(
                        request, reverse("shop:product", args=[product.slug])
                    ),
                ),
            )
            if shop.whatsapp
            else "",
            "noindex": True,
        },
        status=status,
    )


def sign_order(order: OrderRequest) -> str:
    return signing.dumps(order.pk, salt=SENT_SALT)


def _render_sent(request: HttpRequest, order: OrderRequest) -> HttpResponse:
    shop = ShopSettings.load()
    return render(
        request,
        "storefront/order_sent.html",
        {
            "shop": shop,
            "order": order,
            "product": order.variant.product,
            "variant": order.variant,
            "is_preorder": order.variant.product.availability == Availability.PREORDER,
            "whatsapp": whatsapp_link(shop.whatsapp, texts.customer_message(order))
            if shop.whatsapp
            else "",
            "noindex": True,
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@one_time_form
def order_request(request: HttpRequest, variant_id: int) -> HttpResponse:
    variant = _variant_or_404(variant_id)
    if request.method != "POST":
        return _render_form(request, variant, OrderRequestForm())
    form = OrderRequestForm(request.POST)
    if ratelimit.is_limited(request):
        return _render_form(request, variant, form, limited=True, status=429)
    if not form.is_valid():
        return _render_form(request, variant, form, status=400)
    if not ratelimit.take(request):
        # Another request from the same address was counted meanwhile.
        return _render_form(request, variant, form, limited=True, status=429)
    data = form.cleaned_data
    if form.is_bot:
        # Looks sent, so the sender learns nothing; nothing is saved.
        logger.info("Order request with the hidden field filled, not saved")
        unsaved = OrderRequest(
            name=data["name"],
            whatsapp=data["whatsapp"],
            variant=variant,
            quantity=data["quantity"],
            note=data["note"],
            unit_price=variant.price,
        )
        return _render_sent(request, unsaved)
    try:
        order = services.order_request_create(
            variant=variant,
            name=data["name"],
            whatsapp=data["whatsapp"],
            quantity=data["quantity"],
            note=data["note"],
        )
    except ValidationError as error:
        add_errors(form, error)
        return _render_form(request, variant, form, status=400)
    return redirect("shop:order-sent", signed=sign_order(order))


@never_cache
@require_safe
def order_sent(request: HttpRequest, signed: str) -> HttpResponse:
    try:
        pk = signing.loads(signed, salt=SENT_SALT, max_age=SENT_MAX_AGE)
    except signing.BadSignature as error:
        raise Http404(_("This link is not valid (any more).")) from error
    order = (
        OrderRequest.objects.select_related("variant__product").filter(pk=pk).first()
    )
    if order is None:
        raise Http404(_("This link is not valid (any more)."))
    return _render_sent(request, order)


# --- The admins' pages, in the portal ------------------------------------------------


@role_required(Role.ADMIN)
def order_list(request: HttpRequest) -> HttpResponse:
    form = OrderFilterForm(request.GET)
    filters = form.filters()
    page = Paginator(selectors.order_request_list(**filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "storefront/orders/list.html",
        {
            "form": form,
            "page": page,
            "status": filters["status"] or "all",
            "query": filters["query"],
            "statuses": OrderStatus.choices,
        },
    )


def _order_or_404(pk: int) -> OrderRequest:
    order = selectors.order_request_detail(pk)
    if order is None:
        raise Http404(_("No such order request."))
    return order


@role_required(Role.ADMIN)
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = _order_or_404(pk)
    product, variant = order.variant.product, order.variant
    return render(
        request,
        "storefront/orders/detail.html",
        {
            "order": order,
            "product": product,
            "variant": variant,
            "stock": variant_stock(product, variant),
            "READY": Stock.READY,
            "PREORDER": Stock.PREORDER,
            "price_now": variant.price,
            "reply": whatsapp_link(order.whatsapp, texts.reply_message(order)),
            "shop_url": reverse("shop:product", args=[product.slug])
            + f"?varian={variant.pk}",
        },
    )


def _refused(request: HttpRequest, order: OrderRequest, error: ValidationError):
    release_token(request)
    messages.error(request, " ".join(error.messages))
    return redirect(order.get_absolute_url())


@require_POST
@role_required(Role.ADMIN)
@one_time_form
def order_convert(request: HttpRequest, pk: int) -> HttpResponse:
    order = _order_or_404(pk)
    try:
        order, sale = services.order_request_convert(order=order, by=request.user)
    except ValidationError as error:
        return _refused(request, order, error)
    messages.success(
        request,
        _(
            "Draft sale made from %(name)s's request. Check it, then post it when "
            "the sale is agreed."
        )
        % {"name": order.name},
    )
    return redirect(sale.get_absolute_url())


@require_POST
@role_required(Role.ADMIN)
@one_time_form
def order_close(request: HttpRequest, pk: int) -> HttpResponse:
    order = _order_or_404(pk)
    try:
        services.order_request_close(order=order, by=request.user)
    except ValidationError as error:
        return _refused(request, order, error)
    messages.success(request, _("%(name)s's request is closed.") % {"name": order.name})
    return redirect("shop-admin:order-list")
