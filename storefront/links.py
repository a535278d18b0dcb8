"""Addresses the shop hands out: absolute links, WhatsApp orders and shares."""

from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

from core.money import format_rupiah


def absolute_url(request: HttpRequest | None, path: str) -> str:
    """``path`` on the shop's public address: DJANGO_SITE_URL, else the request's."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    if request is None:
        return "http://127.0.0.1:8000" + path
    return request.build_absolute_uri(path)


def whatsapp_link(number: str, text: str) -> str:
    """``https://wa.me/<number>?text=...``: every character but letters, digits
    and ``-._~`` percent-encoded as UTF-8, so ``&``, ``#``, ``+``, line breaks and
    emoji arrive as typed."""
    base = f"https://wa.me/{number}" if number else "https://wa.me/"
    return f"{base}?text={quote(text, safe='')}"


def order_message(*, product, variant, price: int, url: str) -> str:
    """The WhatsApp message a customer sends to order one variant."""
    options = " / ".join(o for o in (variant.option1, variant.option2) if o)
    lines = [
        _("Hello Hira Rajut, I would like to order:"),
        product.name + (f" ({options})" if options else ""),
        _("SKU: %(sku)s") % {"sku": variant.sku},
        _("Price: %(price)s") % {"price": format_rupiah(price)},
        url,
    ]
    return "\n".join(lines)


def share_links(*, title: str, url: str) -> dict[str, str]:
    return {
        "whatsapp": whatsapp_link("", f"{title}\n{url}"),
        "facebook": "https://www.facebook.com/sharer/sharer.php?u="
        + quote(url, safe=""),
    }
