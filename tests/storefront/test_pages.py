"""The shop's public pages: what a customer sees, in both languages."""

import json
import re

import pytest
from django.urls import reverse

from catalog.models import Status
from members.models import Member
from storefront.models import ShopSettings

from .shop import CO_OP_NUMBER, preorder, published, shop_settings, two_colours

pytestmark = pytest.mark.django_db


def test_the_home_page_is_the_shop_for_anyone(client):
    shop_settings(tagline="Rajutan tangan ibu-ibu Kalikajar sejak 2011.")
    published(name="Tas Rajut Mawar", featured=True)
    published(name="Dompet Koin")
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Rajutan tangan ibu-ibu Kalikajar sejak 2011." in page
    assert "Tas Rajut Mawar" in page and "Dompet Koin" in page
    assert 'lang="id"' in page
    assert "Rp 150.000" in page


def test_drafts_and_archived_products_are_not_in_the_shop(client):
    published(name="Tas Terbit")
    draft = published(name="Tas Draf")
    draft.status = Status.DRAFT
    draft.save()
    archived = published(name="Tas Arsip")
    archived.status = Status.ARCHIVED
    archived.save()
    for path in ("/", "/produk/", reverse("shop:category", args=[draft.category.slug])):
        page = client.get(path).content.decode()
        assert "Tas Terbit" in page or path != "/produk/"
        assert "Tas Draf" not in page and "Tas Arsip" not in page
    assert client.get(reverse("shop:product", args=[draft.slug])).status_code == 404
    assert client.get(reverse("shop:product", args=[archived.slug])).status_code == 404


def test_the_portal_moved_to_portal_and_login_stays(client):
    assert client.get("/portal/").status_code == 302
    assert client.get("/masuk/").status_code == 200


