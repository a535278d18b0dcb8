"""Uploaded papers (PDF or a photo of the paper), checked by their content.

A paper is accepted when its bytes are a PDF (``%PDF-`` at the start, ``%%EOF``
near the end) or a photo that the photo pipeline (``core.photos``) decodes; the
name a file was given says nothing. Photos are stored cleaned (upright, without
EXIF or GPS), PDFs as uploaded. Papers live in a private folder
(``settings.PRIVATE_ROOT``), under random names, and are never a public link.
"""

import io
import math
import os
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image

from .photos import (
    PhotoRejected,
    _actual_format,
    _clean_pixels,
    _decode,
    _has_alpha,
    _looks_like_svg,
    _open_checked,
    _size_of,
)

PDF = "pdf"
IMAGE = "image"
MB = 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * MB
# What a file input offers the picker: PDFs and the photo formats decoded here.
DOCUMENT_ACCEPT = (
    "application/pdf,image/jpeg,image/png,image/webp,image/heic,image/heif"
)
# Readers look for the end marker in the last kilobyte; a little slack for
# trailing blank lines some writers add.
PDF_TAIL_BYTES = 2048
# Headers of programs: Windows (MZ), Linux (ELF), macOS (Mach-O), scripts.
PROGRAM_HEADERS = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"#!",
)
JPEG_QUALITY = 90


class DocumentRejected(ValidationError):
    """An upload that is not a usable paper; the message says why."""


@dataclass
class CheckedDocument:
    """A paper as it is kept: its kind, bytes, content type and file extension."""

    kind: str  # PDF or IMAGE
    data: bytes
    content_type: str
    extension: str


def _not_a_document() -> DocumentRejected:
    return DocumentRejected(
        _(
            "This file is not a PDF or a photo. Upload a PDF or a photo "
            "(JPEG, PNG, WebP, HEIC)."
        ),
        code="not_a_document",
    )


def _check_size(upload: BinaryIO) -> int:
    size = _size_of(upload)
    if size == 0:
        raise DocumentRejected(_("The file is empty."), code="empty")
    if size > MAX_DOCUMENT_BYTES:
        raise DocumentRejected(
            _("The file is too large (%(size)s MB); at most 10 MB."),
            code="too_large",
            # Rounded up: a file just over the limit does not read "10.0 MB".
            params={"size": number_format(math.ceil(size * 10 / MB) / 10, 1)},
        )
    return size


def _check_pdf(upload: BinaryIO, size: int) -> None:
    upload.seek(max(0, size - PDF_TAIL_BYTES))
    tail = upload.read()
    upload.seek(0)
    if b"%%EOF" not in tail:
        raise DocumentRejected(
            _(
                "The PDF is incomplete (the file was cut off or is damaged); "
                "save it again and upload it again."
            ),
            code="pdf_truncated",
        )


def _open_photo(upload: BinaryIO) -> Image.Image:
    """The photo's decoded pixels, through the photo pipeline's own checks."""
    try:
        image = _open_checked(upload)
        return _decode(image)
    except PhotoRejected as error:
        if error.code == "not_an_image":
            raise _not_a_document() from error
        if error.code == "wrong_format":
            raise DocumentRejected(
                _(
                    "This file is a %(format)s image, whatever its name says. "
                    "Upload a PDF or a photo (JPEG, PNG, WebP, HEIC)."
                ),
                code="wrong_format",
                params={"format": _actual_format(upload)},
            ) from error
        raise DocumentRejected(error.message, code=error.code) from error


def _check(upload: BinaryIO) -> tuple[str, Image.Image | None]:
    size = _check_size(upload)
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        _check_pdf(upload, size)
        return PDF, None
    if head.startswith(PROGRAM_HEADERS):
        raise DocumentRejected(
            _(
                "This file is a program, whatever its name says, not a PDF or a "
                "photo. Upload the paper as a PDF or a photo."
            ),
            code="program",
        )
    if _looks_like_svg(head):
        raise DocumentRejected(
            _("SVG drawings are not accepted; upload a PDF or a photo."),
            code="svg",
        )
    return IMAGE, _open_photo(upload)


def check_document(upload: BinaryIO) -> str:
    """``"pdf"`` or ``"image"``, read from the content; raises DocumentRejected."""
    kind, image = _check(upload)
    if image is not None:
        image.close()
    upload.seek(0)
    return kind


def read_document(upload: BinaryIO) -> CheckedDocument:
    """The checked paper as it is to be kept: a PDF as is, a photo cleaned."""
    kind, image = _check(upload)
    if image is None:
        upload.seek(0)
        return CheckedDocument(PDF, upload.read(), "application/pdf", "pdf")
    with image:
        lossless = image.format == "PNG" or _has_alpha(image)
        pixels = _clean_pixels(image)
    buffer = io.BytesIO()
    if lossless:
        pixels.save(buffer, format="PNG", compress_level=6)
        return CheckedDocument(IMAGE, buffer.getvalue(), "image/png", "png")
    pixels.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return CheckedDocument(IMAGE, buffer.getvalue(), "image/jpeg", "jpg")


def upload_name(upload: BinaryIO, fallback: str, max_length: int = 200) -> str:
    """The name the file had on the user's device, without any folder."""
    name = os.path.basename(str(getattr(upload, "name", "") or "").replace("\\", "/"))
    name = name.strip() or fallback
    if len(name) <= max_length:
        return name
    stem, extension = os.path.splitext(name)
    return stem[: max_length - len(extension)] + extension


def private_storage() -> FileSystemStorage:
    """The folder of private papers (settings.PRIVATE_ROOT), outside the media."""
    return FileSystemStorage(location=settings.PRIVATE_ROOT)


def private_file_save(*, folder: str, extension: str, data: bytes) -> str:
    """Store ``data`` under a random name in ``folder``; returns the stored name."""
    key = uuid.uuid4().hex
    return private_storage().save(
        f"{folder}/{key[:2]}/{key}.{extension}", ContentFile(data)
    )


def private_files_delete(names: Iterable[str]) -> None:
    storage = private_storage()
    for name in names:
        if name:
            storage.delete(name)


@contextmanager
def private_files_removed_on_error(names: Iterable[str]) -> Iterator[None]:
    """Remove the stored private ``names`` when the work inside fails; re-raise.

    ``names`` may be a list that the block itself fills in.
    """
    try:
        yield
    except BaseException:
        private_files_delete(list(names))
        raise


def private_files_delete_on_commit(names: Iterable[str]) -> None:
    """Remove private files once the row that named them has changed for good."""
    names = list(names)
    transaction.on_commit(lambda: private_files_delete(names))
