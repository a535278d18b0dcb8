"""Shared fixtures; PostgreSQL-only and browser tests skip, or fail when required."""

import os

import pytest

REQUIRE_POSTGRES = os.environ.get("REQUIRE_POSTGRES") == "1"
# The data migrations that grant each role its permissions, in order.
ROLE_MIGRATIONS = [
    "catalog.migrations.0002_roles",
    "catalog.migrations.0005_opening_stock_movements",
    "production.migrations.0002_roles",
    "training.migrations.0002_roles",
    "sales.migrations.0002_roles",
    "storefront.migrations.0002_roles",
    "exports.migrations.0003_roles",
]


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    reason = "needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/test"
    for item in items:
        if item.get_closest_marker("postgres") and not REQUIRE_POSTGRES:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the portal's language, whatever the one before chose."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: no page or rate count of another."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test go to a temporary folder, never to media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def role_groups(db):
    """The role groups and their permissions, as the migrations grant them.

    Also for transactional tests: their flush removed what the migrations wrote.
    """
    from importlib import import_module

    from django.apps import apps

    from members.roles import grant_permissions

    import_module("members.migrations.0002_roles").create_roles(apps, None)
    for migration in ROLE_MIGRATIONS:
        granted = import_module(migration).ROLE_PERMISSIONS
        for group_name, codenames in granted.items():
            # Hand-ins were called finished item logs when their roles were set.
            current = [c.replace("finisheditemlog", "handin") for c in codenames]
            grant_permissions(apps, group_name, current)


def with_token(data=None):
    """Form data with a fresh one-time form token, as the page's form carries it."""
    from core.once import FIELD, new_token

    if isinstance(data, str):  # an urlencoded body
        return f"{data}&{FIELD}={new_token()}" if data else f"{FIELD}={new_token()}"
    return {**(data or {}), FIELD: new_token()}


def forms_without_token(response) -> list[str]:
    """The actions of the page's POST forms to one-time views that carry no token."""
    import re

    from django.urls import Resolver404, resolve

    page = response.content.decode()
    missing = []
    for form in re.finditer(r"<form\b([^>]*)>(.*?)</form>", page, re.S | re.I):
        attrs, body = form.groups()
        if not re.search(r"method=[\"']?post", attrs, re.I):
            continue
        action = re.search(r"action=[\"']([^\"']*)", attrs)
        url = action.group(1) if action and action.group(1) else None
        url = url or response.request["PATH_INFO"]
        try:
            view = resolve(url.split("?")[0]).func
        except Resolver404:
            continue
        if getattr(view, "one_time_form", False) and 'name="form_token"' not in body:
            missing.append(url)
    return missing
