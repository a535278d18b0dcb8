"""The Meta catalog CSV, and the plain texts and cuts every feed shares."""

import csv
import io

import pytest
from django.urls import reverse

from catalog.models import Availability, Status
from storefront.feeds import spec
from storefront.feeds.common import ELLIPSIS, cut, plain_text
from storefront.seo import share_image
from tests.catalog.factories import add_variant
from tests.storefront.test_feeds_helpers import (
    COLOURS,
    SIZE,
    assert_plain,
    assert_valid,
    in_two_colours,
    published,
)

pytestmark = pytest.mark.django_db

META_URL = "/feed/meta.csv"


def meta_rows(client) -> list[dict]:
    response = client.get(META_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def by_id(rows):
    return {row["id"]: row for row in rows}


# --- plain texts and cuts ------------------------------------------------------


def test_plain_text_drops_tags_entities_and_control_characters():
    text = plain_text(
        "<p>Tas <b>rajut</b> &amp; dompet\x00\x07 &lt;i&gt;mini&lt;/i&gt;</p>"
    )
    assert text == "Tas rajut & dompet mini"


def test_plain_text_keeps_one_blank_line_at_most():
    assert plain_text("Satu\r\n\r\n\r\n\r\nDua  \t tiga") == "Satu\n\nDua tiga"
    assert plain_text("Satu\n\nDua", one_line=True) == "Satu Dua"


def test_cut_ends_on_a_word_with_an_ellipsis():
    text = "Tas rajut selempang merah marun dengan tali kayu"
    assert cut(text, 16) == "Tas rajut" + ELLIPSIS
    assert cut(text, 20) == "Tas rajut selempang" + ELLIPSIS
    assert len(cut(text, 20)) == 20


def test_cut_leaves_short_text_alone():
    assert cut("Tas rajut", 9) == "Tas rajut"


def test_cut_of_one_long_word_still_fits():
    assert len(cut("a" * 300, 150)) == 150


# --- Meta ----------------------------------------------------------------------


def test_every_meta_row_is_valid(client):
    ready = published(name="Tas Rajut Merah")
    published(name="Dompet Habis", stock=0)
    published(
        name="Topi Pesanan",
        stock=0,
        availability=Availability.PREORDER,
        lead_time_days=14,
    )
    several = published(
        name=("Syal Rajut " + "panjang " * 17).strip(),
        variation1_name="Warna",
        variation2_name="Ukuran",
        description="<p>Syal <b>hangat</b> &amp; lembut\x0b</p>" + "kata " * 3000,
    )
    add_variant(several, option1="Biru", option2="L", stock=2)
    rows = meta_rows(client)
    assert len(rows) == 5
    for row in rows:
        assert_valid(row, spec.META)
    assert by_id(rows)[ready.sku]["price"] == "150000 IDR"


def test_meta_gives_each_variant_a_row_tied_by_the_product_sku(client):
    product = published(name="Tas Selempang", variation1_name="Warna", colours="")
    product.variants.update(option1="Merah")
    blue = add_variant(product, option1="Biru", stock=0, price_override=175000)
    rows = by_id(meta_rows(client))
    row = rows[blue.sku]
    assert row["item_group_id"] == product.sku
    assert rows[product.sku]["item_group_id"] == product.sku
    assert row["color"] == "Biru"
    assert row["title"] == "Tas Selempang – Biru"
    assert row["price"] == "175000 IDR"
    assert row["availability"] == "out of stock"
    assert row["quantity_to_sell_on_facebook"] == "0"
    assert row["link"].endswith(
        reverse("shop:product", args=[product.slug]) + f"?varian={blue.pk}"
    )
    assert row["material"] == "Benang katun susu"


def test_a_single_variant_has_no_group_and_a_plain_link(client):
    product = published()
    (row,) = meta_rows(client)
    assert row["item_group_id"] == ""
    assert row["link"] == "http://testserver" + reverse(
        "shop:product", args=[product.slug]
    )
    assert row["quantity_to_sell_on_facebook"] == "3"
    assert row["availability"] == "in stock"
    assert row["condition"] == "new"
    assert row["brand"] == "Hira Rajut"


def test_meta_preorder_row_is_preorder_without_a_quantity(client):
    published(availability=Availability.PREORDER, lead_time_days=10, stock=0)
    (row,) = meta_rows(client)
    assert row["availability"] == spec.META_PREORDER
    assert row["quantity_to_sell_on_facebook"] == ""


def test_meta_links_the_share_jpeg_and_the_other_photos(client):
    product = published(photos=((1600, 1200), (900, 900), (800, 600)))
    (row,) = meta_rows(client)
    photos = list(product.photos.order_by("position"))
    assert row["image_link"].endswith(share_image(photos[0])["name"])
    assert share_image(photos[0])["width"] == 1200
    assert row["image_link"].endswith(".jpg")
    extra = row["additional_image_link"].split(",")
    assert len(extra) == 2
    assert all(url.startswith("http://testserver/") for url in extra)


def test_meta_description_is_plain_text_on_one_line(client):
    published(description="<p>Tas &amp; dompet</p>\n\n<script>x()</script>Rajut")
    (row,) = meta_rows(client)
    assert_plain(row["description"])
    assert "\n" not in row["description"]
    assert row["description"].startswith("Tas & dompet")


def test_long_meta_title_is_cut_on_a_word(client):
    published(name=("Tas rajut besar " * 9).strip())  # 143 characters: fits 200
    in_two_colours()  # 147 characters, a colour and a size: more than 200
    titles = [row["title"] for row in meta_rows(client)]
    assert ("Tas rajut besar " * 9).strip() in titles
    cut_titles = [t for t in titles if ELLIPSIS in t]
    assert len(cut_titles) == 2
    for title in cut_titles:
        assert len(title) <= 200
        name, _, colour = title.partition(ELLIPSIS)
        assert name.rstrip().endswith("rajutan")
        # The options are kept whole: they tell the two rows apart.
        assert colour in {f" – {c} / {SIZE}" for c in COLOURS}


@pytest.mark.parametrize("status", [Status.DRAFT, Status.ARCHIVED])
def test_draft_and_archived_products_are_in_no_feed(client, status, role_groups):
    from members.roles import Role
    from tests.members.factories import MemberFactory

    hidden = published(name="Rahasia")
    hidden.status = status
    hidden.save()
    shown = published(name="Terbit")
    assert [row["id"] for row in meta_rows(client)] == [shown.sku]
    google = client.get("/feed/google.xml").content.decode()
    assert hidden.sku not in google and shown.sku in google
    client.force_login(MemberFactory(role=Role.ADMIN).user)
    from openpyxl import load_workbook

    book = load_workbook(
        io.BytesIO(client.get(reverse("shop-admin:feed-shopee")).content)
    )
    skus = {cell.value for cell in book["Template"]["I"][spec.SHOPEE_DATA_ROW - 1 :]}
    assert skus == {shown.sku}


def test_a_product_without_photo_or_description_is_left_out(client):
    published(name="Tanpa Foto", photos=())
    published(name="Tanpa Deskripsi", description="")
    kept = published(name="Lengkap")
    assert [row["id"] for row in meta_rows(client)] == [kept.sku]


def test_a_variant_priced_at_zero_is_left_out(client):
    product = published(variation1_name="Warna")
    product.variants.update(option1="Merah")
    free = add_variant(product, option1="Biru", price_override=0)
    ids = [row["id"] for row in meta_rows(client)]
    assert product.sku in ids
    assert free.sku not in ids


def test_meta_csv_is_utf8_without_byte_order_mark(client):
    published(name="Tas “Mawar” – é")
    content = client.get(META_URL).content
    assert content.startswith(b"id,title,")
    assert "Tas “Mawar” – é".encode() in content


def test_meta_feed_is_kept_until_the_catalog_changes(
    client, django_capture_on_commit_callbacks
):
    product = published(name="Tas Lama")
    first = client.get(META_URL)
    assert first["X-Shop-Cache"] == "miss"
    assert client.get(META_URL)["X-Shop-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        product.name = "Tas Baru"
        product.save()
    fresh = client.get(META_URL)
    assert fresh["X-Shop-Cache"] == "miss"
    assert b"Tas Baru" in fresh.content