def test_english_pages_live_under_en_and_link_back(client):
    product = published(name="Tas Rajut Mawar")
    response = client.get(f"/en/produk/{product.slug}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'lang="en"' in page
    assert "Materials" in page
    # The switch is a plain link to the same page in Indonesian: no form, no token.
    assert f'href="/produk/{product.slug}/" hreflang="id"' in page
    assert "csrfmiddlewaretoken" not in page
    indonesian = client.get(f"/produk/{product.slug}/").content.decode()
    assert "Bahan" in indonesian
    assert f'href="/en/produk/{product.slug}/" hreflang="en"' in indonesian


def test_an_english_cookie_does_not_change_the_indonesian_shop(client):
    """The address decides, so a kept page is the same for every visitor."""
    published(name="Tas Rajut Mawar")
    client.cookies["django_language"] = "en"
    page = client.get("/produk/").content.decode()
    assert 'lang="id"' in page and "Semua produk" in page


def test_the_portal_still_follows_the_language_switch(client, django_user_model):
    user = django_user_model.objects.create_user("pengurus", password="x-12345678")
    client.force_login(user)
    client.cookies["django_language"] = "en"
    page = client.get("/portal/profil/").content.decode()
    assert 'lang="en"' in page


def test_product_page_shows_price_availability_details_and_consenting_makers(client):
    product = published(
        name="Tas Rajut Mawar",
        materials="Benang katun susu",
        dimensions="25 × 18 × 8 cm",
        care_instructions="Cuci dengan tangan.",
        stock=2,
    )
    makers = []
    for full_name, agreed in (("Sri Wahyuni", True), ("Tini Lestari", False)):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create_user(full_name.split()[0].lower())
        makers.append(
            Member.objects.create(
                user=user, full_name=full_name, show_name_in_shop=agreed
            )
        )
    product.makers.set(makers)
    page = client.get(reverse("shop:product", args=[product.slug])).content.decode()
    assert "Rp 150.000" in page
    assert "Stok siap: 2 buah" in page
    assert "Benang katun susu" in page and "25 × 18 × 8 cm" in page
    assert "Cuci dengan tangan." in page
    assert "Sri" in page
    assert "Wahyuni" not in page  # first name only
    assert "Tini" not in page  # she did not agree


def test_pre_order_shows_its_lead_time_and_sold_out_says_so(client):
    po = preorder(name="Ransel Mini")
    page = client.get(reverse("shop:product", args=[po.slug])).content.decode()
    assert "Pre-order · 14 hari" in page
    assert "Formulir pre-order" in page
    gone = published(name="Syal Habis", stock=0)
    page = client.get(reverse("shop:product", args=[gone.slug])).content.decode()
    assert "Habis" in page
    assert "wa.me/" + CO_OP_NUMBER not in page  # nothing to order right away


def test_variants_are_links_and_the_chosen_one_drives_the_order_buttons(client):
    shop_settings()
    product = two_colours(name="Tas Rajut Mawar")
    blue = product.variants.get(option1="Biru")
    url = reverse("shop:product", args=[product.slug])
    page = client.get(url).content.decode()
    assert f'href="?varian={blue.pk}"' in page
    assert "Rp 150.000" in page
    page = client.get(url, {"varian": blue.pk}).content.decode()
    assert "Rp 175.000" in page
    assert reverse("shop:order", args=[blue.pk]) in page
    # An unknown or mistyped variant shows the first one, not an error.
    assert client.get(url, {"varian": "abc"}).status_code == 200
    assert client.get(url, {"varian": "999999"}).status_code == 200


def test_shopee_button_only_with_a_shopee_link(client):
    with_link = published(shopee_url="https://shopee.co.id/product/1/2")
    without = published()
    page = client.get(reverse("shop:product", args=[with_link.slug])).content.decode()
    assert "https://shopee.co.id/product/1/2" in page and "Beli di Shopee" in page
    page = client.get(reverse("shop:product", args=[without.slug])).content.decode()
    assert "Beli di Shopee" not in page


def test_listing_search_filters_and_pagination(client):
    published(name="Tas Merah", price=100000)
    published(name="Dompet Hijau", price=40000, materials="Benang wol")
    preorder(name="Ransel Biru", price=250000)
    published(name="Topi Habis", price=60000, stock=0)

    def names(**query):
        page = client.get("/produk/", query).content.decode()
        return {
            n
            for n in ("Tas Merah", "Dompet Hijau", "Ransel Biru", "Topi Habis")
            if n in page
        }

    assert names() == {"Tas Merah", "Dompet Hijau", "Ransel Biru", "Topi Habis"}
    assert names(q="wol") == {"Dompet Hijau"}
    assert names(q="tas") == {"Tas Merah"}
    assert names(stok="ready") == {"Tas Merah", "Dompet Hijau"}
    assert names(stok="preorder") == {"Ransel Biru"}
    assert names(harga_min="50.000", harga_max="Rp 150.000") == {
        "Tas Merah",
        "Topi Habis",
    }


def test_listing_pages_of_24(client):
    for index in range(30):
        published(name=f"Gantungan {index:02d}", photo=False)
    first = client.get("/produk/").content.decode()
    assert "30 produk" in first and "Halaman 1 dari 2" in first
    second = client.get("/produk/", {"page": 2}).content.decode()
    assert len(re.findall(r'class="card"', second)) == 6


@pytest.mark.parametrize(
    "query, message",
    [
        ({"harga_min": "murah"}, "Isi Rupiah bulat"),
        ({"harga_min": "100000", "harga_max": "50000"}, "di bawah harga terendah"),
    ],
)
def test_a_filter_typed_wrong_is_explained_and_left_out(client, query, message):
    published(name="Tas Merah")
    page = client.get("/produk/", query).content.decode()
    assert message in page
    assert "Tas Merah" in page  # the rest still shows
    assert 'value="' + query["harga_min"] + '"' in page  # what was typed is kept


def test_unknown_category_and_product_get_the_shop_404(client):
    response = client.get("/kategori/tidak-ada/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Halaman tidak ditemukan" in page and "shop.css" in page
    assert client.get("/produk/tidak-ada/").status_code == 404


def test_about_and_contact_use_the_shop_settings(client):
    shop_settings(
        about_text="Kami kelompok perajin.",
        instagram_url="https://www.instagram.com/hirarajut/",
        address="Desa Kalikajar",
    )
    assert "Kami kelompok perajin." in client.get("/tentang/").content.decode()
    page = client.get("/kontak/").content.decode()
    assert "https://www.instagram.com/hirarajut/" in page
    assert "Desa Kalikajar" in page
    assert "+62 812-2500-1122" in page


def test_json_ld_parses_with_price_currency_and_availability(client):
    ready = published(name="Tas Rajut Mawar", price=185000)
    po = preorder(name="Ransel")
    gone = published(name="Syal", stock=0)
    expected = {
        ready.slug: ("185000", "https://schema.org/InStock"),
        po.slug: ("150000", "https://schema.org/PreOrder"),
        gone.slug: ("150000", "https://schema.org/OutOfStock"),
    }
    for slug, (price, availability) in expected.items():
        page = client.get(reverse("shop:product", args=[slug])).content.decode()
        block = re.search(
            r'<script type="application/ld\+json">(.*?)</script>', page, re.S
        ).group(1)
        data = json.loads(block)
        assert data["@type"] == "Product"
        assert data["offers"]["price"] == price
        assert data["offers"]["priceCurrency"] == "IDR"
        assert data["offers"]["availability"] == availability
        assert data["image"] and data["image"][0].startswith("http://testserver/")


def test_json_ld_cannot_be_broken_out_of(client):
    product = published(name="Tas </script><script>alert(1)</script>")
    page = client.get(reverse("shop:product", args=[product.slug])).content.decode()
    # Escaped in the HTML, and inside JSON-LD "</" cannot close the script early.
    assert "</script><script>alert(1)" not in page
    block = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.S
    ).group(1)
    assert json.loads(block)["name"] == product.name


def test_open_graph_canonical_and_hreflang(client, settings):
    settings.SITE_URL = "https://hirarajut.id"
    product = published(name="Tas Rajut Mawar")
    page = client.get(reverse("shop:product", args=[product.slug])).content.decode()
    canonical = f"https://hirarajut.id/produk/{product.slug}/"
    assert f'<link rel="canonical" href="{canonical}">' in page
    assert f'<meta property="og:url" content="{canonical}">' in page
    image = re.search(r'<meta property="og:image" content="([^"]+)">', page).group(1)
    assert image.startswith("https://hirarajut.id/media/") and image.endswith(".jpg")
    photo = product.photos.get()
    assert photo.rendition("share")["width"] == 800  # the test photo is 800 px
    assert 'name="twitter:card" content="summary_large_image"' in page
    assert (
        f'hreflang="en" href="https://hirarajut.id/en/produk/{product.slug}/"' in page
    )
    assert 'hreflang="x-default"' in page


def test_a_big_photo_gets_a_1200_px_jpeg_for_sharing():
    from tests.catalog.factories import add_photo

    product = published(photo=False)
    photo = add_photo(product, width=2400, height=1800)
    share = photo.rendition("share")
    assert (share["width"], share["height"]) == (1200, 900)
    # Lists still take the small JPEG.
    assert [r["width"] for r in photo.renditions if r["kind"] == "jpeg"] == [640]


def test_filtered_listings_are_not_indexed(client):
    published()
    assert 'content="noindex' not in client.get("/produk/").content.decode()
    assert 'content="noindex' in client.get("/produk/?q=tas").content.decode()


def test_robots_and_sitemap(client, settings):
    settings.SITE_URL = "https://hirarajut.id"
    product = published(name="Tas Rajut Mawar")
    draft = published(name="Tas Draf")
    draft.status = Status.DRAFT
    draft.save()
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /portal/" in robots and "Disallow: /admin/" in robots
    assert "Sitemap: https://hirarajut.id/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/produk/{product.slug}/</loc>" in sitemap
    assert f"/en/produk/{product.slug}/" in sitemap
    assert draft.slug not in sitemap
    assert "<loc>https://" in sitemap


def test_shop_pages_post_nothing(client):
    published()
    assert client.post("/").status_code == 405


def test_shop_settings_are_one_row_edited_in_the_admin(admin_client):
    changelist = reverse("admin:storefront_shopsettings_changelist")
    response = admin_client.get(changelist)
    assert response["Location"] == reverse("admin:storefront_shopsettings_add")
    assert "whatsapp" in admin_client.get(response["Location"]).content.decode()
    response = admin_client.post(
        response["Location"],
        {"whatsapp": "0812-2500-1122", "tagline": "Rajutan tangan."},
    )
    assert response.status_code == 302
    assert ShopSettings.objects.get().whatsapp == CO_OP_NUMBER
    # From now on the list opens the one row; no second can be added.
    assert admin_client.get(changelist)["Location"] == reverse(
        "admin:storefront_shopsettings_change", args=[1]
    )
    assert (
        admin_client.get(reverse("admin:storefront_shopsettings_add")).status_code
        == 403
    )
    assert ShopSettings.objects.count() == 1


def test_shop_settings_refuse_a_bad_number_and_keep_the_rest(admin_client):
    shop = shop_settings()
    response = admin_client.post(
        reverse("admin:storefront_shopsettings_change", args=[shop.pk]),
        {"whatsapp": "12345", "tagline": "Baru"},
    )
    assert response.status_code == 200
    assert "Nomor Indonesia diawali 08 atau +62" in response.content.decode()
    assert ShopSettings.objects.get().tagline == ""


def test_pages_travel_compressed(client):
    for index in range(6):
        published(name=f"Tas Rajut {index}", photo=False)
    response = client.get("/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    import gzip

    assert b"Tas Rajut 5" in gzip.decompress(response.content)


def test_a_sold_out_first_variant_gives_way_to_one_in_stock(client):
    shop_settings()
    product = two_colours(name="Tas Rajut Mawar", stock=0)
    blue = product.variants.get(option1="Biru")
    from catalog.models import StockReason
    from catalog.stock import stock_add

    stock_add(variant_id=blue.pk, quantity=2, reason=StockReason.OPENING)
    page = client.get(reverse("shop:product", args=[product.slug])).content.decode()
    assert f'href="?varian={blue.pk}" rel="nofollow" aria-current="true"' in page
    assert "Rp 175.000" in page and "Pesan via WhatsApp" in page
