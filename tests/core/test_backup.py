"""Backup and restore: the whole portal comes back, a bad archive changes nothing."""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import threading
import time
import zipfile
from dataclasses import asdict
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from catalog.models import Variant
from core.backup import sqlite as backup_sqlite
from core.backup.archive import MANIFEST, MANIFEST_SUM
from production.models import HandIn
from sales.models import Sale
from sales.selectors import Period, profit_and_loss
from tests.catalog.factories import ProductFactory

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
PROJECT_APPS = {
    "core",
    "members",
    "catalog",
    "production",
    "training",
    "sales",
    "storefront",
    "exports",
    "auth",
}


def report_totals() -> dict:
    """What the co-op reads in its reports, and how many rows of each kind."""
    counts = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
    }
    return {
        "profit_and_loss": asdict(profit_and_loss(period=Period()).total),
        "sales": list(Sale.objects.order_by("pk").values_list("pk", "status")),
        "hand_ins": list(HandIn.objects.order_by("pk").values_list("pk", "status")),
        "stock": list(Variant.objects.order_by("pk").values_list("pk", "stock")),
        "rows": counts,
    }


def tree_checksums(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def portal_state() -> tuple:
    return (
        report_totals(),
        tree_checksums(Path(settings.MEDIA_ROOT)),
        tree_checksums(Path(settings.PRIVATE_ROOT)),
    )


def run_backup(tmp_path: Path) -> Path:
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path / "backups"), stdout=out)
    return Path(out.getvalue().strip().splitlines()[-1])


def small_portal() -> None:
    """A product with stock, a photo in the media and a paper in the private files."""
    ProductFactory(stock=7)
    photo = Path(settings.MEDIA_ROOT) / "catalog" / "photos" / "ab" / "ab12.webp"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"RIFF-photo-bytes" * 100)
    paper = Path(settings.PRIVATE_ROOT) / "exports" / "documents" / "invoice.pdf"
    paper.parent.mkdir(parents=True)
    paper.write_bytes(b"%PDF-1.4 invoice %%EOF")


def change_portal() -> None:
    """What happened after the backup: a restore would undo it."""
    ProductFactory(stock=2)
    (Path(settings.MEDIA_ROOT) / "later.webp").write_bytes(b"taken after the backup")


def rewrite(archive: Path, target: Path, *, replace=None, drop=(), add=None) -> Path:
    """A copy of ``archive`` with members replaced, dropped or added."""
    replace = replace or {}
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            if info.filename in drop:
                continue
            copy.writestr(info, replace.get(info.filename, source.read(info)))
        for name, data in (add or {}).items():
            copy.writestr(name, data)
    return target


def refused(archive: Path, match: str) -> None:
    before = portal_state()
    with pytest.raises(CommandError, match=match) as error:
        call_command("restore", str(archive), "--yes", stdout=io.StringIO())
    assert "Nothing was changed" in str(error.value)
    assert portal_state() == before
    beside = Path(settings.MEDIA_ROOT).parent
    assert not [p.name for p in beside.iterdir() if p.name.startswith(".")]


def test_backup_wipe_restore_gives_identical_totals_and_media(
    settings, tmp_path, role_groups
):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    before = portal_state()
    assert before[0]["sales"] and before[0]["hand_ins"] and before[1] and before[2]
    assert before[0]["profit_and_loss"]["gross_sales"] > 0

    archive = run_backup(tmp_path)
    call_command("flush", "--no-input")
    shutil.rmtree(settings.MEDIA_ROOT)
    for paper in Path(settings.PRIVATE_ROOT).rglob("*.pdf"):
        paper.unlink()
    assert portal_state() != before

    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)

    assert "Restored." in out.getvalue()
    assert portal_state() == before
    assert not list(Path(settings.MEDIA_ROOT).parent.glob(".*restore-*"))
    assert not list(Path(settings.MEDIA_ROOT).parent.glob(".*old-*"))


def test_restore_removes_files_added_after_the_backup(tmp_path):
    small_portal()
    before = portal_state()
    archive = run_backup(tmp_path)
    change_portal()

    call_command("restore", str(archive), "--noinput", stdout=io.StringIO())

    assert portal_state() == before


