"""What the feeds share: the products read once, plain texts, cuts, photos, links."""

import html
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from catalog.models import Product, ProductPhoto, Variant
from members.models import Member

from ..links import absolute_url
from ..selectors import variant_stock
from ..seo import BRAND, image_url, share_image
from .spec import CURRENCY

__all__ = ["BRAND", "CURRENCY"]

ELLIPSIS = "…"
# C0 and C1 control characters (tab and line breaks are handled apart) and the
# two non-characters that XML 1.0 refuses.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# A cut keeps at least this share of the room when it looks for a space.
_WORD_CUT_KEEPS = 0.6

# Variation type names the platforms know, as the co-op writes them.
VARIANT_ATTRIBUTES = {
    "warna": "color",
    "color": "color",
    "colour": "color",
    "ukuran": "size",
    "size": "size",
    "motif": "pattern",
    "pola": "pattern",
    "pattern": "pattern",
    "bahan": "material",
    "material": "material",
}


def plain_text(value: str | None, *, one_line: bool = False) -> str:
    """Text without HTML tags or entities, control characters or runs of spaces."""
    text = value or ""
    for _round in range(3):  # "&lt;b&gt;" is a tag once unescaped
        cleaned = html.unescape(strip_tags(text))
        if cleaned == text:
            break
        text = cleaned
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL.sub(" ", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    if one_line:
        return " ".join(line for line in lines if line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def cut(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters: cut on a word, ending in "…"."""
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS)
    head = text[:room]
    if not text[room].isspace():
        space = max(head.rfind(" "), head.rfind("\n"))
        if space >= room * _WORD_CUT_KEEPS:
            head = head[:space]
    return head.rstrip(" \n,;:.-–—") + ELLIPSIS


def price_text(amount: int) -> str:
    return f"{amount} {CURRENCY}"


def feed_products() -> list[Product]:
    """Published products with all that a feed or its check reads: 5 queries."""
    return list(
        Product.objects.published()
        .select_related("category", "category__shopee_category")
        .prefetch_related(
            Prefetch("variants", queryset=Variant.objects.order_by("position", "id")),
            Prefetch(
                "photos", queryset=ProductPhoto.objects.order_by("position", "id")
            ),
            # {pembuat} in a channel text names only makers who agreed to it.
            Prefetch(
                "makers",
                queryset=Member.objects.filter(show_name_in_shop=True).order_by(
                    "full_name"
                ),
            ),
        )
        .order_by("name", "pk")
    )


def shopee_category_id(product: Product) -> str:
    try:
        return product.category.shopee_category.shopee_category_id
    except ObjectDoesNotExist:
        return ""


def variants_of(product: Product) -> list[Variant]:
    return list(product.variants.all())


def photos_for(product: Product, variant: Variant | None = None) -> list[ProductPhoto]:
    """The product's photos in order; a variant's own photos first."""
    photos = list(product.photos.all())
    if variant is not None:
        photos.sort(key=lambda photo: photo.variant_id != variant.pk)
    return photos


def image_size(photo: ProductPhoto) -> tuple[int, int]:
    """The size of the image the feeds link to (the share JPEG)."""
    image = share_image(photo)
    return (image["width"], image["height"]) if image else (0, 0)


def is_large_enough(photo: ProductPhoto, width: int, height: int) -> bool:
    served_width, served_height = image_size(photo)
    return served_width >= width and served_height >= height


def is_multi(product: Product) -> bool:
    return len(product.variants.all()) > 1


def options_of(variant: Variant) -> list[str]:
    return [option for option in (variant.option1, variant.option2) if option]


def variant_attributes(product: Product, variant: Variant) -> tuple[dict, list[str]]:
    """The variant's options the platforms know (color, size…), and the other types."""
    known: dict[str, str] = {}
    unknown: list[str] = []
    for name, option in (
        (product.variation1_name, variant.option1),
        (product.variation2_name, variant.option2),
    ):
        if not option:
            continue
        key = VARIANT_ATTRIBUTES.get(name.strip().lower())
        if key and key not in known:
            known[key] = plain_text(option, one_line=True)
        elif name.strip():
            unknown.append(plain_text(name, one_line=True))
    return known, unknown


def variant_title(product: Product, variant: Variant, limit: int) -> str:
    """The product's name and, for one of several variants, its options."""
    name = plain_text(product.name, one_line=True)
    options = options_of(variant) if is_multi(product) else []
    if not options:
        return cut(name, limit)
    suffix = " – " + plain_text(" / ".join(options), one_line=True)
    if len(suffix) > limit // 2:
        return cut(name + suffix, limit)
    return cut(name, limit - len(suffix)) + suffix


def shop_path(name: str, *args) -> str:
    """A shop page in the shop's own language, whatever the admin reads in."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(name, args=args)


def product_path(product: Product) -> str:
    return shop_path("shop:product", product.slug)


@dataclass
class Links:
    """Absolute addresses on the shop's public host."""

    request: HttpRequest | None

    def absolute(self, path: str) -> str:
        return absolute_url(self.request, path)

    def product(self, product: Product, variant: Variant | None = None) -> str:
        url = self.absolute(product_path(product))
        if variant is not None and is_multi(product):
            url += f"?varian={variant.pk}"
        return url

    def image(self, photo: ProductPhoto) -> str:
        return image_url(self.absolute, photo)


def stock_of(product: Product, variant: Variant) -> str:
    """Ready (with stock), pre-order, or sold out: as the shop's pages say it."""
    return variant_stock(product, variant)


def shop_today() -> date:
    return timezone.localdate(timezone=ZoneInfo(settings.TIME_ZONE))


def ready_on(product: Product, today: date | None = None) -> datetime:
    """When a pre-order made today is ready: today in Jakarta plus the lead time."""
    today = today or shop_today()
    day = today + timedelta(days=product.lead_time_days or 0)
    return datetime.combine(day, time(0, 0), tzinfo=ZoneInfo(settings.TIME_ZONE))


def iso_8601(moment: datetime) -> str:
    """``2026-05-20T00:00+07:00``: 22 characters, within Google's 25."""
    return moment.isoformat(timespec="minutes")
