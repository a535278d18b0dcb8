"""Meta (Facebook, Instagram): why a product is left out or changed."""

from django.utils.translation import gettext as _

from catalog.models import Product

from .. import spec
from ..common import (
    image_size,
    is_large_enough,
    photos_for,
    variants_of,
)
from .base import (
    LEFT_OUT,
    WARNING,
    Check,
    _check_photo_count,
    _common,
    _photos,
)


def meta_check(product: Product) -> Check:
    check = Check("meta", [v.pk for v in variants_of(product)])
    _common(check, product, spec.META)
    photos = photos_for(product)
    if not photos:
        check.add(LEFT_OUT, _("It has no photo."), **_photos(product))
    else:
        width, height = image_size(photos[0])
        if not is_large_enough(
            photos[0], spec.META.image_min_width, spec.META.image_min_height
        ):
            check.add(
                WARNING,
                _(
                    "The main photo is %(width)s × %(height)s px; Meta asks for at "
                    "least %(min_width)s × %(min_height)s px."
                )
                % {
                    "width": width,
                    "height": height,
                    "min_width": spec.META.image_min_width,
                    "min_height": spec.META.image_min_height,
                },
                **_photos(product),
            )
        _check_photo_count(check, product, photos, spec.META.additional_images_max + 1)
    return check