def test_backup_prints_its_path_last_and_lists_every_file_with_its_checksum(
    tmp_path,
):
    small_portal()
    archive = run_backup(tmp_path)

    assert archive.parent == tmp_path / "backups"
    assert archive.name.startswith("hirarajut-backup-") and archive.suffix == ".zip"
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read(MANIFEST))
        summed = opened.read(MANIFEST_SUM).decode().split()[0]
        assert summed == hashlib.sha256(opened.read(MANIFEST)).hexdigest()
        for member in manifest["members"]:
            data = opened.read(member["name"])
            assert hashlib.sha256(data).hexdigest() == member["sha256"]
            assert len(data) == member["size"]
    names = {m["name"] for m in manifest["members"]}
    database = {"sqlite": "db.sqlite3", "postgresql": "db.pgdump"}[connection.vendor]
    assert names == {
        f"database/{database}",
        "media/catalog/photos/ab/ab12.webp",
        "private/exports/documents/invoice.pdf",
    }
    assert manifest["format"] == "hirarajut-backup"
    assert manifest["database"]["vendor"] == connection.vendor
    assert "0001_initial" in manifest["migrations"]["sales"]


def test_backup_to_a_named_file_refuses_to_overwrite_one(tmp_path):
    target = tmp_path / "nightly.zip"
    out = io.StringIO()
    call_command("backup", "--output", str(target), stdout=out)
    assert out.getvalue().strip().splitlines()[-1] == str(target)
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", "--output", str(target), stdout=io.StringIO())


