"""What search engines and link previews read: JSON-LD, Open Graph images."""

import json

from django.core.files.storage import default_storage
from django.utils.html import strip_tags

from catalog.models import Product

from .selectors import Stock, product_stock

SCHEMA_AVAILABILITY = {
    Stock.READY: "https://schema.org/InStock",
    Stock.PREORDER: "https://schema.org/PreOrder",
    Stock.SOLD_OUT: "https://schema.org/OutOfStock",
}
CURRENCY = "IDR"
BRAND = "Hira Rajut"


def share_image(photo) -> dict | None:
    """The JPEG closest to 1200 px wide: for Open Graph, feeds and JSON-LD."""
    if photo is None:
        return None
    return photo.rendition("share") or {
        "name": photo.original.name,
        "width": photo.width,
        "height": photo.height,
    }


def image_url(absolute, photo) -> str:
    image = share_image(photo)
    return absolute(default_storage.url(image["name"])) if image else ""


def product_json_ld(*, product: Product, url: str, images: list[str]) -> str:
    """A schema.org ``Product`` with its ``Offer`` (or ``AggregateOffer``)."""
    prices = sorted({variant.price for variant in product.variants.all()}) or [
        product.price
    ]
    availability = SCHEMA_AVAILABILITY[product_stock(product)]
    if len(prices) == 1:
        offers = {
            "@type": "Offer",
            "price": str(prices[0]),
            "priceCurrency": CURRENCY,
            "availability": availability,
            "itemCondition": "https://schema.org/NewCondition",
            "url": url,
        }
    else:
        offers = {
            "@type": "AggregateOffer",
            "lowPrice": str(prices[0]),
            "highPrice": str(prices[-1]),
            "offerCount": len(prices),
            "priceCurrency": CURRENCY,
            "availability": availability,
            "url": url,
        }
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "sku": product.sku,
        "description": strip_tags(product.description)[:5000],
        "brand": {"@type": "Brand", "name": BRAND},
        "category": product.category.name,
        "url": url,
        "image": images,
        "offers": offers,
    }
    if product.materials:
        data["material"] = product.materials
    # "</" inside a string would end the <script> element early.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
