"""Google Merchant Center: why a product is left out or changed."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalog.models import Product, Variant

from .. import spec
from ..common import (
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


def google_photos(product: Product, variant: Variant | None = None) -> list:
    """The photos Google takes: at least 500 × 500 px, a variant's own first."""
    return [
        photo
        for photo in photos_for(product, variant)
        if is_large_enough(
            photo, spec.GOOGLE.image_min_width, spec.GOOGLE.image_min_height
        )
    ]


def google_check(product: Product) -> Check:
    check = Check("google", [v.pk for v in variants_of(product)])
    _common(check, product, spec.GOOGLE)
    photos = photos_for(product)
    large = google_photos(product)
    minimum = {
        "min_width": spec.GOOGLE.image_min_width,
        "min_height": spec.GOOGLE.image_min_height,
    }
    if not photos:
        check.add(LEFT_OUT, _("It has no photo."), **_photos(product))
    elif not large:
        check.add(
            LEFT_OUT,
            _(
                "No photo is at least %(min_width)s × %(min_height)s px, "
                "which Google asks for."
            )
            % minimum,
            **_photos(product),
        )
    elif len(large) < len(photos):
        small = len(photos) - len(large)
        check.add(
            WARNING,
            ngettext(
                "%(count)s photo is under %(min_width)s × %(min_height)s px and "
                "is not sent.",
                "%(count)s photos are under %(min_width)s × %(min_height)s px and "
                "are not sent.",
                small,
            )
            % {"count": small, **minimum},
            **_photos(product),
        )
    if large:
        _check_photo_count(check, product, large, spec.GOOGLE.additional_images_max + 1)
    return check
