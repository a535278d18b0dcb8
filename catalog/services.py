"""Writes of the catalog: photos in and out, order of photos, publishing."""

from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext_lazy as _

from core.photos import process_photo
from core.storage import files_removed_on_error, photo_store

from .models import Product, ProductPhoto, Status, Variant
from .signals import photos_reordered


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
    # The shared-link JPEG too: for link previews and marketplace feeds.
    stored = photo_store(
        processed=processed, folder="catalog/photos", kinds=("webp", "jpeg", "share")
    )
    with files_removed_on_error(stored.names()), transaction.atomic():
        # Lock the product row so two uploads at once get distinct positions.
        Product.objects.select_for_update().filter(pk=product.pk).first()
        last = product.photos.aggregate(last=Max("position"))["last"]
        photo = ProductPhoto(
            product=product,
            variant=variant,
            position=0 if last is None else last + 1,
            alt_text=alt_text.strip(),
        )
        photo.set_files(stored)
        photo.save()
    return photo


@transaction.atomic
def photo_delete(*, photo: ProductPhoto) -> None:
    # The files go once the row is gone for good (see catalog.signals).
    product_id, position = photo.product_id, photo.position
    photo.delete()
    ProductPhoto.objects.filter(product_id=product_id, position__gt=position).update(
        position=F("position") - 1
    )
    photos_reordered.send(sender=ProductPhoto, product_id=product_id)


def _renumber(photos: list[ProductPhoto]) -> None:
    for index, photo in enumerate(photos):
        if photo.position != index:
            photo.position = index
    ProductPhoto.objects.bulk_update(photos, ["position"])
    if photos:
        photos_reordered.send(sender=ProductPhoto, product_id=photos[0].product_id)


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
