"""The shop's public pages: no login, cached for anonymous visitors."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from catalog.models import Category

from . import selectors
from .cache import shop_page
from .forms import ListingForm
from .links import absolute_url, order_message, share_links, whatsapp_link
from .models import ShopSettings
from .selectors import Stock
from .seo import image_url, product_json_ld


def _absolute(request):
    return lambda path: absolute_url(request, path)


@require_safe
@shop_page
def home(request: HttpRequest) -> HttpResponse:
    shop = ShopSettings.load()
    products = selectors.home_products()
    hero = next((p for p in products.featured + products.new if p.main_photos), None)
    return render(
        request,
        "storefront/home.html",
        {
            "shop": shop,
            "products": products,
            "canonical": absolute_url(request, reverse("shop:home")),
            "og_image": image_url(_absolute(request), hero.main_photos[0])
            if hero
            else "",
        },
    )


def _listing(request: HttpRequest, *, category: Category | None) -> HttpResponse:
    shop = ShopSettings.load()
    form = ListingForm(request.GET)
    page = Paginator(
        selectors.listing(category=category, filters=form.filters()),
        selectors.PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    path = (
        reverse("shop:category", args=[category.slug])
        if category
        else reverse("shop:products")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "storefront/listing.html",
        {
            "shop": shop,
            "category": category,
            "categories": selectors.shop_categories(),
            "form": form,
            "page": page,
            "query": query.urlencode(),
            # Filtered and later pages are not pages of their own for search engines.
            "canonical": absolute_url(request, path),
            "noindex": form.is_filtered,
        },
    )


@require_safe
@shop_page
def products(request: HttpRequest) -> HttpResponse:
    return _listing(request, category=None)


@require_safe
@shop_page
def category(request: HttpRequest, slug: str) -> HttpResponse:
    return _listing(request, category=get_object_or_404(Category, slug=slug))


@require_safe
@shop_page
def product(request: HttpRequest, slug: str) -> HttpResponse:
    shop = ShopSettings.load()
    item = selectors.product_page(slug)
    if item is None:
        raise Http404(_("This product is not in the shop."))
    variants = list(item.variants.all())
    if not variants:
        raise Http404(_("This product is not in the shop."))
    for variant in variants:
        variant.shop_stock = selectors.variant_stock(item, variant)
    # The first that can be had now, unless the customer picked one.
    chosen = next((v for v in variants if v.shop_stock != Stock.SOLD_OUT), variants[0])
    wanted = request.GET.get("varian", "")
    if wanted.isdigit():
        chosen = next((v for v in variants if v.pk == int(wanted)), chosen)
    photos = list(item.photos.all())
    # The chosen variant's own photo comes first.
    photos.sort(key=lambda photo: photo.variant_id != chosen.pk)
    path = reverse("shop:product", args=[item.slug])
    url = absolute_url(request, path)
    absolute = _absolute(request)
    images = [image_url(absolute, photo) for photo in photos]
    return render(
        request,
        "storefront/product.html",
        {
            "shop": shop,
            "product": item,
            "stock": selectors.product_stock(item),
            "variants": variants,
            "chosen": chosen,
            "photos": photos,
            "canonical": url,
            "og_image": images[0] if images else "",
            "json_ld": product_json_ld(product=item, url=url, images=images),
            "whatsapp": whatsapp_link(
                shop.whatsapp,
                order_message(
                    product=item, variant=chosen, price=chosen.price, url=url
                ),
            )
            if shop.whatsapp
            else "",
            "share": share_links(title=item.name, url=url),
        },
    )


@require_safe
@shop_page
def about(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "storefront/about.html",
        {
            "shop": ShopSettings.load(),
            "canonical": absolute_url(request, reverse("shop:about")),
        },
    )


@require_safe
@shop_page
def contact(request: HttpRequest) -> HttpResponse:
    shop = ShopSettings.load()
    return render(
        request,
        "storefront/contact.html",
        {
            "shop": shop,
            "whatsapp": whatsapp_link(shop.whatsapp, _("Hello Hira Rajut, "))
            if shop.whatsapp
            else "",
            "canonical": absolute_url(request, reverse("shop:contact")),
        },
    )
