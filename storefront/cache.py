"""The shop's rendered pages, kept for anonymous visitors in the shared cache.

Every key carries the catalog's *version*, a number kept in the same cache.
Any change that a shop page shows (a product, variant, photo, price, stock,
category, maker or the shop settings) moves the version once its transaction is
committed, so from then on every worker, on every machine that shares the
cache, renders afresh; the old pages are never read again and age out.
"""

import functools
import gzip
import re
import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

VERSION_KEY = "shop:version"
# A safety net: even without a change, a page is rendered afresh after this.
PAGE_SECONDS = 60 * 60
# Browsers and proxies may keep a page this long before asking again.
BROWSER_SECONDS = 60
CACHE_HEADER = "X-Shop-Cache"
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def current_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        # Another worker may have set one meanwhile: theirs wins, ours is read back.
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return version


def _bump() -> None:
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def invalidate() -> None:
    """Let every worker render the shop afresh once the current change commits."""
    transaction.on_commit(_bump)


def _page_key(request: HttpRequest) -> str:
    # The host too: a page's links are absolute when no DJANGO_SITE_URL is set.
    return (
        f"shop:page:gz:{current_version()}:{translation.get_language()}:"
        f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    )


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    # A logged-in admin sees the page as it is now, never a kept copy.
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def shop_page(view: Callable) -> Callable:
    """Serve ``view``'s page from the shared cache to anonymous visitors."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable_request(request):
            response = view(request, *args, **kwargs)
            response[CACHE_HEADER] = "skip"
            return response
        key = _page_key(request)
        kept = cache.get(key)
        if kept is not None:
            content, compressed, content_type = kept
            if _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
                # Compressed once when kept, not on every visit; GZipMiddleware
                # leaves a response with a Content-Encoding alone.
                response = HttpResponse(compressed, content_type=content_type)
                response["Content-Encoding"] = "gzip"
            else:
                response = HttpResponse(content, content_type=content_type)
            patch_vary_headers(response, ("Accept-Encoding",))
            response[CACHE_HEADER] = "hit"
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.streaming:
                cache.set(
                    key,
                    (
                        response.content,
                        gzip.compress(response.content, mtime=0),
                        response["Content-Type"],
                    ),
                    timeout=PAGE_SECONDS,
                )
            response[CACHE_HEADER] = "miss"
        response["Cache-Control"] = f"public, max-age={BROWSER_SECONDS}"
        return response

    return wrapped
