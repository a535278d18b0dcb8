"""PostgreSQL: ``pg_dump`` in custom format, ``pg_restore`` in one transaction.

Connection details come from the Django connection's settings and go to the
client tools through the environment (``PGPASSWORD`` never shows in ``ps``).
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

from .archive import BackupError

# libpq's environment names of the connection options Django passes on.
OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


def client_env(settings_dict: dict) -> dict[str, str]:
    env = dict(os.environ)
    for key, variable in [
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ]:
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for option, variable in OPTION_VARIABLES.items():
        value = (settings_dict.get("OPTIONS") or {}).get(option)
        if value:
            env[variable] = str(value)
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} was not found. Install the PostgreSQL client tools of the "
            "server's version (Debian: apt-get install postgresql-client)."
        )
    return found


def client_version(tool: str = "pg_dump") -> str:
    output = subprocess.run(
        [_tool(tool), "--version"], capture_output=True, text=True, check=False
    ).stdout
    match = re.search(r"(\d+(?:\.\d+)*)", output)
    return match.group(1) if match else output.strip()


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        message = result.stderr.strip() or result.stdout.strip()
        hint = ""
        if "version mismatch" in message or "unsupported version" in message:
            hint = (
                " The PostgreSQL client tools are older than the server or the "
                "archive: install the client of the newer version."
            )
        raise BackupError(f"{what} failed: {message}.{hint}")


def dump_database(settings_dict: dict, target: Path) -> None:
    _run(
        [_tool("pg_dump"), "--format=custom", "--no-password", f"--file={target}"],
        client_env(settings_dict),
        "pg_dump",
    )


def check_dump(path: Path) -> None:
    """Refuse a dump that pg_restore cannot read (before anything is changed)."""
    result = subprocess.run(
        [_tool("pg_restore"), "--list", str(path)], capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(
            f"pg_restore cannot read the archive's database ({result.stderr.strip()})."
            " Nothing was changed."
        )


def restore_database(settings_dict: dict, source: Path) -> None:
    """Replace the objects of the configured database with the dump, all or nothing."""
    _run(
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-acl",
            "--no-password",
            f"--dbname={settings_dict['NAME']}",
            str(source),
        ],
        client_env(settings_dict),
        "pg_restore (the database was left as it was)",
    )
