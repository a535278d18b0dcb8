"""The portal's heaviest pages, each against the login page rendered in the same run.

Loads 500 products with eight variants each and a photo, twenty members with a
year of accepted hand-ins (wages unpaid, a few months paid), and a year of sales
(bench/reports.py's loader) into a temporary SQLite file. Then renders, through
Django's test client in this process, the member's hand-in chooser, the admin's
new-sale form, the wages page and the admin's home (the dashboard), BENCH_PAGES_RUNS
(default 15) times each in turns after a warm-up, and the login page as the
baseline. Prints the medians' ratios and the chooser's gzipped size; what misses
a target (ratio <= 10, chooser <= 30 KB) goes to stderr.
"""

import gzip
import importlib.util
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
# The project first: bench/storefront.py must not stand in for the storefront app.
sys.path.insert(0, str(ROOT))

PRODUCTS = 500
VARIANTS_PER_PRODUCT = 8
MEMBERS = 20
SALE_LINES = 20_000
RUNS = int(os.environ.get("BENCH_PAGES_RUNS", "15"))
TARGET_RATIO = 10
TARGET_CHOOSER_KB = 30
COLOURS = ("Merah", "Biru", "Hijau", "Krem", "Hitam", "Abu", "Ungu", "Kuning")


def _renditions(index: int) -> list[dict]:
    """The names a real upload gets; the files themselves are never read here."""
    stem = f"catalog/products/bench-{index:04d}"
    sizes = [(320, 240), (640, 480), (1280, 960)]
    rows = [
        {"kind": "webp", "width": w, "height": h, "name": f"{stem}-{w}.webp"}
        for w, h in sizes
    ]
    rows.append({"kind": "jpeg", "width": 640, "height": 480, "name": f"{stem}.jpg"})
    return rows


