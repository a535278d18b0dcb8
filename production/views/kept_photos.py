"""A photo kept when the hand-in form is refused, so she never takes it again."""

import contextlib
import re
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.http import HttpRequest

from core.photos import process_photo

KEPT_PHOTO_FIELD = "kept_photo"
KEPT_PHOTO_MAX_AGE = 24 * 60 * 60
_KEPT_PHOTO_SALT = "production.hand-in.kept-photo"
_KEPT_PHOTO_NAME = re.compile(r"[0-9a-f]{32}\.(jpg|png)")


@dataclass(frozen=True)
class KeptPhoto:
    name: str
    filename: str
    token: str


def kept_storage() -> FileSystemStorage:
    base = settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir()
    return FileSystemStorage(location=Path(base) / "hirarajut-kept-photos")


def kept_photos_sweep(storage: FileSystemStorage) -> None:
    """Remove kept photos older than their signed reference may be."""
    if not storage.exists(""):
        return
    cutoff = time.time() - KEPT_PHOTO_MAX_AGE
    for name in storage.listdir("")[1]:
        path = Path(storage.path(name))
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()


def kept_photo_from(request: HttpRequest) -> KeptPhoto | None:
    """The photo the refused form kept for this user, if the reference holds."""
    token = request.POST.get(KEPT_PHOTO_FIELD, "")
    if not token:
        return None
    try:
        data = signing.loads(token, salt=_KEPT_PHOTO_SALT, max_age=KEPT_PHOTO_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("user") != request.user.pk:
        return None
    name = str(data.get("name", ""))
    if not _KEPT_PHOTO_NAME.fullmatch(name) or not kept_storage().exists(name):
        return None
    return KeptPhoto(name=name, filename=str(data.get("filename", "")), token=token)


def keep_photo(request: HttpRequest, upload) -> KeptPhoto:
    """Check and clean ``upload`` once and keep it; raises PhotoRejected."""
    upload.seek(0)
    original = process_photo(upload).original
    storage = kept_storage()
    kept_photos_sweep(storage)
    extension = "png" if original.extension == "png" else "jpg"
    name = storage.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(original.data))
    filename = (upload.name or "")[:100]
    token = signing.dumps(
        {"user": request.user.pk, "name": name, "filename": filename},
        salt=_KEPT_PHOTO_SALT,
    )
    return KeptPhoto(name=name, filename=filename, token=token)


def kept_photo_delete(kept: KeptPhoto) -> None:
    kept_storage().delete(kept.name)
