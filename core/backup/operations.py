"""Backing up the whole portal into one archive, and restoring it."""

import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from . import postgres, sqlite
from .archive import (
    DATABASE_PREFIX,
    FORMAT,
    FORMAT_VERSION,
    ArchiveWriter,
    BackupError,
    Manifest,
    extract,
    extract_one,
    verify,
)

SUFFIX = ".zip"
VENDORS = {"sqlite": "db.sqlite3", "postgresql": "db.pgdump"}


@dataclass
class BackupResult:
    path: Path
    manifest: dict


@dataclass
class RestorePlan:
    """A checked archive, and what restoring it onto this checkout means."""

    path: Path
    manifest: Manifest
    pending: list[str]  # migrations of this checkout the archive has not applied


def portal_version() -> str:
    try:
        return metadata.version("hirarajut")
    except metadata.PackageNotFoundError:
        return ""


def migration_state(using: str = "default") -> dict[str, list[str]]:
    """Applied migrations per app, as the database records them."""
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return {}
    state: dict[str, list[str]] = {}
    for app, name in sorted(recorder.applied_migrations()):
        state.setdefault(app, []).append(name)
    return state


def roots() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_ROOT)}


def default_folder() -> Path:
    return Path(getattr(settings, "BACKUP_DIR", None) or settings.BASE_DIR / "backups")


def archive_path(output: Path | None) -> Path:
    """Where the archive goes: a file named ``*.zip``, or a dated name in a folder."""
    if output is not None and output.suffix.lower() == SUFFIX and not output.is_dir():
        if output.exists():
            raise BackupError(f"{output} exists already; choose another name.")
        return output
    folder = output or default_folder()
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    path = folder / f"hirarajut-backup-{stamp}{SUFFIX}"
    number = 1
    while path.exists():
        number += 1
        path = folder / f"hirarajut-backup-{stamp}-{number}{SUFFIX}"
    return path


def _vendor(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in VENDORS:
        raise BackupError(f"Backups of a {vendor} database are not supported.")
    return vendor


def _database_copy(using: str, vendor: str, target: Path) -> dict:
    connection = connections[using]
    if vendor == "sqlite":
        connection.ensure_connection()
        sqlite.copy_database(connection.connection, target)
        return {"sqlite_version": connection.Database.sqlite_version}
    postgres.dump_database(connection.settings_dict, target)
    server = connection.pg_version
    return {
        "server_version": f"{server // 10000}.{server % 10000}",
        "pg_dump_version": postgres.client_version("pg_dump"),
    }


def backup_create(
    *, output: Path | None = None, using: str = "default"
) -> BackupResult:
    """Write the database, then the media and private files, into one archive.

    The database goes first: a photo stored while the backup runs is at worst an
    extra file, never a row without its file.
    """
    vendor = _vendor(using)
    path = archive_path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    writer = ArchiveWriter(partial)
    try:
        with tempfile.TemporaryDirectory(prefix="hirarajut-backup-") as work:
            copy = Path(work) / VENDORS[vendor]
            details = _database_copy(using, vendor, copy)
            state = migration_state(using)
            member = f"{DATABASE_PREFIX}{copy.name}"
            writer.add_file(member, copy)
        counts = {tree: writer.add_tree(tree, root) for tree, root in roots().items()}
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "portal": {"name": "hirarajut", "version": portal_version()},
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": {"vendor": vendor, "member": member, **details},
            "migrations": state,
            "files": counts,
            "checksum": "sha256 of every member in members; sha256 of manifest.json "
            "in manifest.sha256",
        }
        writer.finish(manifest)
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        partial.rename(path)
    except BaseException:
        writer.abort()
        partial.unlink(missing_ok=True)
        raise
    return BackupResult(path=path, manifest=manifest)


def archive_check(path: Path, *, using: str = "default") -> RestorePlan:
    """Every check a restore makes before it changes anything."""
    manifest = verify(path)
    vendor = _vendor(using)
    if manifest.database.get("vendor") != vendor:
        raise BackupError(
            f"Refused {path}: it holds a {manifest.database.get('vendor')} database "
            f"and this portal is configured for {vendor}. Nothing was changed."
        )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    recorded = {
        (app, name) for app, names in manifest.migrations.items() for name in names
    }
    unknown = sorted(f"{app}.{name}" for app, name in recorded - known)
    if unknown:
        raise BackupError(
            f"Refused {path}: it comes from a newer version of the portal (migrations "
            f"this checkout does not have: {', '.join(unknown[:5])}). Update this "
            "checkout first (git pull, make install). Nothing was changed."
        )
    # What this checkout has and the archive has not: run migrate after restoring.
    pending = sorted(
        f"{app}.{name}"
        for app, name in known - recorded
        if not loader.disk_migrations[(app, name)].replaces
    )
    return RestorePlan(path=path, manifest=manifest, pending=pending)


def _staging(root: Path) -> Path:
    """A new folder beside ``root`` (one file system: the swap is a rename)."""
    root.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{root.name}.restore-", dir=root.parent))
    # mkdtemp makes it private; the web server must read media as before.
    if root.is_dir():
        mode = root.stat().st_mode & 0o7777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o777 & ~umask
    folder.chmod(mode)
    return folder


def backup_restore(plan: RestorePlan, *, using: str = "default") -> None:
    """Replace the database and the media and private folders with the archive's.

    Files are unpacked and checked next to their folders first, then swapped in;
    the database is replaced in one transaction; should that fail, the folders
    are swapped back.
    """
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a database transaction.")
    vendor = plan.manifest.database["vendor"]
    member = next(
        m
        for m in plan.manifest.members
        if m["name"] == plan.manifest.database["member"]
    )
    staged: dict[str, Path] = {}
    swapped: list[tuple[Path, Path]] = []  # (root, where its old content went)
    with tempfile.TemporaryDirectory(prefix="hirarajut-restore-") as work:
        try:
            database = Path(work) / VENDORS[vendor]
            extract_one(plan.path, member, database)
            if vendor == "sqlite":
                sqlite.check_copy(database)
            else:
                postgres.check_dump(database)
            for tree, root in roots().items():
                staged[tree] = _staging(root)
                extract(plan.path, plan.manifest, tree, staged[tree])
            for tree, root in roots().items():
                old = root.with_name(f".{root.name}.old-{uuid.uuid4().hex[:8]}")
                if root.exists():
                    root.rename(old)
                swapped.append((root, old))
                staged[tree].rename(root)
                del staged[tree]
            if vendor == "sqlite":
                connection.ensure_connection()
                sqlite.restore_database(database, connection.connection)
            else:
                connection.close()
                postgres.restore_database(connection.settings_dict, database)
        except BaseException:
            for root, old in reversed(swapped):
                if root.exists():
                    shutil.rmtree(root)
                if old.exists():
                    old.rename(root)
            for folder in staged.values():
                shutil.rmtree(folder, ignore_errors=True)
            raise
    connection.close()
    for _root, old in swapped:
        shutil.rmtree(old, ignore_errors=True)
