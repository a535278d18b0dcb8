from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from storefront.links import absolute_url
from storefront.selectors import Stock

register = template.Library()

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[dict]:
    """This page in each language: for the switch and for hreflang."""
    request = context["request"]
    current = get_language()
    return [
        {
            "code": code,
            "name": LANGUAGE_NAMES.get(code, code),
            "url": absolute_url(request, translate_url(request.path, code)),
            "path": translate_url(request.path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


@register.inclusion_tag("storefront/_stock.html")
def stock_badge(stock: str, product=None, count=None):
    return {
        "stock": stock,
        "product": product,
        "count": count,
        "READY": Stock.READY,
        "PREORDER": Stock.PREORDER,
    }


@register.filter
def shop_stock(product) -> str:
    """Ready, pre-order or sold out, for a product read with its total stock."""
    from storefront.selectors import product_stock

    return product_stock(product)
