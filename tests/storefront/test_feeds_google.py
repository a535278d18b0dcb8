"""The Google Merchant Center feed: RSS 2.0 with the g: namespace, an item a variant."""

from datetime import UTC, date, datetime
from xml.etree import ElementTree as ET

import pytest
from django.utils import timezone

from catalog.models import Availability
from storefront.feeds import common, spec
from tests.catalog.factories import add_variant
from tests.storefront.test_feeds_helpers import (
    COLOURS,
    SIZE,
    assert_valid,
    in_two_colours,
    published,
)

pytestmark = pytest.mark.django_db

GOOGLE_URL = "/feed/google.xml"
G = f"{{{spec.GOOGLE_NAMESPACE}}}"


def google_items(client) -> list[dict]:
    response = client.get(GOOGLE_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = []
    for item in root.find("channel").findall("item"):
        row: dict = {"additional_image_link": []}
        for element in item:
            assert element.tag.startswith(G), element.tag
            name = element.tag[len(G) :]
            if name == "additional_image_link":
                row[name].append(element.text)
            else:
                assert name not in row, f"{name} twice"
                row[name] = element.text
        items.append(row)
    return items


def by_id(items):
    return {item["id"]: item for item in items}


def test_the_feed_declares_the_g_namespace(client):
    published()
    content = client.get(GOOGLE_URL).content
    assert content.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert b'xmlns:g="http://base.google.com/ns/1.0"' in content


def test_every_google_item_is_valid(client):
    published(name="Tas Rajut Merah")
    published(name="Dompet Habis", stock=0)
    published(
        name="Topi Pesanan",
        stock=0,
        availability=Availability.PREORDER,
        lead_time_days=7,
    )
    several = published(
        name=("Syal " + "hangat " * 20).strip(),
        variation1_name="Warna",
        description="<p>Syal&nbsp;<i>lembut</i></p>" + "kata " * 2000,
        photos=((800, 800),) * 12,
    )
    several.variants.update(option1="Merah")
    add_variant(several, option1="Biru", stock=1)
    items = google_items(client)
    assert len(items) == 5
    for item in items:
        assert_valid(item, spec.GOOGLE)
        assert item["identifier_exists"] == "no"
        assert item["condition"] == "new"
        assert item["brand"] == "Hira Rajut"


def test_availability_follows_stock(client):
    ready = published(stock=2)
    sold_out = published(stock=0)
    items = by_id(google_items(client))
    assert items[ready.sku]["availability"] == "in_stock"
    assert items[sold_out.sku]["availability"] == "out_of_stock"
    assert "availability_date" not in items[ready.sku]


def test_preorder_is_ready_today_in_jakarta_plus_the_lead_time(client, monkeypatch):
    # 18:30 in London is already the next day in Jakarta (UTC+7).
    moment = datetime(2026, 5, 19, 18, 30, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    product = published(availability=Availability.PREORDER, lead_time_days=14, stock=0)
    item = by_id(google_items(client))[product.sku]
    assert item["availability"] == "preorder"
    assert item["availability_date"] == "2026-06-03T00:00+07:00"
    assert len(item["availability_date"]) <= 25


def test_ready_on_adds_the_lead_time_to_the_day():
    product = type("P", (), {"lead_time_days": 21})()
    assert common.iso_8601(common.ready_on(product, date(2026, 12, 20))) == (
        "2027-01-10T00:00+07:00"
    )


def test_variants_share_the_product_sku_as_group_with_colour_and_size(client):
    product = published(
        name="Sepatu Rajut", variation1_name="Warna", variation2_name="Ukuran"
    )
    product.variants.update(option1="Merah", option2="38")
    other = add_variant(product, option1="Krem", option2="39", stock=1)
    items = by_id(google_items(client))
    item = items[other.sku]
    assert item["item_group_id"] == product.sku
    assert item["color"] == "Krem"
    assert item["size"] == "39"
    assert item["material"] == "Benang katun susu"
    assert item["title"] == "Sepatu Rajut – Krem / 39"
    assert item["link"].endswith(f"?varian={other.pk}")
    assert items[product.sku]["title"] == "Sepatu Rajut – Merah / 38"


def test_a_variant_photo_comes_first_for_that_variant(client):
    from tests.catalog.factories import add_photo

    product = published(variation1_name="Warna")
    product.variants.update(option1="Merah")
    blue = add_variant(product, option1="Biru", stock=1)
    photo = add_photo(product, width=900, height=900)
    photo.variant = blue
    photo.save()
    items = by_id(google_items(client))
    assert items[blue.sku]["image_link"] != items[product.sku]["image_link"]
    assert items[product.sku]["additional_image_link"] == [
        items[blue.sku]["image_link"]
    ]


def test_only_photos_of_at_least_500_px_are_sent(client):
    mixed = published(name="Campur", photos=((400, 400), (800, 800), (600, 450)))
    small = published(name="Kecil", photos=((499, 800),))
    items = by_id(google_items(client))
    assert small.sku not in items
    item = items[mixed.sku]
    large = mixed.photos.get(position=1)
    assert item["image_link"].endswith(common.share_image(large)["name"])
    assert item["additional_image_link"] == []


def test_at_most_ten_more_photos(client):
    product = published(photos=((600, 600),) * 13)
    item = by_id(google_items(client))[product.sku]
    assert len(item["additional_image_link"]) == 10


def test_special_characters_are_escaped_not_concatenated(client):
    product = published(
        name='Tas & Dompet <Mini> "Mawar"',
        description="Harga < Rp 200.000 & gratis ongkir ]]> \x01\x1f",
    )
    item = by_id(google_items(client))[product.sku]
    # <Mini> reads as a tag, and no tag goes to Google.
    assert item["title"] == 'Tas & Dompet "Mawar"'
    assert "]]>" in item["description"]
    assert "\x01" not in item["description"]
    content = client.get(GOOGLE_URL).content
    assert b"Tas &amp; Dompet" in content


def test_long_texts_are_cut_to_googles_limits(client):
    product = in_two_colours(description="kata " * 2000)
    item = by_id(google_items(client))[product.sku]
    assert len(item["title"]) <= 150
    name, cut_mark, colour = item["title"].partition("…")
    assert cut_mark and name.rstrip().endswith("rajutan")
    assert colour == f" – {COLOURS[0]} / {SIZE}"
    assert len(item["description"]) <= 5000
    assert item["description"].endswith("…")
