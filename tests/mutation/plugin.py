"""pytest plugin of `make mutate`: a mutant runs only the tests of its own module.

mutmut runs, for each mutant, every selected test that called the mutated function.
Through forms, views and factories that is a large part of the suite (every form
with an amount calls the money field), so a surviving mutant would cost minutes.
Here a mutant of a module runs only the test files that test that module (its unit
and service tests, not the pages and reports); the runs that collect which tests
call what, and the clean run, take the test files of all the modules.

Each mutant's run also starts from a copy of one migrated SQLite database instead
of migrating an in-memory one again, which would take most of its time.
"""

import fcntl
import fnmatch
import hashlib
import os
import shutil
import sys
from pathlib import Path

import pytest

# Module of the mutated function -> the test files that test it (fnmatch patterns).
TESTS_BY_MODULE = {
    "core.photos": [
        "tests/core/test_photos_mutants.py",
        "tests/core/test_bad_input.py",
        "tests/catalog/test_photo_pipeline.py",
    ],
    "core.money": [
        "tests/core/test_money_mutants.py",
        "tests/core/test_bad_input.py",
        "tests/catalog/test_money.py",
    ],
    "sales.services.*": [
        "tests/sales/test_*_mutants.py",
        "tests/sales/test_services.py",
        "tests/sales/test_bad_input.py",
        "tests/sales/test_double_submit.py",
        "tests/sales/test_expense_receipt.py",
    ],
    "production.services": [
        "tests/production/test_*_mutants.py",
        "tests/production/test_services.py",
        "tests/production/test_bad_input.py",
        "tests/production/test_double_submit.py",
        "tests/production/test_hand_in_photo.py",
    ],
    "catalog.stock": [
        "tests/catalog/test_stock_mutants.py",
        "tests/catalog/test_stock.py",
        "tests/catalog/test_stock_properties.py",
        "tests/sales/test_services.py",
        "tests/production/test_services.py",
    ],
}


def module_under_test(mutant: str) -> str | None:
    """``core.money.xǁRupiahFieldǁ__init____mutmut_3`` -> ``core.money``."""
    if "__mutmut_" not in mutant:
        return None  # collecting stats, the clean run or the forced failure
    for marker in (".x_", ".xǁ"):
        if marker in mutant:
            return mutant.split(marker, 1)[0]
    return None


def tests_of(module: str) -> list[str]:
    return [
        pattern
        for name, patterns in TESTS_BY_MODULE.items()
        if fnmatch.fnmatch(module, name)
        for pattern in patterns
    ]


def _current_module() -> str | None:
    return module_under_test(os.environ.get("MUTANT_UNDER_TEST", ""))


def pytest_collection_modifyitems(config, items):
    # A mutant runs its module's tests; collecting stats and the clean run, all
    # the modules' tests (this list is the selection; the folders only bound it).
    module = _current_module()
    if module is None:
        patterns = [p for patterns in TESTS_BY_MODULE.values() for p in patterns]
    else:
        patterns = tests_of(module)
    keep, drop = [], []
    for item in items:
        path = item.nodeid.split("::", 1)[0]
        matched = any(fnmatch.fnmatch(path, pattern) for pattern in patterns)
        (keep if matched else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(autouse=True)
def _language_of_the_settings(settings):
    """Each test starts in the portal's language, whatever the test before it left.

    A page request leaves its language active; without this, a test that reads a
    message would pass or fail by the order tests run in, which mutmut changes.
    """
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


# --- One migrated database for all mutants --------------------------------------------

DATABASES = Path(".mutmut-databases")  # inside mutants/, where the tests run
_copies: list[Path] = []


def _migrations_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(".").glob("*/migrations/*.py")):
        digest.update(str(path).encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def _migrate_into(path: Path) -> None:
    from django.db import connections

    connection = connections["default"]
    name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = str(path)
    connection.creation.create_test_db(
        verbosity=0, autoclobber=True, keepdb=False, serialize=False
    )
    connection.close()
    connection.settings_dict["NAME"] = name


def _template() -> Path:
    DATABASES.mkdir(exist_ok=True)
    template = DATABASES / f"template-{_migrations_digest()}.sqlite3"
    with open(DATABASES / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other workers wait while one migrates
        if not template.exists():
            partial = DATABASES / f"partial-{os.getpid()}.sqlite3"
            _migrate_into(partial)
            partial.rename(template)
    return template


# mutmut's exit code for "suspicious": a failure here must not pass for a kill.
SUSPICIOUS = 35


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session):
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    if _current_module() is None:
        return
    connection = connections["default"]
    if connection.vendor != "sqlite":
        return
    copy = DATABASES / f"mutant-{os.getpid()}.sqlite3"
    try:
        with session.config.stash[blocking_manager_key].unblock():
            shutil.copyfile(_template(), copy)
    except Exception as error:  # noqa: BLE001 - reported, then the run stops
        print(f"mutation plugin: no test database: {error!r}", file=sys.stderr)
        os._exit(SUSPICIOUS)
    _copies.append(copy)
    connection.settings_dict["TEST"]["NAME"] = str(copy)
    session.config.option.reuse_db = True  # use the copy as it is, no migrating


def pytest_unconfigure(config):
    for copy in _copies:
        for path in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
            path.unlink(missing_ok=True)
