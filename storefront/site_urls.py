"""Addresses for machines: robots.txt, the sitemap and the marketplace feeds."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import site_views
from .feeds import urls as feeds
from .sitemaps import SITEMAPS

app_name = "shop-site"

urlpatterns = [
    path("robots.txt", site_views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        site_views.cached_sitemap(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    *feeds.public_urlpatterns,
]
