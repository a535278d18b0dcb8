"""Shop pages kept in the shared cache, and dropped when what they show changes."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from catalog.models import StockReason
from catalog.services import (
    photo_delete,
    photo_make_main,
    photo_move,
    photo_set_alt_text,
)
from catalog.stock import stock_add, stock_take
from storefront.cache import CACHE_HEADER
from tests.catalog.factories import add_photo

from .shop import published, shop_settings

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
REQUIRE_REDIS = os.environ.get("REQUIRE_REDIS") == "1"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _get(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response[CACHE_HEADER], response.content.decode()


def test_a_second_visit_is_served_from_the_cache_without_queries(
    client, django_assert_num_queries
):
    product = published(name="Tas Rajut Mawar")
    path = reverse("shop:product", args=[product.slug])
    assert _get(client, path)[0] == "miss"
    with django_assert_num_queries(0):
        state, page = _get(client, path)
    assert state == "hit" and "Tas Rajut Mawar" in page


def test_logged_in_admins_always_see_the_page_as_it_is(admin_client):
    product = published(name="Tas Rajut Mawar")
    path = reverse("shop:product", args=[product.slug])
    assert _get(admin_client, path)[0] == "skip"
    assert _get(admin_client, path)[0] == "skip"


@pytest.mark.parametrize(
    "change, shown",
    [
        (lambda p: _rename(p, "Tas Rajut Melati"), "Tas Rajut Melati"),
        (lambda p: _reprice(p, 99000), "Rp 99.000"),
        (lambda p: _restock(p, 5), "Stok siap: 8 buah"),
        (lambda p: _sell(p, 3), "Habis"),
        (lambda p: _alt(p, "Tampak belakang tas"), "Tampak belakang tas"),
        (lambda p: shop_settings(whatsapp="6289900001111"), "6289900001111"),
    ],
    ids=[
        "name",
        "price",
        "stock-added",
        "stock-sold",
        "alt-text",
        "settings",
    ],
)
def test_every_change_the_page_shows_is_seen_at_once(client, change, shown):
    shop_settings()
    product = published(name="Tas Rajut Mawar", stock=3)
    path = reverse("shop:product", args=[product.slug])
    _get(client, path)
    assert _get(client, path)[0] == "hit"
    change(product)
    state, page = _get(client, path)
    assert state == "miss"
    assert shown in page


def test_a_change_to_one_product_also_renews_the_home_page(client):
    product = published(name="Tas Rajut Mawar")
    _get(client, "/")
    _rename(product, "Tas Rajut Melati")
    assert "Tas Rajut Melati" in _get(client, "/")[1]


def test_a_change_rolled_back_keeps_the_pages(client):
    from django.db import transaction

    product = published(name="Tas Rajut Mawar")
    path = reverse("shop:product", args=[product.slug])
    _get(client, path)
    try:
        with transaction.atomic():
            _rename(product, "Tas Batal")
            raise RuntimeError
    except RuntimeError:
        pass
    assert _get(client, path)[0] == "hit"


def _rename(product, name):
    product.name = name
    product.save()


def _reprice(product, price):
    product.price = price
    product.save()


def _restock(product, quantity):
    stock_add(
        variant_id=product.variants.get().pk,
        quantity=quantity,
        reason=StockReason.HAND_IN_ACCEPTED,
    )


def _sell(product, quantity):
    stock_take(
        variant_id=product.variants.get().pk,
        quantity=quantity,
        reason=StockReason.SALE_POSTED,
    )


def _alt(product, text):
    photo_set_alt_text(photo=product.photos.get(), alt_text=text)


def _main_photo_alt(page: str) -> str:
    import re

    return re.search(r'<figure>.*?alt="([^"]+)"', page, re.S).group(1)


@pytest.mark.parametrize(
    "move",
    [
        lambda photo: photo_make_main(photo=photo),
        lambda photo: photo_move(photo=photo, offset=-1),
    ],
    ids=["make-main", "move-up"],
)
def test_a_new_main_photo_is_seen_at_once(client, move):
    """Reordering goes through update(), which sends no post_save."""
    product = published(name="Tas Rajut Mawar")
    second = add_photo(product, alt_text="Foto kedua")
    path = reverse("shop:product", args=[product.slug])
    assert _main_photo_alt(_get(client, path)[1]) == "Tas Rajut Mawar, tampak depan"
    assert _get(client, path)[0] == "hit"
    move(second)
    state, page = _get(client, path)
    assert state == "miss" and _main_photo_alt(page) == "Foto kedua"


def test_a_deleted_photo_is_gone_at_once(client):
    product = published(name="Tas Rajut Mawar")
    second = add_photo(product, alt_text="Foto kedua")
    path = reverse("shop:product", args=[product.slug])
    assert "Foto kedua" in _get(client, path)[1]
    photo_delete(photo=second)
    state, page = _get(client, path)
    assert state == "miss" and "Foto kedua" not in page


# --- Across processes: what one worker changes, another serves -------------------

WORKER = textwrap.dedent(
    """
    import os, sys
    import django
    os.environ["DJANGO_SETTINGS_MODULE"] = "hirarajut.settings.test"
    django.setup()
    from django.conf import settings
    settings.ALLOWED_HOSTS = ["testserver"]
    from django.test import Client
    from catalog.models import Product
    client = Client()
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "get":
            response = client.get(arg)
            shown = "Melati" in response.content.decode()
            print(response["X-Shop-Cache"], shown, flush=True)
        elif command == "rename":
            product = Product.objects.get()
            product.name = arg
            product.save()
            print("renamed", flush=True)
    """
)


def _environment(tmp_path, cache_env):
    database = tmp_path / "shop.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        **cache_env,
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "hirarajut.settings.test"},
        check=True,
    )
    seed = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
        "'hirarajut.settings.test'; django.setup();"
        "from catalog.models import Status;"
        "from tests.catalog.factories import ProductFactory;"
        "p = ProductFactory(name='Tas Rajut Mawar', slug='tas-mawar', stock=2);"
        "p.status = Status.PUBLISHED; p.save()"
    )
    subprocess.run([sys.executable, "-c", seed], cwd=ROOT, env=env, check=True)
    return env


class Worker:
    def __init__(self, env):
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, line: str) -> str:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def _two_workers_see_one_change(env):
    first, second = Worker(env), Worker(env)
    try:
        path = "/produk/tas-mawar/"
        assert first.ask(f"get {path}") == "miss False"
        assert second.ask(f"get {path}") == "hit False"  # kept by the first worker
        assert second.ask("rename Tas Rajut Melati") == "renamed"
        assert first.ask(f"get {path}") == "miss True"
        assert second.ask(f"get {path}") == "hit True"
    finally:
        first.close()
        second.close()


def test_two_processes_share_the_file_cache_and_its_invalidation(tmp_path):
    env = _environment(
        tmp_path,
        {"DJANGO_CACHE_DIR": str(tmp_path / "cache"), "REDIS_URL": ""},
    )
    _two_workers_see_one_change(env)


def _redis_or_skip():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as error:  # noqa: BLE001 - any failure means no server
        reason = f"needs Redis at {REDIS_URL} ({error})"
        if REQUIRE_REDIS:
            pytest.fail(f"REQUIRE_REDIS=1 but {reason}")
        pytest.skip(reason)


@pytest.fixture
def redis_cache(settings):
    _redis_or_skip()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"hirarajut-test-{os.getpid()}",
        }
    }
    # Django drops its cache connections when CACHES changes: this is Redis now.
    cache.clear()
    yield
    cache.clear()


def test_two_processes_share_redis_and_its_invalidation(tmp_path):
    _redis_or_skip()
    env = _environment(
        tmp_path,
        {
            "REDIS_URL": REDIS_URL,
            "DJANGO_CACHE_PREFIX": f"hirarajut-test-{os.getpid()}-{tmp_path.name}",
        },
    )
    # The test settings keep a file cache; the workers take Redis from REDIS_URL.
    env["DJANGO_TEST_CACHE"] = "redis"
    _two_workers_see_one_change(env)


def test_pages_kept_in_redis_in_process(client, redis_cache):
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["default"], RedisCache)
    product = published(name="Tas Rajut Mawar")
    path = reverse("shop:product", args=[product.slug])
    assert _get(client, path)[0] == "miss"
    assert _get(client, path)[0] == "hit"
    _rename(product, "Tas Rajut Melati")
    state, page = _get(client, path)
    assert state == "miss" and "Tas Rajut Melati" in page


def test_a_kept_page_is_served_compressed_to_who_accepts_it(client):
    import gzip

    for index in range(6):
        published(name=f"Tas Rajut {index}", photo=False)
    fresh = client.get("/", headers={"accept-encoding": "gzip"})
    kept = client.get("/", headers={"accept-encoding": "gzip, deflate, br"})
    assert kept[CACHE_HEADER] == "hit" and kept["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in kept["Vary"]
    assert gzip.decompress(kept.content) == gzip.decompress(fresh.content)
    plain = client.get("/")
    assert plain[CACHE_HEADER] == "hit" and not plain.has_header("Content-Encoding")
    assert plain.content == gzip.decompress(fresh.content)
