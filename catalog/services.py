"""Writes of the catalog: photos in and out, order of photos, publishing."""

import uuid
from collections.abc import Collection, Iterable
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext_lazy as _

from .models import Product, ProductPhoto, Status, Variant
from .photos import ProcessedPhoto, process_photo


def photo_files_save(
    *,
    processed: ProcessedPhoto,
    folder: str,
    kinds: Collection[str] = ("webp", "jpeg"),
) -> tuple[str, list[dict]]:
    """Store a processed photo and its renditions of ``kinds`` under a random name.

    Returns the original's storage name and the renditions as kept in a JSON
    field. The uploaded file name never becomes a path.
    """
    key = uuid.uuid4().hex
    prefix = f"{folder}/{key[:2]}/{key}"
    saved: list[str] = []
    try:
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
            name = default_storage.save(
                f"{prefix}-{rendition.width}.{rendition.extension}",
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
    except BaseException:
        delete_files(saved)
        raise
    return saved[0], renditions


def delete_files(names: Iterable[str]) -> None:
    for name in names:
        if name:
            default_storage.delete(name)


def photo_add(
    *,
    product: Product,
    upload: BinaryIO,
    alt_text: str = "",
    variant: Variant | None = None,
) -> ProductPhoto:
    """Clean an uploaded photo, store it and its renditions, add it last."""
    processed = process_photo(upload)  # raises PhotoRejected; nothing stored yet
    if variant is not None and variant.product_id != product.pk:
        raise ValidationError(
            _("The variant belongs to another product."), code="wrong_variant"
        )
    original_name, renditions = photo_files_save(
        processed=processed, folder="catalog/photos"
    )
    saved = [original_name, *(r["name"] for r in renditions)]
    try:
        with transaction.atomic():
            # Lock the product row so two uploads at once get distinct positions.
            Product.objects.select_for_update().filter(pk=product.pk).first()
            last = product.photos.aggregate(last=Max("position"))["last"]
            photo = ProductPhoto.objects.create(
                product=product,
                variant=variant,
                position=0 if last is None else last + 1,
                alt_text=alt_text.strip(),
                original=original_name,
                width=processed.width,
                height=processed.height,
                renditions=renditions,
            )
    except BaseException:
        delete_files(saved)
        raise
    return photo


@transaction.atomic
def photo_delete(*, photo: ProductPhoto) -> None:
    # The files go once the row is gone for good (see catalog.signals).
    product_id, position = photo.product_id, photo.position
    photo.delete()
    ProductPhoto.objects.filter(product_id=product_id, position__gt=position).update(
        position=F("position") - 1
    )


def _renumber(photos: list[ProductPhoto]) -> None:
    for index, photo in enumerate(photos):
        if photo.position != index:
            photo.position = index
    ProductPhoto.objects.bulk_update(photos, ["position"])


@transaction.atomic
def photo_move(*, photo: ProductPhoto, offset: int) -> None:
    """Move a photo up (-1) or down (+1) in its product's order."""
    photos = list(
        ProductPhoto.objects.select_for_update().filter(product_id=photo.product_id)
    )
    index = next(i for i, p in enumerate(photos) if p.pk == photo.pk)
    target = max(0, min(len(photos) - 1, index + offset))
    photos.insert(target, photos.pop(index))
    _renumber(photos)


@transaction.atomic
def photo_make_main(*, photo: ProductPhoto) -> None:
    """The main photo is the first one: shown on lists and shared links."""
    photos = list(
        ProductPhoto.objects.select_for_update().filter(product_id=photo.product_id)
    )
    index = next(i for i, p in enumerate(photos) if p.pk == photo.pk)
    photos.insert(0, photos.pop(index))
    _renumber(photos)


def photo_set_alt_text(*, photo: ProductPhoto, alt_text: str) -> ProductPhoto:
    photo.alt_text = alt_text.strip()
    photo.full_clean(exclude=["original", "renditions"])
    photo.save(update_fields=["alt_text"])
    return photo


@transaction.atomic
def product_set_status(*, product: Product, status: Status) -> Product:
    """Publish, archive or return to draft; publishing checks the photos."""
    if status == Status.PUBLISHED:
        problems = product.publish_problems()
        if problems:
            raise ValidationError(problems, code="cannot_publish")
    product.status = status
    product.save(update_fields=["status", "updated_at"])
    return product
