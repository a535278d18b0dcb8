"""What every request and response of the portal passes: caching and the address.

Portal pages show members' records, money and papers; no browser history, shared
phone or proxy on the way may keep a copy. The shop's public pages, its feeds and
the static files say for themselves how long they may be kept, and keep it.
"""

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

PRIVATE = "private, no-store"


class PrivateCacheMiddleware:
    """Mark every response that names no caching of its own as never to be kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = PRIVATE
        return response


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The visitor's address, as the login lockout counts it.

    Without a proxy, the connection's own address: X-Forwarded-For is whatever
    the visitor chose to send. Behind ``PROXY_COUNT`` proxies, each one appends
    the address it saw to X-Forwarded-For, so the visitor is the entry that many
    places from the end; entries before it may be forged and are never read.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_PROXY:
        return remote or None
    entries = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if not entries:
        return remote or None
    # Fewer entries than proxies: the request passed fewer proxies than
    # configured, and the first entry is the farthest any of them saw.
    seen = (
        entries[-settings.PROXY_COUNT]
        if len(entries) >= settings.PROXY_COUNT
        else entries[0]
    )
    return _address(seen) or remote or None
