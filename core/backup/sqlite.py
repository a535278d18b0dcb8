"""SQLite: copied and restored through SQLite's online backup API.

The copy is taken in one step, so it is one consistent snapshot; in WAL mode the
portal's other connections go on reading and writing while it runs. A restore
writes the archive's pages into the configured database in one transaction, so
running workers see either the old or the restored database, never a mix, and
no stale ``-wal`` file is left beside a replaced file.
"""

import sqlite3
from pathlib import Path

from .archive import BackupError

try:  # the SQL functions Django's CHECK constraints call (django_date_extract, ...)
    from django.db.backends.sqlite3._functions import register as _django_functions
except ImportError:  # pragma: no cover - a later Django moved them
    _django_functions = None


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A plain connection that can evaluate the portal's CHECK constraints."""
    if read_only:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    else:
        connection = sqlite3.connect(path)
    if _django_functions is not None:
        _django_functions(connection)
    return connection


def integrity_problems(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    return [] if rows == [("ok",)] else [str(row[0]) for row in rows]


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy the live database of ``source`` into the new file ``target``."""
    destination = connect(target)
    try:
        source.backup(destination)
        # One self-contained file: no -wal beside it in the archive.
        destination.execute("PRAGMA journal_mode=DELETE")
        problems = integrity_problems(destination)
    finally:
        destination.close()
    if problems:
        raise BackupError(
            "The database copy fails SQLite's integrity check: "
            + "; ".join(problems[:5])
            + ". The live database may be damaged; no archive was written."
        )


def check_copy(path: Path) -> None:
    """Refuse a database file from an archive that SQLite cannot read whole."""
    try:
        connection = connect(path, read_only=True)
        try:
            problems = integrity_problems(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        problems = [str(error)]
    if problems:
        raise BackupError(
            "The archive's database fails SQLite's integrity check: "
            + "; ".join(problems[:5])
            + ". Nothing was changed."
        )


def restore_database(source: Path, target: sqlite3.Connection) -> None:
    """Replace the whole database of ``target`` with the file ``source``."""
    origin = connect(source, read_only=True)
    try:
        origin.backup(target)
    except sqlite3.Error as error:
        raise BackupError(
            f"The database could not be restored ({error}). It was left as it was."
        ) from None
    finally:
        origin.close()
