"""The WhatsApp order link arrives as typed: exact percent-encoding."""

import pytest
from django.urls import reverse

from storefront.links import order_message, share_links, whatsapp_link

from .shop import CO_OP_NUMBER, published, shop_settings


def test_every_special_character_is_percent_encoded_as_utf8():
    text = "Tas & Dompet #2 + 1\nHarga: Rp 150.000 🧶 ok?=/"
    assert whatsapp_link("6281225001122", text) == (
        "https://wa.me/6281225001122?text="
        "Tas%20%26%20Dompet%20%232%20%2B%201%0AHarga%3A%20Rp%20150.000%20"
        "%F0%9F%A7%B6%20ok%3F%3D%2F"
    )


def test_a_share_link_has_no_number():
    links = share_links(
        title="Tas & Topi", url="https://hirarajut.id/produk/tas/?a=1&b=2"
    )
    assert links["whatsapp"] == (
        "https://wa.me/?text=Tas%20%26%20Topi%0A"
        "https%3A%2F%2Fhirarajut.id%2Fproduk%2Ftas%2F%3Fa%3D1%26b%3D2"
    )
    assert links["facebook"] == (
        "https://www.facebook.com/sharer/sharer.php?u="
        "https%3A%2F%2Fhirarajut.id%2Fproduk%2Ftas%2F%3Fa%3D1%26b%3D2"
    )


@pytest.mark.django_db
def test_the_message_names_product_variant_sku_price_and_page():
    product = published(name="Tas & Dompet #1", variation1_name="Warna")
    variant = product.variants.get()
    variant.option1, variant.option2 = "Merah+Putih", "L"
    message = order_message(
        product=product, variant=variant, price=150000, url="https://x.id/produk/t/"
    )
    assert message == (
        "Halo Hira Rajut, saya mau pesan:\n"
        "Tas & Dompet #1 (Merah+Putih / L)\n"
        f"SKU: {variant.sku}\n"
        "Harga: Rp 150.000\n"
        "https://x.id/produk/t/"
    )


@pytest.mark.django_db
def test_the_product_page_links_to_the_co_op_with_that_message(client, settings):
    settings.SITE_URL = "https://hirarajut.id"
    shop_settings()
    product = published(name="Tas & Dompet #1 🧶")
    variant = product.variants.get()
    page = client.get(reverse("shop:product", args=[product.slug])).content.decode()
    expected = (
        f"https://wa.me/{CO_OP_NUMBER}?text=Halo%20Hira%20Rajut%2C%20saya%20mau%20pesan%3A"
        "%0ATas%20%26%20Dompet%20%231%20%F0%9F%A7%B6"
        f"%0ASKU%3A%20{variant.sku}"
        "%0AHarga%3A%20Rp%20150.000"
        f"%0Ahttps%3A%2F%2Fhirarajut.id%2Fproduk%2F{product.slug}%2F"
    )
    # In HTML the link's & stays &, because the text has none left unencoded.
    assert f'href="{expected}"' in page


@pytest.mark.django_db
def test_the_english_page_sends_an_english_message(client):
    shop_settings()
    product = published(name="Tas Mawar")
    page = client.get(f"/en/produk/{product.slug}/").content.decode()
    assert "text=Hello%20Hira%20Rajut%2C%20I%20would%20like%20to%20order%3A" in page


@pytest.mark.django_db
def test_no_number_set_means_no_whatsapp_button(client):
    product = published(name="Tas Mawar")
    page = client.get(reverse("shop:product", args=[product.slug])).content.decode()
    assert "Pesan via WhatsApp" not in page