def _bench_module(name: str):
    spec = importlib.util.spec_from_file_location(
        f"bench_{name}", BENCH_DIR / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load() -> dict:
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone

    from catalog.models import Category, Product, ProductPhoto, Variant
    from core.periods import months_back
    from members.roles import Role
    from members.services import member_create
    from production.models import HandIn, HandInStatus, PieceRate
    from sales.models import EntryStatus, Expense, ExpenseCategory

    rng = random.Random(2026)
    reports = _bench_module("reports")
    # A year of sales over products 1..50 (one variant each), user "bench".
    reports.load(SALE_LINES)
    with transaction.atomic():
        category = Category.objects.create(name="Dompet", slug="dompet", position=1)
        Product.objects.bulk_create(
            Product(
                id=index,
                name=f"Dompet Rajut {index}",
                slug=f"dompet-rajut-{index}",
                sku=f"D-{index:03d}",
                category=category,
                price=rng.randrange(20, 200) * 1_000,
                material_cost=10_000,
                status="published",
            )
            for index in range(51, PRODUCTS + 1)
        )
        products = list(Product.objects.order_by("id"))
        variants = []
        for product in products:
            first = 1 if product.id <= 50 else 0  # reports.load made one already
            variants.extend(
                Variant(
                    product=product,
                    sku=f"{product.sku}-{position}",
                    option1=COLOURS[position],
                    position=position,
                    stock=rng.randrange(0, 12),
                )
                for position in range(first, VARIANTS_PER_PRODUCT)
            )
        Variant.objects.bulk_create(variants)
        Product.objects.filter(variation1_name="").update(variation1_name="Warna")
        ProductPhoto.objects.bulk_create(
            ProductPhoto(
                product=product,
                original=f"catalog/products/bench-{product.id:04d}-original.jpg",
                width=1280,
                height=960,
                renditions=_renditions(product.id),
                alt_text=product.name,
                position=0,
            )
            for product in products
        )
        admin = member_create(
            username="pengurus", password=None, full_name="Pengurus", role=Role.ADMIN
        ).user
        members = [
            member_create(
                username=f"anggota{index}",
                password=None,
                full_name=f"Anggota {index:02d}",
                role=Role.MEMBER,
            )
            for index in range(MEMBERS)
        ]
        a_year_ago = timezone.now() - timedelta(days=365)
        PieceRate.objects.bulk_create(
            PieceRate(product=product, rate=15_000, valid_from=a_year_ago)
            for product in products
        )
        first_variant = {v.product_id: v for v in Variant.objects.filter(position=1)}
        hand_ins = []
        for member in members:
            for week in range(52):
                product = products[rng.randrange(len(products))]
                reviewed = timezone.now() - timedelta(weeks=week, hours=3)
                hand_ins.append(
                    HandIn(
                        member=member,
                        product=product,
                        variant=first_variant[product.id],
                        quantity=rng.randrange(1, 6),
                        made_on=(reviewed - timedelta(days=1)).date(),
                        status=HandInStatus.ACCEPTED,
                        grade="A",
                        piece_rate=15_000,
                        submitted_by=member.user,
                        reviewed_at=reviewed,
                        reviewed_by=admin,
                    )
                )
        HandIn.objects.bulk_create(hand_ins)
        HandIn.objects.update(submitted_at=F("reviewed_at") - timedelta(hours=2))
        # The three oldest months were paid; the rest of the year is owed.
        today = timezone.localdate()
        paid = [months_back(today, back) for back in (11, 10, 9)]
        Expense.objects.bulk_create(
            Expense(
                number=f"PG-BENCH-{index:05d}",
                date=month,
                category=ExpenseCategory.MEMBER_WAGES,
                member=member,
                wage_month=month,
                amount=300_000,
                note="Upah",
                status=EntryStatus.POSTED,
                posted_at=timezone.now(),
                created_by=admin,
                posted_by=admin,
            )
            for index, (member, month) in enumerate(
                (member, month) for member in members for month in paid
            )
        )
    return {"admin": admin, "member": members[0].user}


def median_ms(client, url: str) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    users = load()
    anonymous = Client()
    member = Client()
    member.force_login(users["member"])
    admin = Client()
    admin.force_login(users["admin"])
    pages = {
        "chooser": (member, reverse("production:submit-choose")),
        "sale_form": (admin, reverse("sales:sale-create")),
        "wages": (admin, reverse("sales:wages")),
        "dashboard": (admin, reverse("portal:home")),
    }
    login = (anonymous, reverse("members:login"))
    for client, url in [login, *pages.values()]:  # warm-up: templates, translations
        client.get(url)
        client.get(url)
    timings: dict[str, list[float]] = {name: [] for name in ["login", *pages]}
    # In turns, so that a noisy moment of the machine falls on every page alike.
    for _ in range(3):
        timings["login"].append(median_ms(*login))
        for name, (client, url) in pages.items():
            timings[name].append(median_ms(client, url))
    baseline = statistics.median(timings["login"])
    ratios = {name: statistics.median(timings[name]) / baseline for name in pages}
    chooser = member.get(
        reverse("production:submit-choose"), HTTP_ACCEPT_ENCODING="gzip"
    )
    body = chooser.content
    if chooser.get("Content-Encoding") != "gzip":
        body = gzip.compress(body)
    chooser_kb = len(body) / 1024
    print(
        f"pages: products={PRODUCTS} "
        + " ".join(f"{name}_x={ratio:.1f}" for name, ratio in ratios.items())
        + f" chooser_kb={chooser_kb:.1f} login_ms={baseline:.1f}"
    )
    missed = [
        f"{name}_x {ratio:.1f} > {TARGET_RATIO}"
        for name, ratio in ratios.items()
        if ratio > TARGET_RATIO
    ]
    if chooser_kb > TARGET_CHOOSER_KB:
        missed.append(f"chooser_kb {chooser_kb:.1f} > {TARGET_CHOOSER_KB}")
    for miss in missed:
        print(f"pages: target missed: {miss}", file=sys.stderr)
    return 0


def run() -> int:
    from django.conf import settings

    if settings.configured:
        # Run from bench/run.py after another benchmark set Django up: start
        # afresh in a process of its own.
        return subprocess.run(
            [sys.executable, str(Path(__file__).resolve())]
        ).returncode
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        os.environ["DJANGO_SETTINGS_MODULE"] = "hirarajut.settings.test"
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'pages.sqlite3'}"
        os.environ["DJANGO_CACHE_DIR"] = str(Path(tmp) / "cache")
        return main()


if __name__ == "__main__":
    sys.exit(run())
