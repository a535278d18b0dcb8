"""The portal speaks Indonesian unless the visitor picked another language."""


class IgnoreBrowserLanguageMiddleware:
    """Drop Accept-Language so only the language switcher's cookie can change it.

    Many members' phones are set to English although they read Indonesian; the
    co-op wants the portal in Indonesian for them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
