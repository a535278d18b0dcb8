"""``/healthz`` says whether the database and the cache answer, and nothing more."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt

from tests.members.factories import MemberFactory

ROOT = Path(__file__).resolve().parent.parent.parent
URL = "/healthz"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# Nothing listens on port 1: the connection is refused at once.
DEAD_REDIS_URL = "redis://127.0.0.1:1/0"


def redis_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "hirarajut-test-healthz",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }


@pytest.mark.django_db
def test_answers_ok_for_database_and_cache(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_is_never_kept_by_a_browser_or_proxy(client):
    response = client.get(URL)
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


@pytest.mark.django_db
def test_needs_no_login_and_sets_no_cookie(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert not response.cookies


@pytest.mark.django_db
def test_head_answers_and_post_is_refused(client):
    assert client.head(URL).status_code == 200
    assert client.post(URL).status_code == 405


@pytest.mark.django_db
def test_is_not_counted_by_the_lockout_and_answers_a_locked_address(client):
    member = MemberFactory()
    for _ in range(5):
        client.post(
            "/masuk/",
            {"username": member.user.username, "password": "salah-sandi"},
            REMOTE_ADDR="10.1.2.3",
        )
    attempts = list(AccessAttempt.objects.values_list("failures_since_start"))
    for _ in range(10):
        assert client.get(URL, REMOTE_ADDR="10.1.2.3").status_code == 200
    assert list(AccessAttempt.objects.values_list("failures_since_start")) == attempts


@pytest.mark.django_db
def test_answers_503_when_redis_does_not_answer(client, settings):
    settings.CACHES = redis_cache(DEAD_REDIS_URL)
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "error"}
    assert "no-store" in response["Cache-Control"]


def _redis_or_skip():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as error:  # pragma: no cover - depends on the machine
        pytest.skip(f"no Redis at {REDIS_URL}: {error}")


@pytest.mark.django_db
def test_answers_ok_with_a_redis_that_answers(client, settings):
    _redis_or_skip()
    settings.CACHES = redis_cache(REDIS_URL)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


# --- In a process of its own: a database that does not answer ------------------

PROBE = """
import json, os, django
django.setup()
from django.test import Client
response = Client().get("/healthz", HTTP_HOST=os.environ["PROBE_HOST"])
print(json.dumps({
    "status": response.status_code,
    "body": response.content.decode(),
    "location": response.get("Location"),
}))
"""


def probe(tmp_path: Path, database_url: str, **env) -> dict:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "hirarajut.settings.test",
            "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
            "DATABASE_URL": database_url,
            "PROBE_HOST": "testserver",
            **env,
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_answers_503_when_the_database_cannot_be_opened(tmp_path):
    answer = probe(tmp_path, f"sqlite:///{tmp_path / 'no-such-folder' / 'db.sqlite3'}")
    assert answer["status"] == 503
    assert json.loads(answer["body"]) == {"database": "error", "cache": "ok"}


def test_answers_503_when_the_database_file_is_empty(tmp_path):
    # The file of a lost database, created afresh by SQLite: no portal tables.
    empty = tmp_path / "db.sqlite3"
    empty.touch()
    answer = probe(tmp_path, f"sqlite:///{empty}")
    assert answer["status"] == 503
    assert json.loads(answer["body"])["database"] == "error"


def test_answers_503_and_tells_nothing_when_postgres_is_unreachable(tmp_path):
    answer = probe(tmp_path, "postgres://portal:rahasia-sekali@127.0.0.1:1/hirarajut")
    assert answer["status"] == 503
    assert json.loads(answer["body"]) == {"database": "error", "cache": "ok"}
    assert "rahasia" not in answer["body"] and "127.0.0.1" not in answer["body"]


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("healthz-db")
    url = f"sqlite:///{folder / 'db.sqlite3'}"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "hirarajut.settings.test",
        "DATABASE_URL": url,
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    return url


PROD = {
    "DJANGO_SETTINGS_MODULE": "hirarajut.settings.prod",
    "DJANGO_SECRET_KEY": "x7!q" + "kR3p9zL2mW8vT1bN6cY4hJ0dF5gS" * 2,
    "DJANGO_ALLOWED_HOSTS": "hirarajut.example.id",
    "PROBE_HOST": "hirarajut.example.id",
}


def test_production_answers_over_plain_http_without_a_redirect(
    tmp_path, migrated_database
):
    answer = probe(tmp_path, migrated_database, **PROD)
    assert answer["status"] == 200, answer
    assert json.loads(answer["body"]) == {"database": "ok", "cache": "ok"}


def test_production_behind_a_proxy_answers_plain_http_too(tmp_path, migrated_database):
    answer = probe(tmp_path, migrated_database, DJANGO_BEHIND_PROXY="1", **PROD)
    assert answer["status"] == 200, answer
