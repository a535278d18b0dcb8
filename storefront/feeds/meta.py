"""The Meta (Facebook and Instagram) catalog as a CSV data feed: one row per variant."""

import csv
import io

from catalog.models import Product

from ..selectors import Stock
from . import spec
from .checks import meta_check
from .common import (
    BRAND,
    Links,
    cut,
    is_multi,
    photos_for,
    plain_text,
    price_text,
    stock_of,
    variant_attributes,
    variant_title,
    variants_of,
)

COLUMNS = list(spec.META.fields)
AVAILABILITY = {
    Stock.READY: spec.META_IN_STOCK,
    Stock.SOLD_OUT: spec.META_OUT_OF_STOCK,
    Stock.PREORDER: spec.META_PREORDER,
}


def _limit(name: str) -> int:
    return spec.META.fields[name].max_length


def _image_list(urls: list[str]) -> str:
    """Comma-separated, as many as fit in the field."""
    kept: list[str] = []
    for url in urls[: spec.META.additional_images_max]:
        if len(",".join([*kept, url])) > _limit("additional_image_link"):
            break
        kept.append(url)
    return ",".join(kept)


def meta_rows(products: list[Product], links: Links) -> list[dict[str, str]]:
    rows = []
    for product in products:
        check = meta_check(product)
        if check.left_out:
            continue
        # One line: feed readers differ in how they take breaks inside a field.
        description = cut(
            plain_text(product.description, one_line=True), _limit("description")
        )
        colours = plain_text(product.colours, one_line=True)
        materials = plain_text(product.materials, one_line=True)
        for variant in variants_of(product):
            if not check.includes(variant):
                continue
            photos = photos_for(product, variant)
            known, _unknown = variant_attributes(product, variant)
            stock = stock_of(product, variant)
            quantity = "" if stock == Stock.PREORDER else str(variant.stock)
            rows.append(
                {
                    "id": variant.sku,
                    "title": variant_title(product, variant, _limit("title")),
                    "description": description,
                    "availability": AVAILABILITY[stock],
                    "condition": "new",
                    "price": price_text(variant.price),
                    "link": links.product(product, variant),
                    "image_link": links.image(photos[0]),
                    "additional_image_link": _image_list(
                        [links.image(photo) for photo in photos[1:]]
                    ),
                    "brand": BRAND,
                    "quantity_to_sell_on_facebook": quantity,
                    "item_group_id": product.sku if is_multi(product) else "",
                    "color": cut(known.get("color") or colours, _limit("color")),
                    "size": cut(known.get("size", ""), _limit("size")),
                    "material": cut(
                        known.get("material") or materials, _limit("material")
                    ),
                    "pattern": cut(known.get("pattern", ""), _limit("pattern")),
                }
            )
    return rows


def meta_csv(products: list[Product], links: Links) -> bytes:
    """UTF-8 without a byte order mark: Meta would read it as part of "id"."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(meta_rows(products, links))
    return buffer.getvalue().encode("utf-8")
