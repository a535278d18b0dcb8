"""robots.txt and the cached sitemap."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from .cache import shop_page
from .links import absolute_url

# Pages that are not the shop's: search engines have no business there.
PRIVATE_PREFIXES = (
    "/portal/",
    "/admin/",
    "/masuk/",
    "/keluar/",
    "/kata-sandi/",
    "/katalog/",
    "/produksi/",
    "/pelatihan/",
    "/keuangan/",
    "/media/",
    "/pesan/",
    "/en/pesan/",
)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES)]
    lines.append(f"Sitemap: {absolute_url(request, reverse('shop-site:sitemap'))}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def cached_sitemap(view):
    return require_safe(shop_page(view))
