"""Which language a page speaks.

The shop's language comes from its address alone (``/produk/...`` Indonesian,
``/en/produk/...`` English), so a cached page is the same for every visitor and a
shared link opens in the language it was shared in. The portal keeps the
language its user picked with the switcher (a cookie).
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation

SHOP_NAMESPACE = "shop"


def is_shop_path(path: str) -> bool:
    """Whether ``path`` (without a language prefix) is a page of the shop."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            return False
    return SHOP_NAMESPACE in match.namespaces


class LanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        from_path = translation.get_language_from_path(request.path_info)
        if from_path:
            language = from_path
        elif is_shop_path(request.path_info):
            language = settings.LANGUAGE_CODE
        else:
            language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
