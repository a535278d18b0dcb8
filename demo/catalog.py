"""Demo products with generated photos, for development (called by seed_demo)."""

import io
import random

from PIL import Image, ImageDraw

from catalog.models import (
    Availability,
    Category,
    DescriptionTemplate,
    ListingChannel,
    Product,
    Status,
    StockReason,
    Variant,
)
from catalog.services import photo_add
from catalog.stock import stock_add
from members.models import Member

CATEGORIES = [
    ("Tas rajut", "tas-rajut"),
    ("Dompet", "dompet"),
    ("Gantungan kunci", "gantungan-kunci"),
    ("Sepatu rajut", "sepatu-rajut"),
    ("Topi & syal", "topi-syal"),
]

# name, category slug, price, material cost, colours (rgb), pre-order days
PRODUCTS = [
    ("Tas Rajut Selempang Mawar", "tas-rajut", 185000, 62000, [(176, 48, 82)], None),
    ("Tas Rajut Jinjing Pantai", "tas-rajut", 225000, 80000, [(222, 184, 135)], None),
    ("Tas Rajut Ransel Mini", "tas-rajut", 265000, 95000, [(46, 94, 78)], 14),
    ("Dompet Rajut Koin Bunga", "dompet", 45000, 12000, [(235, 140, 52)], None),
    ("Dompet Rajut Panjang", "dompet", 85000, 25000, [(90, 60, 140)], None),
    (
        "Gantungan Kunci Boneka Kucing",
        "gantungan-kunci",
        20000,
        5000,
        [(250, 200, 60)],
        None,
    ),
    ("Gantungan Kunci Stroberi", "gantungan-kunci", 15000, 4000, [(214, 40, 57)], None),
    ("Sepatu Rajut Bayi", "sepatu-rajut", 65000, 18000, [(135, 190, 220)], None),
    ("Sepatu Rajut Dewasa Slip-on", "sepatu-rajut", 175000, 60000, [(60, 60, 60)], 10),
    ("Topi Kupluk Rajut", "topi-syal", 55000, 15000, [(120, 40, 40)], None),
    ("Syal Rajut Panjang", "topi-syal", 95000, 30000, [(70, 110, 170)], None),
    ("Bandana Rajut Anak", "topi-syal", 35000, 9000, [(240, 150, 180)], None),
]

TEMPLATES = {
    ListingChannel.STOREFRONT: (
        "{nama}",
        "{deskripsi}\n\nBahan: {bahan}\nUkuran: {ukuran}\n"
        "Warna: {warna}\nPerawatan: {perawatan}\n\nDibuat oleh: {pembuat}",
    ),
    ListingChannel.SHOPEE: (
        "{nama} Rajutan Tangan Purbalingga",
        "{deskripsi}\n\n✔ Bahan: {bahan}\n✔ Ukuran: {ukuran}\n✔ Berat: {berat}\n"
        "✔ Warna: {warna}\n\nCara merawat: {perawatan}\n\n"
        "Dibuat tangan oleh ibu-ibu Kelompok Hira Rajut, Kalikajar.",
    ),
    ListingChannel.INSTAGRAM: (
        "",
        "{nama} ✨\n{deskripsi}\n\nHarga {harga}\nPesan lewat WhatsApp "
        "(link di bio).\n\n{tagar}",
    ),
    ListingChannel.WHATSAPP: (
        "",
        "*{nama}*\nHarga: {harga}\nBahan: {bahan}\nUkuran: {ukuran}\n"
        "Warna: {warna}\n\nBalas pesan ini untuk memesan 🙏",
    ),
    ListingChannel.FACEBOOK: ("", "{nama} – {harga}\n\n{deskripsi}\n\n{tagar}"),
}


def demo_photo(colour: tuple[int, int, int], seed: int) -> io.BytesIO:
    """A knitted-looking picture: rows of loops in the product's colour."""
    rng = random.Random(seed)
    image = Image.new("RGB", (1200, 900), (246, 240, 232))
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = 260, 160, 940, 760
    draw.rounded_rectangle((left, top, right, bottom), radius=60, fill=colour)
    shade = tuple(max(0, c - 45) for c in colour)
    for y in range(top + 20, bottom - 20, 28):
        for x in range(left + 20, right - 20, 24):
            jitter = rng.randint(-2, 2)
            draw.arc(
                (x, y + jitter, x + 22, y + 26 + jitter), 200, 340, fill=shade, width=4
            )
    draw.arc((430, 40, 770, 320), 180, 360, fill=shade, width=22)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    buffer.seek(0)
    return buffer


def seed_catalog() -> None:
    categories = {}
    for position, (name, slug) in enumerate(CATEGORIES):
        categories[slug], _ = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
    for channel, (title, body) in TEMPLATES.items():
        DescriptionTemplate.objects.get_or_create(
            channel=channel, defaults={"title": title, "body": body}
        )
    makers = list(Member.objects.filter(user__groups__name="Anggota")[:3])
    for index, (name, slug, price, cost, colours, lead) in enumerate(PRODUCTS):
        sku = f"HR-{index + 1:03d}"
        if Product.objects.filter(sku=sku).exists():
            continue
        product = Product.objects.create(
            name=name,
            slug=sku.lower() + "-" + name.lower().replace(" ", "-")[:60],
            sku=sku,
            category=categories[slug],
            price=price,
            material_cost=cost,
            availability=Availability.PREORDER if lead else Availability.READY,
            lead_time_days=lead,
            description=f"{name} buatan tangan, rapi dan halus, dari benang pilihan.",
            materials="Benang rajut katun susu",
            dimensions="Sesuai foto",
            weight_grams=150 + index * 20,
            colours="Sesuai foto",
            care_instructions=(
                "Cuci dengan tangan, jangan diperas, jemur di tempat teduh."
            ),
            hashtags="#rajut #rajutan #handmade #purbalingga #hirarajut",
        )
        product.makers.set(makers[index % max(1, len(makers)) :][:1] if makers else [])
        variant = Variant.objects.create(product=product, sku=sku)
        if not lead:
            # On the stock card from the first piece: an opening balance.
            stock_add(
                variant_id=variant.pk,
                quantity=3 + index % 5,
                reason=StockReason.OPENING,
            )
        for photo_index in range(2 if index % 3 == 0 else 1):
            photo_add(
                product=product,
                upload=demo_photo(colours[0], seed=index * 10 + photo_index),
                alt_text=f"{name}, tampak {'depan' if photo_index == 0 else 'samping'}",
            )
        product.status = Status.PUBLISHED
        product.save(update_fields=["status"])
