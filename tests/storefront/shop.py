"""Shop test data: published products as the admin would leave them."""

from catalog.models import Availability, Status
from storefront.models import ShopSettings
from tests.catalog.factories import ProductFactory, add_photo, add_variant

CO_OP_NUMBER = "6281225001122"


def shop_settings(**fields) -> ShopSettings:
    shop = ShopSettings.load()
    fields.setdefault("whatsapp", CO_OP_NUMBER)
    for name, value in fields.items():
        setattr(shop, name, value)
    shop.save()
    return shop


def published(photo: bool = True, **fields):
    """A published product with one variant, its stock and (by default) a photo."""
    fields.setdefault("stock", 3)
    product = ProductFactory(**fields)
    if photo:
        add_photo(product, alt_text=f"{product.name}, tampak depan")
    product.status = Status.PUBLISHED
    product.save(update_fields=["status", "updated_at"])
    return product


def preorder(**fields):
    return published(
        availability=Availability.PREORDER, lead_time_days=14, stock=0, **fields
    )


def two_colours(**fields):
    product = published(variation1_name="Warna", **fields)
    product.variants.update(option1="Merah")
    add_variant(product, option1="Biru", stock=0, price_override=175000)
    return product
