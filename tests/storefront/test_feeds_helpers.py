"""What the feed tests share: published products as the admin makes them, row checks."""

import re

from catalog.models import Status
from storefront.feeds import spec
from storefront.models import ShopeeCategory
from tests.catalog.factories import ProductFactory, add_photo, add_variant

URL = re.compile(r"^https?://[^\s,]+$")
PRICE = re.compile(spec.PRICE_PATTERN)
TAG = re.compile(r"<[a-zA-Z/!?]")
ENTITY = re.compile(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# As long as a product name may be (150): a feed's title runs longer only with the
# options of a variant after it.
LONG_NAME = ("Tas " + "rajutan " * 18).strip()


SIZE = "Besar untuk dewasa, tali panjang"
COLOURS = ("Merah muda bercampur putih gading", "Biru laut tua dengan benang emas")


def in_two_colours(**fields):
    """A product with the longest name, in two colours of one long-named size."""
    product = published(
        name=LONG_NAME, variation1_name="Warna", variation2_name="Ukuran", **fields
    )
    product.variants.update(option1=COLOURS[0], option2=SIZE)
    add_variant(product, option1=COLOURS[1], option2=SIZE, stock=1)
    return product


def published(*, photos=((800, 800),), stock=3, shopee_category=True, **fields):
    """A published product with photos (with alt text), a description and a weight."""
    fields.setdefault("description", "Tas rajut tangan dari benang katun susu.")
    fields.setdefault("weight_grams", 250)
    product = ProductFactory(status=Status.PUBLISHED, stock=stock, **fields)
    for width, height in photos:
        add_photo(product, width=width, height=height)
    if shopee_category:
        ShopeeCategory.objects.get_or_create(
            category=product.category, defaults={"shopee_category_id": "100643"}
        )
    return product


def assert_plain(value: str) -> None:
    assert not TAG.search(value), value
    assert not ENTITY.search(value), value
    assert not CONTROL.search(value), value


def assert_valid(row: dict, feed: spec.FeedSpec) -> None:
    """Every required field present, every value within the spec table."""
    for name, rule in feed.fields.items():
        value = row.get(name, "")
        value = "" if value is None else str(value)
        if rule.required:
            assert value, f"{feed.name}: {name} is empty in {row}"
        if rule.max_length is not None:
            assert len(value) <= rule.max_length, f"{feed.name}: {name} too long"
        if rule.allowed and value:
            assert value in rule.allowed, f"{feed.name}: {name}={value!r}"
        assert_plain(value)
    if "price" in row:
        assert PRICE.match(row["price"]), row["price"]
    for name in ("link", "image_link"):
        if name in row:
            assert URL.match(row[name]), row[name]
    extra = row.get("additional_image_link", "")
    if isinstance(extra, str):
        extra = [url for url in extra.split(",") if url]
    for url in extra:
        assert URL.match(url), url
    assert len(extra) <= feed.additional_images_max
