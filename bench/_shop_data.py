"""The shop benchmark's database, and the queries its pages run.

Run by bench/storefront.py in a process of its own, with the environment that
picks the database, media folder and settings:

    _shop_data.py seed      migrate, load the shop, print its page addresses (JSON)
    _shop_data.py queries   print the queries each page runs uncached (JSON)

Ten products get a photo through the real pipeline (catalog.services.photo_add);
the others show copies of those rows, naming the same files, which keeps loading
500 products to seconds.
"""

import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PRODUCTS = int(os.environ.get("BENCH_SHOP_PRODUCTS", "500"))
DISTINCT_PHOTOS = 10
FEATURED = 8
# Phone photos arrive at several sizes: a 12 MP JPEG shrunk by the phone's
# sharing, a cropped one, a screenshot-sized one.
PHOTO_SIZES = ((2000, 1500), (1600, 1200), (1200, 1200), (1500, 2000))
KNITTERS = ("Siti Aminah", "Sri Wahyuni", "Tri Lestari")


def seed() -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from catalog.models import Availability, Category, Product, ProductPhoto, Variant
    from members.roles import Role
    from members.services import member_create
    from tests.e2e import shop_data

    call_command("migrate", verbosity=0)
    rnd = random.Random(2026)
    with transaction.atomic():
        shop_data.shop_settings()
        categories = [
            Category.objects.create(name=name, slug=slug, position=index)
            for index, (name, slug) in enumerate(shop_data.CATEGORIES)
        ]
        knitters = []
        for index, full_name in enumerate(KNITTERS):
            member = member_create(
                username=f"pengrajin{index}",
                password=None,
                full_name=full_name,
                role=Role.MEMBER,
                village="Kalikajar",
            )
            member.show_name_in_shop = True
            member.save(update_fields=["show_name_in_shop"])
            knitters.append(member)
        products = []
        for index in range(PRODUCTS):
            category = categories[index % len(categories)]
            kinds = shop_data.KINDS[category.slug]
            kind = kinds[index // len(categories) % len(kinds)]
            colour = shop_data.COLOURS[index % len(shop_data.COLOURS)]
            low, high = shop_data.PRICES[category.slug]
            preorder = index % 10 == 3
            products.append(
                Product(
                    name=f"{kind} {colour} {index + 1}",
                    slug=f"{kind}-{colour}-{index + 1}".lower().replace(" ", "-"),
                    sku=f"HR-{index + 1:04d}",
                    category=category,
                    status="published",
                    description=shop_data.DESCRIPTION,
                    price=rnd.randrange(low // 5_000, high // 5_000 + 1) * 5_000,
                    material_cost=low // 3,
                    availability=Availability.PREORDER if preorder else "ready",
                    lead_time_days=14 if preorder else None,
                    materials="Benang katun susu",
                    dimensions="25 × 18 × 8 cm",
                    weight_grams=rnd.randrange(40, 400),
                    colours=colour,
                    care_instructions="Cuci dengan tangan, jangan diperas.",
                    featured=index % (PRODUCTS // FEATURED) == 0,
                    variation1_name="Warna" if index % 5 == 0 else "",
                )
            )
        products = Product.objects.bulk_create(products)
        variants = []
        for index, product in enumerate(products):
            sold_out = index % 12 == 5 or product.availability == "preorder"
            palette = shop_data.COLOURS
            colours = (
                [palette[(index + k) % len(palette)] for k in (0, 1, 2)]
                if product.variation1_name
                else [""]
            )
            for position, option in enumerate(colours):
                variants.append(
                    Variant(
                        product=product,
                        sku=f"{product.sku}-{position + 1}",
                        option1=option,
                        position=position,
                        stock=0 if sold_out or position == 2 else rnd.randrange(1, 12),
                    )
                )
        Variant.objects.bulk_create(variants)
        Product.makers.through.objects.bulk_create(
            Product.makers.through(product=product, member=knitters[index % 3])
            for index, product in enumerate(products)
        )
        # The product page measured: three colours, three photos.
        showcase = products[0]
        originals = []
        for index in range(DISTINCT_PHOTOS):
            size = PHOTO_SIZES[index % len(PHOTO_SIZES)]
            originals.append(
                shop_data.add_knit_photo(
                    products[index],
                    index,
                    size=size,
                    alt_text=f"{products[index].name}, tampak depan",
                )
            )
        for index in (1, 2):
            shop_data.add_knit_photo(
                showcase, 100 + index, size=(1600, 1200), alt_text="Tampak samping"
            )
        ProductPhoto.objects.bulk_create(
            ProductPhoto(
                product=product,
                position=0,
                alt_text=f"{product.name}, tampak depan",
                original=originals[index % DISTINCT_PHOTOS].original.name,
                width=originals[index % DISTINCT_PHOTOS].width,
                height=originals[index % DISTINCT_PHOTOS].height,
                renditions=originals[index % DISTINCT_PHOTOS].renditions,
            )
            for index, product in enumerate(products)
            if index >= DISTINCT_PHOTOS
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    largest = max(categories, key=lambda c: c.products.count())
    return {
        "home": "/",
        "listing": "/produk/",
        "category": f"/kategori/{largest.slug}/",
        "product": f"/produk/{showcase.slug}/",
    }


def queries(paths: dict[str, str]) -> dict[str, int]:
    """The queries each page runs when rendered afresh, with an empty cache."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, path in paths.items():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        counts[name] = len(captured)
    return counts


if __name__ == "__main__":
    if sys.argv[1:] == ["seed"]:
        print(json.dumps(seed()))
    elif len(sys.argv) == 3 and sys.argv[1] == "queries":
        print(json.dumps(queries(json.loads(sys.argv[2]))))
    else:
        raise SystemExit(__doc__)
