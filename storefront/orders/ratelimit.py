"""How many order requests one address may send: counted in the shared cache.

The count lives in Django's default cache, which every worker shares (files on
one machine, Redis across machines), so a second worker or a restarted one sees
the same count. An address's count is forgotten ``WINDOW_SECONDS`` after the
last request it counted: five requests close together, then a pause.
"""

import ipaddress

from django.core.cache import cache
from django.http import HttpRequest

from core.middleware import client_ip

LIMIT = 5
WINDOW_SECONDS = 10 * 60
KEY_PREFIX = "shop:order-rate:"


def client_key(request: HttpRequest) -> str:
    """The client's address as counted: IPv4 as is, IPv6 by its /64 network.

    One IPv6 connection usually owns a whole /64, so counting single addresses
    would let one sender change address at will.
    """
    # REMOTE_ADDR, or behind DJANGO_PROXY_COUNT proxies the address the first saw.
    raw = client_ip(request) or "unknown"
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return KEY_PREFIX + raw[:64]
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return KEY_PREFIX + str(address.ipv4_mapped)
        return KEY_PREFIX + str(ipaddress.ip_network(f"{address}/64", strict=False))
    return KEY_PREFIX + str(address)


def is_limited(request: HttpRequest) -> bool:
    """Whether this address has used up its requests for now (counts nothing)."""
    return (cache.get(client_key(request)) or 0) >= LIMIT


def take(request: HttpRequest) -> bool:
    """Count one request from this address; ``False`` once over the limit.

    ``add`` starts a count only where none exists, and ``incr`` adds to it in
    place on Redis, so two workers counting at once both count.
    """
    key = client_key(request)
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:
        # The count ran out between add and incr: this one starts a new count.
        cache.add(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    # The file cache's incr writes the value anew with the cache's default
    # timeout; every backend keeps the count for the full window from here.
    cache.touch(key, WINDOW_SECONDS)
    return count <= LIMIT
