"""Production settings, security headers and language."""

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
