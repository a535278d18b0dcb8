import io

import factory
from PIL import Image

from catalog.models import Category, Product, ProductPhoto, StockReason, Variant
from catalog.services import photo_add
from catalog.stock import stock_add


def jpeg_bytes(width=800, height=600, colour=(176, 48, 82), **save_options) -> bytes:
    image = Image.new("RGB", (width, height), colour)
    image.paste((240, 240, 240), (0, 0, width // 4, height // 4))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, **save_options)
    return buffer.getvalue()


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.Sequence(lambda n: f"kategori-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Tas Rajut {n}")
    slug = factory.Sequence(lambda n: f"tas-rajut-{n}")
    sku = factory.Sequence(lambda n: f"HR-T{n:04d}")
    category = factory.SubFactory(CategoryFactory)
    price = 150000
    material_cost = 50000
    materials = "Benang katun susu"
    dimensions = "25 × 18 × 8 cm"
    colours = "Merah marun"
    care_instructions = "Cuci dengan tangan."

    @factory.post_generation
    def stock(self, create, extracted, **kwargs):
        if create:
            variant = Variant.objects.create(product=self, sku=self.sku)
            if extracted:
                # As the admin adds it: an opening movement on the stock card.
                stock_add(
                    variant_id=variant.pk,
                    quantity=extracted,
                    reason=StockReason.OPENING,
                )


def add_photo(
    product: Product, alt_text: str = "Tas rajut merah", **kwargs
) -> ProductPhoto:
    return photo_add(
        product=product, upload=io.BytesIO(jpeg_bytes(**kwargs)), alt_text=alt_text
    )


def add_variant(product: Product, *, stock: int = 0, **fields) -> Variant:
    """Another variant of ``product``; its stock booked as an opening movement."""
    fields.setdefault("sku", f"{product.sku}-{product.variants.count() + 1}")
    variant = Variant.objects.create(product=product, **fields)
    if stock:
        stock_add(variant_id=variant.pk, quantity=stock, reason=StockReason.OPENING)
        variant.refresh_from_db(fields=["stock"])
    return variant
