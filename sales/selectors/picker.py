"""The new-sale form's product picker: variants found by name, SKU or colour."""

from django.core.exceptions import ValidationError
from django.db.models import Case, Prefetch, Q, QuerySet, When, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from catalog.models import Availability, ProductPhoto, Status, Variant

# At most this many products in the picker's list: type more to narrow it.
PICKER_SIZE = 20
_AMBIGUOUS_SHOWN = 5


def variant_search(query: str) -> QuerySet:
    """Variants on sale whose name, SKU or colour/size has every word typed.

    Ready stock first, then pre-order, then what is sold out; within each, names
    that start with the first word typed, then names that hold it.
    """
    variants = Variant.objects.exclude(product__status=Status.ARCHIVED)
    for word in query.split()[:6]:
        variants = variants.filter(
            Q(product__name__icontains=word)
            | Q(product__sku__icontains=word)
            | Q(sku__icontains=word)
            | Q(option1__icontains=word)
            | Q(option2__icontains=word)
        )
    first = query.split()[0] if query.split() else ""
    return (
        variants.select_related("product")
        .annotate(
            ready_order=Case(
                When(product__availability=Availability.PREORDER, then=1),
                When(stock__gt=0, then=0),
                default=2,
            ),
            # "tas" lists the bags (Tas ...) before a colour called Pastel.
            name_order=Case(
                When(product__name__istartswith=first, then=0),
                When(product__name__icontains=first, then=1),
                default=2,
            ),
        )
        .order_by("ready_order", "name_order", "product__name", "position", "id")
    )


def with_thumbnails(variants: list[Variant]) -> list[Variant]:
    """Give each variant ``thumb``: its own photo, else its product's first."""
    prefetch_related_objects(
        variants,
        Prefetch(
            "product__photos", queryset=ProductPhoto.objects.order_by("position", "id")
        ),
    )
    for variant in variants:
        photos = variant.product.photos.all()
        own = [photo for photo in photos if photo.variant_id == variant.pk]
        variant.thumb = (own or photos or [None])[0]
    return variants


def picker_variants(query: str) -> tuple[list[Variant], bool]:
    """The picker's list for ``query`` and whether more would match."""
    found = list(variant_search(query)[: PICKER_SIZE + 1])
    return with_thumbnails(found[:PICKER_SIZE]), len(found) > PICKER_SIZE


def _label(variant: Variant) -> str:
    return f"{variant} ({variant.sku})"


def variant_for_text(text: str) -> Variant:
    """The one variant an admin means by a typed SKU or name, or why there is none."""
    active = Variant.objects.exclude(product__status=Status.ARCHIVED).select_related(
        "product"
    )
    found = list(
        active.filter(Q(sku__iexact=text) | Q(product__sku__iexact=text)).order_by(
            "position", "id"
        )[: _AMBIGUOUS_SHOWN + 1]
    )
    exact = [variant for variant in found if variant.sku.lower() == text.lower()]
    if len(exact) == 1:
        return exact[0]
    if not found:
        found = list(variant_search(text)[: _AMBIGUOUS_SHOWN + 1])
    if len(found) == 1:
        return found[0]
    if not found:
        raise ValidationError(
            _("Product not found: “%(text)s”."),
            code="product_not_found",
            params={"text": text},
        )
    names = ", ".join(_label(variant) for variant in found[:_AMBIGUOUS_SHOWN])
    if len(found) > _AMBIGUOUS_SHOWN:
        names += ", …"
    raise ValidationError(
        _("More than one product matches: %(names)s. Write its SKU."),
        code="product_ambiguous",
        params={"names": names},
    )
