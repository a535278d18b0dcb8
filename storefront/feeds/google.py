"""The Google Merchant Center feed: RSS 2.0 with the g: namespace, an item a variant."""

from xml.etree import ElementTree as ET

from django.utils.translation import gettext as _

from catalog.models import Product

from ..selectors import Stock
from . import spec
from .checks import google_check, google_photos
from .common import (
    BRAND,
    Links,
    cut,
    is_multi,
    iso_8601,
    plain_text,
    price_text,
    ready_on,
    shop_path,
    shop_today,
    stock_of,
    variant_attributes,
    variant_title,
    variants_of,
)

G = f"{{{spec.GOOGLE_NAMESPACE}}}"
ET.register_namespace("g", spec.GOOGLE_NAMESPACE)
AVAILABILITY = {
    Stock.READY: spec.GOOGLE_IN_STOCK,
    Stock.SOLD_OUT: spec.GOOGLE_OUT_OF_STOCK,
    Stock.PREORDER: spec.GOOGLE_PREORDER,
}


def _limit(name: str) -> int:
    return spec.GOOGLE.fields[name].max_length


def google_items(products: list[Product], links: Links) -> list[list[tuple[str, str]]]:
    """Each item as (element, text) pairs in feed order; empty values left out."""
    today = shop_today()
    items = []
    for product in products:
        check = google_check(product)
        if check.left_out:
            continue
        description = cut(plain_text(product.description), _limit("description"))
        colours = plain_text(product.colours, one_line=True)
        materials = plain_text(product.materials, one_line=True)
        for variant in variants_of(product):
            if not check.includes(variant):
                continue
            photos = google_photos(product, variant)
            known, _unknown = variant_attributes(product, variant)
            stock = stock_of(product, variant)
            fields = [
                ("id", variant.sku),
                ("title", variant_title(product, variant, _limit("title"))),
                ("description", description),
                ("link", links.product(product, variant)),
                ("image_link", links.image(photos[0])),
                *(
                    ("additional_image_link", links.image(photo))
                    for photo in photos[1 : spec.GOOGLE.additional_images_max + 1]
                ),
                ("availability", AVAILABILITY[stock]),
            ]
            if stock == Stock.PREORDER:
                fields.append(("availability_date", iso_8601(ready_on(product, today))))
            fields += [
                ("price", price_text(variant.price)),
                ("brand", BRAND),
                ("identifier_exists", "no"),
                ("condition", "new"),
            ]
            if is_multi(product):
                fields.append(("item_group_id", product.sku))
            fields += [
                ("color", cut(known.get("color") or colours, _limit("color"))),
                ("size", cut(known.get("size", ""), _limit("size"))),
                (
                    "material",
                    cut(known.get("material") or materials, _limit("material")),
                ),
                ("pattern", cut(known.get("pattern", ""), _limit("pattern"))),
            ]
            items.append([(name, value) for name, value in fields if value])
    return items


def google_xml(products: list[Product], links: Links) -> bytes:
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = BRAND
    ET.SubElement(channel, "link").text = links.absolute(shop_path("shop:home"))
    ET.SubElement(channel, "description").text = _(
        "Hand-knitted goods from Kalikajar, Purbalingga"
    )
    for fields in google_items(products, links):
        item = ET.SubElement(channel, "item")
        for name, value in fields:
            # ElementTree escapes &, < and > itself; the texts are plain already.
            ET.SubElement(item, G + name).text = value
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)
