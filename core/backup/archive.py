"""The backup archive: one zip with the database, the media and the private files.

Members:

- ``database/db.sqlite3`` or ``database/db.pgdump``: the database;
- ``media/<path>``: uploaded files (``settings.MEDIA_ROOT``);
- ``private/<path>``: papers never served as plain files (``settings.PRIVATE_ROOT``);
- ``manifest.json``: the format, the portal, its migration state, and the size and
  SHA-256 of every other member;
- ``manifest.sha256``: the SHA-256 of ``manifest.json``, written last, so an archive
  cut short or a manifest changed by hand is seen before anything is restored.
"""

import hashlib
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

FORMAT = "hirarajut-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.sha256"
DATABASE_PREFIX = "database/"
TREES = ("media", "private")
CHUNK = 1024 * 1024
# Already compressed: stored as they are, which is faster and no bigger.
STORED_SUFFIXES = {".jpg", ".jpeg", ".webp", ".png", ".heic", ".heif", ".gif", ".zip"}


class BackupError(Exception):
    """A backup that cannot be written, or an archive that is refused."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def tree_files(root: Path) -> Iterator[tuple[str, Path]]:
    """Regular files under ``root`` as (relative POSIX name, path), sorted."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(root).as_posix(), path


class ArchiveWriter:
    """Writes members one by one, hashing the very bytes that go in."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip = zipfile.ZipFile(path, "w", allowZip64=True)
        self.members: list[dict] = []

    def add_file(self, name: str, source: Path) -> None:
        info = zipfile.ZipInfo.from_file(source, name, strict_timestamps=False)
        if source.suffix.lower() in STORED_SUFFIXES:
            info.compress_type = zipfile.ZIP_STORED
        else:
            info.compress_type = zipfile.ZIP_DEFLATED
        digest = hashlib.sha256()
        size = 0
        with (
            source.open("rb") as src,
            self.zip.open(info, "w", force_zip64=info.file_size > 2**30) as dst,
        ):
            for chunk in iter(lambda: src.read(CHUNK), b""):
                digest.update(chunk)
                dst.write(chunk)
                size += len(chunk)
        self.members.append({"name": name, "size": size, "sha256": digest.hexdigest()})

    def add_tree(self, prefix: str, root: Path) -> int:
        count = 0
        for relative, path in tree_files(root):
            try:
                self.add_file(f"{prefix}/{relative}", path)
            except FileNotFoundError:
                continue  # deleted while the backup ran: its row went with it
            count += 1
        return count

    def finish(self, manifest: dict) -> None:
        manifest = {**manifest, "members": self.members}
        data = json.dumps(manifest, indent=1, sort_keys=True).encode()
        self.zip.writestr(MANIFEST, data, compress_type=zipfile.ZIP_DEFLATED)
        self.zip.writestr(
            MANIFEST_SUM, f"{hashlib.sha256(data).hexdigest()}  {MANIFEST}\n"
        )
        self.zip.close()

    def abort(self) -> None:
        self.zip.close()


@dataclass
class Manifest:
    data: dict

    @property
    def members(self) -> list[dict]:
        return self.data["members"]

    @property
    def database(self) -> dict:
        return self.data["database"]

    @property
    def migrations(self) -> dict[str, list[str]]:
        return self.data["migrations"]

    def count(self, tree: str) -> int:
        return sum(1 for m in self.members if m["name"].startswith(f"{tree}/"))

    def size(self) -> int:
        return sum(m["size"] for m in self.members)


def _refuse(path: Path, why: str) -> BackupError:
    return BackupError(f"Refused {path}: {why} Nothing was changed.")


def safe_name(name: str) -> bool:
    """A member name that stays inside the folder it is restored to."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    parts = PurePosixPath(name).parts
    return all(part not in ("", ".", "..") and ":" not in part for part in parts)


def open_archive(path: Path) -> zipfile.ZipFile:
    if not path.is_file():
        raise BackupError(f"Archive not found: {path}. Nothing was changed.")
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        with path.open("rb") as handle:
            starts_as_zip = handle.read(4) == b"PK\x03\x04"
        if starts_as_zip:
            raise _refuse(
                path, "the archive is truncated or damaged (its end is missing)."
            ) from None
        raise _refuse(
            path, "this is not a Hira Rajut portal backup (not a zip archive)."
        ) from None


