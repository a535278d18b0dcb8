"""Every URL pattern of the portal and what its view's decorators say about it."""

import re
from dataclasses import dataclass, field
from functools import cache

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

# The shop and the pages every visitor needs; everything else is the portal.
PUBLIC_NAMESPACES = {"shop", "shop-site"}
PUBLIC_NAMES = {
    "healthz",
    "set_language",
    "members:login",
    "members:logout",
    "admin:login",
    "admin:logout",
    "admin:jsi18n",
}
PUBLIC_PATHS = {"favicon.ico", "^media/(?P<path>.*)$"}

_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_PARAM = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^)]*)\)")


@dataclass(frozen=True)
class Route:
    """One URL pattern: where it is, what it takes and how its view is guarded."""

    name: str | None  # "namespace:name", or None for an unnamed pattern
    namespace: str
    pattern: str  # the full pattern, prefixes included
    converters: dict = field(hash=False, compare=False)  # parameter -> converter
    callback: object = field(hash=False, compare=False)
    decorators: frozenset = frozenset()  # role_required, login_required, ...
    methods: frozenset | None = None  # from require_http_methods, None: any

    @property
    def label(self) -> str:
        """How a test names the page: its URL name, or its pattern if it has none."""
        return self.name or f"/{self.pattern}"

    @property
    def is_public(self) -> bool:
        return (
            self.namespace in PUBLIC_NAMESPACES
            or self.name in PUBLIC_NAMES
            or self.pattern in PUBLIC_PATHS
        )

    @property
    def takes_id(self) -> bool:
        """Whether the address names one object of the database."""
        return any(
            name == "pk" or name.endswith(("_pk", "_id", "id")) for name in self.params
        )

    @property
    def params(self) -> list[str]:
        names = [m["name"] for m in _ROUTE_PARAM.finditer(self.pattern)]
        names += [m["name"] for m in _REGEX_PARAM.finditer(self.pattern)]
        return names

    @property
    def accepts_post(self) -> bool:
        return self.methods is None or "POST" in self.methods

    def url(self, values: dict) -> str:
        """The address with each parameter filled in from ``values``."""
        missing = set(self.params) - set(values)
        if missing:
            raise KeyError(f"no value for {sorted(missing)} of {self.label}")
        path = _ROUTE_PARAM.sub(lambda m: str(values[m["name"]]), self.pattern)
        path = _REGEX_PARAM.sub(lambda m: str(values[m["name"]]), path)
        return "/" + path.replace("^", "").replace("$", "")


def _decorators(view) -> tuple[frozenset, frozenset | None]:
    """What the decorators around ``view`` are, read off their ``__wrapped__`` chain."""
    found = set()
    methods = None
    seen = 0
    while view is not None and seen < 20:
        seen += 1
        # functools.wraps copies the view's name onto its wrappers; the code of a
        # wrapper keeps the name of the decorator that made it.
        code = getattr(view, "__code__", None)
        qualname = code.co_qualname if code else ""
        if getattr(view, "one_time_form", False) or qualname.startswith(
            "one_time_form."
        ):
            found.add("one_time_form")
        if qualname.startswith("role_required."):
            found.add("role_required")
        if qualname.startswith("user_passes_test.") or qualname.startswith(
            "login_required."
        ):
            found.add("login_required")
        if qualname.startswith("require_http_methods."):
            for cell in view.__closure__ or ():
                contents = cell.cell_contents
                if isinstance(contents, list | tuple) and all(
                    isinstance(item, str) for item in contents
                ):
                    methods = frozenset(contents)
            if methods == {"POST"}:
                found.add("require_POST")
        if getattr(view, "csrf_exempt", False):
            found.add("csrf_exempt")
        view = getattr(view, "__wrapped__", None)
    return frozenset(found), methods


def _walk(resolver: URLResolver, prefix: str, namespaces: tuple):
    for entry in resolver.url_patterns:
        part = str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from _walk(entry, prefix + part, inner)
        elif isinstance(entry, URLPattern):
            namespace = ":".join(namespaces)
            name = None
            if entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
            converters = {}
            if isinstance(entry.pattern, RoutePattern):
                converters = dict(entry.pattern.converters)
            elif isinstance(entry.pattern, RegexPattern):
                converters = dict.fromkeys(entry.pattern.regex.groupindex)
            decorators, methods = _decorators(entry.callback)
            yield Route(
                name=name,
                namespace=namespace,
                pattern=prefix + part,
                converters=converters,
                callback=entry.callback,
                decorators=decorators,
                methods=methods,
            )


@cache
def all_routes() -> tuple[Route, ...]:
    """Every URL pattern of the portal and the shop, in the order Django tries them."""
    return tuple(_walk(get_resolver(), "", ()))


def portal_routes() -> list[Route]:
    return [route for route in all_routes() if not route.is_public]


def id_routes() -> list[Route]:
    return [route for route in all_routes() if route.takes_id]


def post_routes() -> list[Route]:
    return [route for route in all_routes() if route.accepts_post]
