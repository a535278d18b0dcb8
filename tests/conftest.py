"""Shared fixtures; PostgreSQL-only and browser tests skip, or fail when required."""

import os

import pytest

REQUIRE_POSTGRES = os.environ.get("REQUIRE_POSTGRES") == "1"


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    reason = "needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/test"
    for item in items:
        if item.get_closest_marker("postgres") and not REQUIRE_POSTGRES:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test go to a temporary folder, never to media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def role_groups(db):
    """The role groups, also for transactional tests whose flush removed them."""
    from importlib import import_module

    from django.apps import apps

    import_module("members.migrations.0002_roles").create_roles(apps, None)