def read_manifest(path: Path, archive: zipfile.ZipFile) -> Manifest:
    names = archive.namelist()
    if MANIFEST not in names:
        raise _refuse(
            path, f"this is not a Hira Rajut portal backup (no {MANIFEST} in it)."
        )
    if MANIFEST_SUM not in names:
        raise _refuse(path, f"the archive is incomplete ({MANIFEST_SUM} is missing).")
    try:
        data = archive.read(MANIFEST)
        recorded = archive.read(MANIFEST_SUM).decode("ascii").split()[0]
    except (zipfile.BadZipFile, UnicodeDecodeError, IndexError, OSError) as error:
        raise _refuse(path, f"the manifest cannot be read ({error}).") from None
    if hashlib.sha256(data).hexdigest() != recorded:
        raise _refuse(path, "the manifest was changed or damaged (wrong checksum).")
    try:
        manifest = json.loads(data)
    except ValueError:
        raise _refuse(path, "the manifest is not valid JSON.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(path, "this is not a Hira Rajut portal backup (foreign format).")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise _refuse(
            path,
            f"the archive has format version {version}, this portal reads up to "
            f"{FORMAT_VERSION}: update this checkout first.",
        )
    for key in ("members", "database", "migrations"):
        if key not in manifest:
            raise _refuse(path, f"the manifest has no {key!r}.")
    return Manifest(manifest)


def _check_listing(path: Path, archive: zipfile.ZipFile, manifest: Manifest) -> None:
    names = archive.namelist()
    if len(names) != len(set(names)):
        raise _refuse(path, "the archive holds the same name twice (tampered).")
    listed = {m["name"] for m in manifest.members}
    for name in listed:
        if not safe_name(name) or not (
            name.startswith(DATABASE_PREFIX)
            or any(name.startswith(f"{tree}/") for tree in TREES)
        ):
            raise _refuse(path, f"unsafe member name {name!r} (tampered).")
    extra = set(names) - listed - {MANIFEST, MANIFEST_SUM}
    if extra:
        raise _refuse(
            path, f"it holds files not in its manifest: {', '.join(sorted(extra)[:5])}."
        )
    missing = listed - set(names)
    if missing:
        raise _refuse(
            path,
            f"files of its manifest are missing: {', '.join(sorted(missing)[:5])}.",
        )
    database = manifest.database.get("member")
    if database not in listed:
        raise _refuse(path, "the archive holds no database.")


def copy_member(
    path: Path, archive: zipfile.ZipFile, member: dict, target: BinaryIO | None
) -> None:
    """Read one member into ``target``; refuse it unless size and hash match."""
    digest = hashlib.sha256()
    size = 0
    try:
        with archive.open(member["name"]) as source:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                digest.update(chunk)
                size += len(chunk)
                if target is not None:
                    target.write(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise _refuse(path, f"{member['name']} is damaged ({error}).") from None
    if size != member["size"] or digest.hexdigest() != member["sha256"]:
        raise _refuse(
            path, f"{member['name']} does not match its checksum (damaged or changed)."
        )


def verify(path: Path) -> Manifest:
    """The manifest of a complete, unchanged portal archive; BackupError otherwise."""
    with open_archive(path) as archive:
        manifest = read_manifest(path, archive)
        _check_listing(path, archive, manifest)
        for member in manifest.members:
            copy_member(path, archive, member, None)
    return manifest


def extract(path: Path, manifest: Manifest, prefix: str, target: Path) -> None:
    """Write the members under ``prefix/`` into the folder ``target``, checked again."""
    with open_archive(path) as archive:
        for member in manifest.members:
            name = member["name"]
            if not name.startswith(f"{prefix}/"):
                continue
            destination = target / name[len(prefix) + 1 :]
            destination.parent.mkdir(parents=True, exist_ok=True)
            with destination.open("wb") as handle:
                copy_member(path, archive, member, handle)


def extract_one(path: Path, member: dict, target: Path) -> None:
    with open_archive(path) as archive, target.open("wb") as handle:
        copy_member(path, archive, member, handle)