def test_backup_goes_to_the_backup_folder_by_default(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "nightly"
    archive = run_backup_default()
    assert archive.parent == tmp_path / "nightly" and archive.is_file()


def run_backup_default() -> Path:
    out = io.StringIO()
    call_command("backup", stdout=out)
    return Path(out.getvalue().strip().splitlines()[-1])


def test_truncated_archive_is_refused_and_nothing_changes(tmp_path):
    small_portal()
    archive = run_backup(tmp_path)
    change_portal()
    data = archive.read_bytes()
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(data[: len(data) // 2])

    refused(truncated, "truncated")


def test_archive_cut_just_before_its_end_is_refused(tmp_path):
    small_portal()
    archive = run_backup(tmp_path)
    change_portal()
    truncated = tmp_path / "short.zip"
    truncated.write_bytes(archive.read_bytes()[:-10])

    refused(truncated, "truncated")


def test_tampered_member_is_refused_and_nothing_changes(tmp_path):
    small_portal()
    archive = run_backup(tmp_path)
    change_portal()
    tampered = rewrite(
        archive,
        tmp_path / "tampered.zip",
        replace={"media/catalog/photos/ab/ab12.webp": b"another photo"},
    )

    refused(tampered, "media/catalog/photos/ab/ab12.webp does not match its checksum")


def test_tampered_database_is_refused_and_nothing_changes(tmp_path):
    small_portal()
    archive = run_backup(tmp_path)
    change_portal()
    with zipfile.ZipFile(archive) as opened:
        member = json.loads(opened.read(MANIFEST))["database"]["member"]
        database = bytearray(opened.read(member))
    database[len(database) // 2] ^= 0xFF
    tampered = rewrite(archive, tmp_path / "db.zip", replace={member: bytes(database)})

    refused(tampered, f"{member} does not match its checksum")


def test_changed_manifest_is_refused_and_nothing_changes(tmp_path):
    small_portal()
    archive = run_backup(tmp_path)
    change_portal()
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read(MANIFEST))
    manifest["members"][1]["sha256"] = "0" * 64
    tampered = rewrite(
        archive, tmp_path / "manifest.zip", replace={MANIFEST: json.dumps(manifest)}
    )

    refused(tampered, "manifest was changed or damaged")


def test_archive_with_a_file_not_in_its_manifest_is_refused(tmp_path):
    small_portal()
    archive = run_backup(tmp_path)
    change_portal()
    tampered = rewrite(
        archive, tmp_path / "extra.zip", add={"media/../../escape.txt": b"x"}
    )

    refused(tampered, "not in its manifest")


def test_archive_without_manifest_is_refused_and_nothing_changes(tmp_path):
    small_portal()
    archive = run_backup(tmp_path)
    change_portal()
    stripped = rewrite(archive, tmp_path / "bare.zip", drop={MANIFEST, MANIFEST_SUM})

    refused(stripped, "not a Hira Rajut portal backup")


def test_foreign_zip_is_refused_and_nothing_changes(tmp_path):
    small_portal()
    foreign = tmp_path / "photos.zip"
    with zipfile.ZipFile(foreign, "w") as opened:
        opened.writestr("IMG_0001.jpg", os.urandom(2000))
        opened.writestr(MANIFEST, json.dumps({"format": "someone-else"}))
        opened.writestr(
            MANIFEST_SUM,
            hashlib.sha256(json.dumps({"format": "someone-else"}).encode()).hexdigest(),
        )

    refused(foreign, "foreign format")


def test_foreign_tar_is_refused_and_nothing_changes(tmp_path):
    small_portal()
    foreign = tmp_path / "backup.tar.gz"
    with tarfile.open(foreign, "w:gz") as opened:
        data = os.urandom(5000)
        info = tarfile.TarInfo("db.sqlite3")
        info.size = len(data)
        opened.addfile(info, io.BytesIO(data))

    refused(foreign, "not a zip archive")


def test_archive_of_a_newer_portal_is_refused_and_nothing_changes(tmp_path):
    small_portal()
    archive = run_backup(tmp_path)
    change_portal()
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read(MANIFEST))
    manifest["migrations"]["sales"].append("0999_from_the_future")
    data = json.dumps(manifest).encode()
    newer = rewrite(
        archive,
        tmp_path / "newer.zip",
        replace={MANIFEST: data, MANIFEST_SUM: hashlib.sha256(data).hexdigest()},
    )

    refused(newer, "newer version of the portal.*sales.0999_from_the_future")


def test_restore_asks_first_and_a_no_changes_nothing(tmp_path, monkeypatch):
    small_portal()
    archive = run_backup(tmp_path)
    change_portal()
    before = portal_state()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")

    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(archive), stdout=io.StringIO())

    assert portal_state() == before


def writer(path: Path, stop: threading.Event, written: list[int]) -> None:
    """Another connection, inserting rows one transaction at a time."""
    db = sqlite3.connect(path, timeout=20, isolation_level=None)
    while not stop.is_set():
        db.execute("BEGIN IMMEDIATE")
        cursor = db.execute(
            "INSERT INTO piece (label, payload) VALUES (?, ?)",
            (f"piece {len(written)}", os.urandom(3000)),
        )
        db.execute("UPDATE total SET pieces = pieces + 1")
        db.execute("COMMIT")
        written.append(cursor.lastrowid)
    db.close()


def test_backup_while_another_connection_writes_is_consistent(tmp_path):
    live = tmp_path / "live.sqlite3"
    db = sqlite3.connect(live, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE piece (id INTEGER PRIMARY KEY, label TEXT, payload BLOB)")
    db.execute("CREATE INDEX piece_label ON piece (label)")
    db.execute("CREATE TABLE total (pieces INTEGER)")
    db.execute("INSERT INTO total VALUES (0)")
    stop, written = threading.Event(), []
    thread = threading.Thread(target=writer, args=(live, stop, written))
    thread.start()
    try:
        while len(written) < 200:
            time.sleep(0.01)
        copy = tmp_path / "copy.sqlite3"
        backup_sqlite.copy_database(db, copy)
        during = len(written)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert len(written) > during > 0  # the writer went on while the copy ran

    copied = sqlite3.connect(copy)
    assert copied.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    pieces = copied.execute("SELECT count(*) FROM piece").fetchone()[0]
    assert copied.execute("SELECT pieces FROM total").fetchone()[0] == pieces
    copied.close()

    restored = sqlite3.connect(tmp_path / "restored.sqlite3")
    restored.execute("PRAGMA journal_mode=WAL")
    backup_sqlite.restore_database(copy, restored)
    assert restored.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert restored.execute("SELECT count(*) FROM piece").fetchone()[0] == pieces


def manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def portal_env(folder: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_"))
    }
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "hirarajut.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_PRIVATE_ROOT": str(folder / "private"),
        "DJANGO_CACHE_DIR": str(folder / "cache"),
    }


def token_writer(path: Path, stop: threading.Event, written: list[int]) -> None:
    db = sqlite3.connect(path, timeout=20, isolation_level=None)
    while not stop.is_set():
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "INSERT INTO core_formsubmission (token, path, result_url, completed,"
            " created_at) VALUES (?, '/x/', '', 0, '2026-12-01 00:00:00')",
            (os.urandom(16).hex(),),
        )
        db.execute("COMMIT")
        written.append(1)
    db.close()


