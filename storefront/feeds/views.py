"""The public feeds for Meta and Google (cached), the Shopee sheet, the check page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.exports import XLSX_TYPE, filename
from members.roles import Role, role_required

from ..cache import shop_page
from ..links import absolute_url
from .checks import feed_report
from .common import Links, feed_products, shop_today
from .google import google_xml
from .meta import meta_csv
from .shopee import shopee_xlsx


@require_safe
@shop_page
def meta_feed(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        meta_csv(feed_products(), Links(request)),
        content_type="text/csv; charset=utf-8",
    )


@require_safe
@shop_page
def google_feed(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        google_xml(feed_products(), Links(request)),
        content_type="application/xml; charset=utf-8",
    )


@require_safe
@role_required(Role.ADMIN)
def shopee_feed(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        shopee_xlsx(feed_products(), Links(request)), content_type=XLSX_TYPE
    )
    name = filename("shopee", shop_today().isoformat(), "xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@role_required(Role.ADMIN)
def feed_check(request: HttpRequest) -> HttpResponse:
    report = feed_report(feed_products())
    urls = {
        "meta": absolute_url(request, reverse("shop-site:feed-meta")),
        "google": absolute_url(request, reverse("shop-site:feed-google")),
        "shopee": absolute_url(request, reverse("shop-admin:feed-shopee")),
    }
    return render(
        request,
        "storefront/feeds/check.html",
        {
            "report": report,
            "feeds": [{"total": t, "url": urls[t.feed]} for t in report.totals],
        },
    )
