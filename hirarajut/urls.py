"""Root URLs of the portal."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from core.health import healthz


class FaviconView(RedirectView):
    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        # Resolved per request: the hashed name exists only after collectstatic.
        return static_url("img/favicon.svg")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", FaviconView.as_view()),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("katalog/", include("catalog.urls")),
    path("produksi/", include("production.urls")),
    path("pelatihan/", include("training.urls")),
    path("keuangan/", include("sales.urls")),
    path("ekspor/", include("exports.urls")),
    path("", include("portal.urls")),
    path("", include("members.urls")),
    path("portal/toko/", include("storefront.admin_urls")),
    path("", include("storefront.site_urls")),
]
# The shop: Indonesian at /..., English at /en/...; last, after every portal page.
urlpatterns += i18n_patterns(
    path("", include("storefront.urls")), prefix_default_language=False
)

if settings.DEBUG or settings.SERVE_MEDIA:
    # Development and tests only; in production the web server serves media.
    from django.urls import re_path
    from django.views.static import serve

    def serve_media(request, path):
        return serve(request, path, document_root=settings.MEDIA_ROOT)

    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve_media)
    ]
