"""A shop as customers see it: knitted goods photographed on a phone, several kinds.

The photos are made with Pillow, as textured as a phone photo of a knitted piece
on a cloth (stitches, yarn fuzz, sensor grain), so the renditions the pipeline
makes weigh what real ones do. Also used by bench/storefront.py.
"""

import functools
import io
import random
from dataclasses import dataclass, field

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from catalog.models import Availability, Category, Product, Status
from catalog.services import photo_add
from storefront.models import ShopSettings
from tests.catalog.factories import ProductFactory, add_variant

CO_OP_WHATSAPP = "6281234567890"
TAGLINE = "Rajutan tangan ibu-ibu Kalikajar, Purbalingga, sejak 2011."
CATEGORIES = [
    ("Tas rajut", "tas-rajut"),
    ("Dompet", "dompet"),
    ("Topi & syal", "topi-syal"),
    ("Gantungan kunci", "gantungan-kunci"),
    ("Sepatu rajut", "sepatu-rajut"),
    ("Aksesoris", "aksesoris"),
]
KINDS = {
    "tas-rajut": ("Tas Rajut Selempang", "Tas Jinjing", "Tas Pantai", "Tas Serut"),
    "dompet": ("Dompet Koin", "Dompet Panjang", "Pouch Rajut"),
    "topi-syal": ("Topi Kupluk", "Syal Rajut", "Bucket Hat"),
    "gantungan-kunci": ("Gantungan Kunci Boneka", "Gantungan Kunci Bunga"),
    "sepatu-rajut": ("Sepatu Bayi Rajut", "Sandal Rajut"),
    "aksesoris": ("Bando Rajut", "Ikat Rambut", "Sarung Botol"),
}
PRICES = {
    "tas-rajut": (95_000, 350_000),
    "dompet": (25_000, 120_000),
    "topi-syal": (45_000, 160_000),
    "gantungan-kunci": (15_000, 40_000),
    "sepatu-rajut": (55_000, 150_000),
    "aksesoris": (15_000, 60_000),
}
COLOURS = (
    "Merah Marun",
    "Biru Dongker",
    "Hijau Sage",
    "Krem",
    "Mustard",
    "Ungu Lavender",
    "Abu-abu",
    "Coklat Susu",
)
DESCRIPTION = (
    "Dirajut tangan satu per satu oleh ibu-ibu Hira Rajut di Kalikajar. "
    "Benangnya lembut dan kuat, jahitannya rapi, enak dipakai sehari-hari. "
    "Warna bisa sedikit berbeda dari foto karena cahaya."
)