def test_backup_command_of_a_busy_portal_restores_onto_a_fresh_checkout(tmp_path):
    portal, fresh = tmp_path / "portal", tmp_path / "fresh"
    portal.mkdir()
    fresh.mkdir()
    manage("migrate", "--no-input", env=portal_env(portal))
    (portal / "media" / "catalog").mkdir(parents=True)
    (portal / "media" / "catalog" / "a.webp").write_bytes(b"photo" * 1000)
    stop, written = threading.Event(), []
    thread = threading.Thread(
        target=token_writer, args=(portal / "db.sqlite3", stop, written)
    )
    thread.start()
    try:
        while len(written) < 50:
            time.sleep(0.01)
        result = manage(
            "backup", "--output", str(tmp_path / "out"), env=portal_env(portal)
        )
    finally:
        stop.set()
        thread.join(timeout=30)
    archive = Path(result.stdout.strip().splitlines()[-1])
    with zipfile.ZipFile(archive) as opened:
        (tmp_path / "copy.sqlite3").write_bytes(opened.read("database/db.sqlite3"))
    copied = backup_sqlite.connect(tmp_path / "copy.sqlite3")
    assert copied.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    tokens = copied.execute("SELECT count(*) FROM core_formsubmission").fetchone()[0]
    copied.close()
    assert 50 <= tokens <= len(written)

    # A fresh checkout: no database, no media, no migrate.
    restored = manage("restore", str(archive), "--yes", env=portal_env(fresh))

    assert "Restored." in restored.stdout
    db = backup_sqlite.connect(fresh / "db.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert db.execute("SELECT count(*) FROM core_formsubmission").fetchone()[0] == (
        tokens
    )
    db.close()
    assert (fresh / "media" / "catalog" / "a.webp").read_bytes() == b"photo" * 1000
    plan = manage("showmigrations", "--plan", env=portal_env(fresh)).stdout
    assert "[ ]" not in plan


@pytest.mark.postgres
def test_postgres_backup_is_a_pg_dump_and_restores_into_the_database(
    settings, tmp_path, role_groups
):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    before = portal_state()
    archive = run_backup(tmp_path)
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read(MANIFEST))
        dump = opened.read("database/db.pgdump")
    assert dump.startswith(b"PGDMP")  # pg_dump's custom format
    assert manifest["database"]["vendor"] == "postgresql"
    assert manifest["database"]["pg_dump_version"]
    call_command("flush", "--no-input")
    shutil.rmtree(settings.MEDIA_ROOT)

    call_command("restore", str(archive), "--yes", stdout=io.StringIO())

    assert connection.vendor == "postgresql"
    assert portal_state() == before
    # The sequences came back too: a new row does not collide with a restored one.
    ProductFactory(stock=1)


def test_database_that_cannot_be_restored_leaves_files_and_rows_as_they_were(
    tmp_path,
):
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        pytest.skip("an in-memory SQLite test database refuses another page size")
    small_portal()
    archive = run_backup(tmp_path)
    change_portal()
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read(MANIFEST))
        (tmp_path / "db.sqlite3").write_bytes(opened.read("database/db.sqlite3"))
    other = backup_sqlite.connect(tmp_path / "db.sqlite3")
    other.execute("PRAGMA page_size=8192")
    other.execute("VACUUM")
    other.close()
    data = (tmp_path / "db.sqlite3").read_bytes()
    member = manifest["members"][0]
    member.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    text = json.dumps(manifest).encode()
    unusable = rewrite(
        archive,
        tmp_path / "pages.zip",
        replace={
            "database/db.sqlite3": data,
            MANIFEST: text,
            MANIFEST_SUM: hashlib.sha256(text).hexdigest(),
        },
    )
    before = portal_state()

    with pytest.raises(CommandError, match="left as it was"):
        call_command("restore", str(unusable), "--yes", stdout=io.StringIO())

    assert portal_state() == before
    beside = Path(settings.MEDIA_ROOT).parent
    assert not [p.name for p in beside.iterdir() if p.name.startswith(".")]
