import os

import pytest
from django.db import connection


@pytest.mark.postgres
def test_suite_runs_on_postgresql_when_required():
    # With REQUIRE_POSTGRES=1 this fails (instead of skipping) on any other database,
    # so a CI run that lost its DATABASE_URL cannot pass quietly.
    assert connection.vendor == "postgresql", (
        f"REQUIRE_POSTGRES=1 but the tests run on {connection.vendor}; "
        f"DATABASE_URL={os.environ.get('DATABASE_URL', '(not set)')}"
    )


@pytest.mark.django_db
def test_sqlite_is_opened_in_wal_mode_with_immediate_transactions():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite settings only apply to SQLite")
    options = connection.settings_dict["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
