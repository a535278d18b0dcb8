"""Storing processed photos: random names, and no file left behind on failure."""

import uuid
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from .photos import ProcessedPhoto


@dataclass
class StoredFiles:
    """A photo as stored: the original's name, its size and its renditions."""

    original: str
    width: int
    height: int
    renditions: list[dict] = field(default_factory=list)

    def names(self) -> list[str]:
        return [self.original, *(r["name"] for r in self.renditions)]


def delete_files(names: Iterable[str]) -> None:
    for name in names:
        if name:
            default_storage.delete(name)


@contextmanager
def files_removed_on_error(names: Iterable[str]) -> Iterator[None]:
    """Remove the stored ``names`` when the work inside fails, and re-raise.

    ``names`` may be a list that the block itself fills in.
    """
    try:
        yield
    except BaseException:
        delete_files(list(names))
        raise


def photo_store(
    *,
    processed: ProcessedPhoto,
    folder: str,
    kinds: Collection[str] = ("webp", "jpeg"),
) -> StoredFiles:
    """Store a processed photo and its renditions of ``kinds`` under a random name.

    The uploaded file name never becomes a path.
    """
    key = uuid.uuid4().hex
    prefix = f"{folder}/{key[:2]}/{key}"
    saved: list[str] = []
    with files_removed_on_error(saved):
        original = processed.original
        saved.append(
            default_storage.save(
                f"{prefix}.{original.extension}", ContentFile(original.data)
            )
        )
        renditions = []
        for rendition in processed.renditions:
            if rendition.kind not in kinds:
                continue
            # The share JPEG may be as wide as the fallback JPEG: keep names apart.
            suffix = "-share" if rendition.kind == "share" else ""
            name = default_storage.save(
                f"{prefix}-{rendition.width}{suffix}.{rendition.extension}",
                ContentFile(rendition.data),
            )
            saved.append(name)
            renditions.append(
                {
                    "kind": rendition.kind,
                    "width": rendition.width,
                    "height": rendition.height,
                    "name": name,
                }
            )
    return StoredFiles(
        original=saved[0],
        width=processed.width,
        height=processed.height,
        renditions=renditions,
    )


def delete_files_on_commit(names: Iterable[str]) -> None:
    """Remove files once the row that named them is gone for good."""
    names = list(names)
    transaction.on_commit(lambda: delete_files(names))
