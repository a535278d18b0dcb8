"""``/healthz``: whether this worker can reach its database and its cache.

For a load balancer, a monitor or ``curl`` after a deploy: 200 when both answer,
503 when one does not. The answer names only the parts and "ok" or "error",
never an address, a version or a record; nobody needs to log in for it, and it
is never kept by a browser or proxy.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)

OK = "ok"
ERROR = "error"
KEY_PREFIX = "healthz:"
MIGRATIONS_TABLE = MigrationRecorder.Migration._meta.db_table


def _database() -> bool:
    # The portal's own tables, not just a server that answers: an empty file
    # where the SQLite database used to be fails too.
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {MIGRATIONS_TABLE} LIMIT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        log.exception("Health check: the database does not answer.")
        return False


def _cache() -> bool:
    # A write and a read back: Redis (or the cache folder) keeps pages, and the
    # order form's rate limit, only if it takes writes. A key of its own, so two
    # workers checking at once do not read each other's.
    token = secrets.token_hex(8)
    key = f"{KEY_PREFIX}{token}"
    try:
        cache.set(key, token, timeout=30)
        answered = cache.get(key) == token
        cache.delete(key)
        return answered
    except Exception:
        log.exception("Health check: the cache does not answer.")
        return False


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database(), "cache": _cache()}
    healthy = all(checks.values())
    return JsonResponse(
        {name: OK if passed else ERROR for name, passed in checks.items()},
        status=200 if healthy else 503,
    )
