"""Production settings, security headers and language."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "hirarajut.settings.prod",
    "DJANGO_SECRET_KEY": "x7!q" + "kR3p9zL2mW8vT1bN6cY4hJ0dF5gS" * 2,
    "DJANGO_ALLOWED_HOSTS": "hirarajut.example.id",
}


def test_deploy_check_passes_with_production_settings():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=PROD_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_deploy_check_fails_and_names_the_missing_variable(missing):
    env = {key: value for key, value in PROD_ENV.items() if key != missing}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=env)
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr


@pytest.mark.django_db
def test_pages_send_the_security_headers(client):
    response = client.get(reverse("members:login"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
    )
    assert csp["script-src"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert csp["frame-ancestors"] == "'none'"


@pytest.mark.django_db
def test_pages_have_no_inline_script(client):
    page = client.get(reverse("members:login")).content.decode()
    assert "<script>" not in page
    assert " onclick=" not in page


@pytest.mark.django_db
def test_portal_speaks_indonesian_even_to_an_english_browser(client):
    response = client.get(reverse("members:login"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert response["Content-Language"] == "id"
    assert "<title>Masuk · Hira Rajut</title>" in response.content.decode()


@pytest.mark.django_db
def test_language_switcher_turns_the_portal_to_english_and_back(client):
    login = reverse("members:login")
    client.post(reverse("set_language"), {"language": "en", "next": login})
    assert "<title>Log in · Hira Rajut</title>" in client.get(login).content.decode()
    client.post(reverse("set_language"), {"language": "id", "next": login})
    assert "<title>Masuk · Hira Rajut</title>" in client.get(login).content.decode()


def test_time_zone_is_jakarta(settings):
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.LANGUAGE_CODE == "id"


@pytest.mark.django_db
def test_static_files_come_from_this_site_not_a_cdn(client):
    page = client.get(reverse("members:login")).content.decode()
    assert "/static/bootstrap/css/bootstrap.min.css" in page
    assert "cdn" not in page.lower()


def test_favicon_request_finds_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"


def prod_setting(*names, **env):
    values = ", ".join(f"{name!r}: str(settings.{name})" for name in names)
    code = (
        "from django.conf import settings; import json; "
        f"print(json.dumps({{{values}}}))"
    )
    result = manage("shell", "-c", code, env_overrides={**PROD_ENV, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_hsts_preload_is_off_unless_the_co_op_opts_in():
    assert prod_setting("SECURE_HSTS_PRELOAD") == {"SECURE_HSTS_PRELOAD": "False"}
    opted_in = prod_setting("SECURE_HSTS_PRELOAD", DJANGO_HSTS_PRELOAD="1")
    assert opted_in == {"SECURE_HSTS_PRELOAD": "True"}


@pytest.mark.parametrize(
    "extra",
    [
        {"DJANGO_HSTS_PRELOAD": "1"},
        {"DJANGO_BEHIND_PROXY": "1", "DJANGO_PROXY_COUNT": "2"},
    ],
)
def test_deploy_check_stays_clean_with_preload_or_a_proxy(extra):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={**PROD_ENV, **extra},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_file_folders_come_from_the_environment(tmp_path):
    folders = {
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_PRIVATE_ROOT": str(tmp_path / "private"),
    }
    shown = prod_setting("STATIC_ROOT", "MEDIA_ROOT", "PRIVATE_ROOT", **folders)
    assert shown == {
        "STATIC_ROOT": folders["DJANGO_STATIC_ROOT"],
        "MEDIA_ROOT": folders["DJANGO_MEDIA_ROOT"],
        "PRIVATE_ROOT": folders["DJANGO_PRIVATE_ROOT"],
    }


def test_file_folders_default_to_the_checkout():
    shown = prod_setting("STATIC_ROOT", "MEDIA_ROOT", "PRIVATE_ROOT")
    assert shown == {
        "STATIC_ROOT": str(ROOT / "staticfiles"),
        "MEDIA_ROOT": str(ROOT / "media"),
        "PRIVATE_ROOT": str(ROOT / "private"),
    }


def test_behind_a_proxy_the_lockout_counts_the_configured_proxies():
    shown = prod_setting(
        "BEHIND_PROXY",
        "PROXY_COUNT",
        "SECURE_PROXY_SSL_HEADER",
        DJANGO_BEHIND_PROXY="1",
        DJANGO_PROXY_COUNT="2",
    )
    assert shown["BEHIND_PROXY"] == "True"
    assert shown["PROXY_COUNT"] == "2"
    assert "HTTP_X_FORWARDED_PROTO" in shown["SECURE_PROXY_SSL_HEADER"]


def test_without_a_proxy_one_is_counted_by_default_and_the_header_ignored():
    shown = prod_setting("BEHIND_PROXY", "PROXY_COUNT")
    assert shown == {"BEHIND_PROXY": "False", "PROXY_COUNT": "1"}


@pytest.mark.parametrize("count", ["0", "two", "-1"])
def test_a_bad_proxy_count_stops_the_start_and_says_why(count):
    result = manage("check", env_overrides={**PROD_ENV, "DJANGO_PROXY_COUNT": count})
    assert result.returncode != 0
    assert "DJANGO_PROXY_COUNT" in result.stderr


def test_password_rules_compare_with_the_members_profile(settings):
    names = [rule["NAME"] for rule in settings.AUTH_PASSWORD_VALIDATORS]
    assert names[0] == "members.passwords.MemberSimilarityValidator"
    assert (
        "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
        not in names
    )


def test_the_cache_header_middleware_sees_every_response(settings):
    middleware = settings.MIDDLEWARE
    position = middleware.index("core.middleware.PrivateCacheMiddleware")
    # Outside WhiteNoise (static files) and django-axes (the lockout page).
    assert position < middleware.index("whitenoise.middleware.WhiteNoiseMiddleware")
    assert position < middleware.index("axes.middleware.AxesMiddleware")