def knit_photo(seed: int, size: tuple[int, int] = (1600, 1200)) -> bytes:
    """A JPEG of a knitted bag on a blurred cloth, as a phone would take it."""
    rnd = random.Random(seed)
    width, height = size
    background = Image.new("RGB", size, tuple(rnd.randrange(150, 235) for _ in "rgb"))
    mottle = (
        Image.effect_noise((width // 40, height // 40), 28)
        .resize(size, Image.Resampling.BICUBIC)
        .filter(ImageFilter.GaussianBlur(width // 80))
    )
    photo = ImageChops.add(background, Image.merge("RGB", [mottle] * 3), 1.0, -128)
    yarn = tuple(rnd.randrange(30, 220) for _ in "rgb")
    dark = tuple(max(0, c - 60) for c in yarn)
    light = tuple(min(255, c + 40) for c in yarn)
    piece = Image.new("RGB", size, yarn)
    draw = ImageDraw.Draw(piece)
    # About 90 stitches across the picture, whatever its size.
    step = max(8, width // rnd.randrange(80, 110))
    for y in range(0, height, step):
        offset = (y // step) % 2 * step // 2
        for x in range(-step, width, step):
            left = x + offset
            # One knit stitch: a V of two loops, lit on one side.
            draw.line((left, y, left + step // 2, y + step), fill=dark, width=4)
            draw.line((left + step // 2, y + step, left + step, y), fill=dark, width=4)
            draw.line(
                (left + 3, y + 2, left + step // 2, y + step - 4), fill=light, width=2
            )
    piece = piece.rotate(
        rnd.uniform(-12, 12), resample=Image.Resampling.BICUBIC, fillcolor=yarn
    )
    fuzz = Image.effect_noise((width // 3, height // 3), 14).resize(
        size, Image.Resampling.BICUBIC
    )
    piece = ImageChops.add(piece, Image.merge("RGB", [fuzz] * 3), 1.0, -128)
    shade = Image.radial_gradient("L").resize(size).point(lambda v: 255 - v // 3)
    piece = ImageChops.multiply(piece, Image.merge("RGB", [shade] * 3))
    mask = Image.new("L", size, 0)
    outline = ImageDraw.Draw(mask)
    centre_x = width // 2 + rnd.randrange(-100, 100)
    centre_y = height // 2 + rnd.randrange(-60, 100)
    half_w = rnd.randrange(width // 4, width // 3)
    half_h = rnd.randrange(height // 4, height // 3)
    outline.rounded_rectangle(
        (centre_x - half_w, centre_y - half_h, centre_x + half_w, centre_y + half_h),
        radius=rnd.randrange(40, 200),
        fill=255,
    )
    outline.arc(
        (
            centre_x - half_w // 2,
            centre_y - 2 * half_h,
            centre_x + half_w // 2,
            centre_y - half_h // 2,
        ),
        180,
        360,
        fill=255,
        width=40,
    )
    photo.paste(piece, (0, 0), mask.filter(ImageFilter.GaussianBlur(2)))
    # What is left of sensor noise after the phone's own denoising.
    grain = Image.effect_noise(size, rnd.uniform(2.5, 4))
    photo = ImageChops.add(photo, Image.merge("RGB", [grain] * 3), 1.0, -128)
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@functools.cache
def _photo(seed: int, size: tuple[int, int]) -> bytes:
    return knit_photo(seed, size)


def add_knit_photo(
    product: Product, seed: int, *, size: tuple[int, int] = (1200, 900), **kwargs
):
    """A photo through the real pipeline (photo_add); the source JPEG is kept."""
    return photo_add(product=product, upload=io.BytesIO(_photo(seed, size)), **kwargs)


def shop_settings() -> ShopSettings:
    shop = ShopSettings.load()
    shop.whatsapp = CO_OP_WHATSAPP
    shop.tagline = TAGLINE
    shop.instagram_url = "https://www.instagram.com/hirarajut/"
    shop.shopee_url = "https://shopee.co.id/hirarajut"
    shop.address = "Desa Kalikajar RT 02/RW 01\nKaligondang, Purbalingga\nJawa Tengah"
    shop.save()
    return shop


@dataclass
class Shop:
    categories: list[Category]
    products: list[Product] = field(default_factory=list)
    colours: Product | None = None  # several variants and photos
    preorder: Product | None = None
    sold_out: Product | None = None


def _publish(product: Product) -> Product:
    product.status = Status.PUBLISHED
    product.save(update_fields=["status", "updated_at"])
    return product


def seed_shop(count: int = 12) -> Shop:
    """``count`` published products with a photo each, in several categories.

    The first has three colours (one sold out) and three photos, the second is
    made to order, the third is sold out; the first four are featured.
    """
    shop_settings()
    categories = [
        Category.objects.create(name=name, slug=slug, position=index)
        for index, (name, slug) in enumerate(CATEGORIES)
    ]
    shop = Shop(categories=categories)
    rnd = random.Random(7)
    for index in range(count):
        category = categories[index % len(categories)]
        kinds = KINDS[category.slug]
        kind = kinds[index // len(categories) % len(kinds)]
        colour = COLOURS[index % len(COLOURS)]
        low, high = PRICES[category.slug]
        name = f"{kind} {colour}"
        product = ProductFactory(
            name=name,
            slug=f"{kind}-{colour}-{index}".lower().replace(" ", "-"),
            sku=f"HR-{index:04d}",
            category=category,
            price=rnd.randrange(low // 5_000, high // 5_000 + 1) * 5_000,
            description=DESCRIPTION,
            colours=colour,
            featured=index < 4,
            stock=0 if index in (1, 2) else rnd.randrange(1, 9),
        )
        if index == 1:
            product.availability = Availability.PREORDER
            product.lead_time_days = 14
            product.save(update_fields=["availability", "lead_time_days"])
            shop.preorder = product
        elif index == 2:
            shop.sold_out = product
        add_knit_photo(product, index, alt_text=f"{name}, tampak depan")
        if index == 0:
            product.variation1_name = "Warna"
            product.save(update_fields=["variation1_name"])
            product.variants.update(option1=colour)
            for offset, stock in ((1, 4), (2, 0)):
                variant = add_variant(
                    product, option1=COLOURS[offset], stock=stock, price_override=None
                )
                add_knit_photo(
                    product,
                    100 + offset,
                    alt_text=f"{kind} {COLOURS[offset]}",
                    variant=variant,
                )
            shop.colours = product
        shop.products.append(_publish(product))
    return shop
