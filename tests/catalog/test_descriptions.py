"""Channel texts: safe {placeholder} templates, channel limits, the detail page."""

from html import escape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from catalog import descriptions
from catalog.descriptions import (
    PLACEHOLDERS,
    channel_warnings,
    check_template,
    product_channel_texts,
    render_template,
)
from catalog.models import Availability, DescriptionTemplate, ListingChannel
from members.roles import Role
from tests.catalog.factories import CategoryFactory, ProductFactory
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    pengurus = MemberFactory(role=Role.ADMIN, username="pengurus")
    client.force_login(pengurus.user)
    return client


@pytest.fixture
def product():
    return ProductFactory(
        name="Tas Selempang Mawar",
        sku="HR-TSM01",
        category=CategoryFactory(name="Tas", slug="tas"),
        price=150000,
        description="Tas selempang rajutan tangan.",
        materials="Benang katun susu",
        dimensions="25 × 18 × 8 cm",
        colours="Merah marun",
        weight_grams=250,
        care_instructions="Cuci dengan tangan.",
        hashtags="#rajut #tasrajut",
        shopee_url="https://shopee.co.id/tas-selempang-mawar",
    )


def codes(error: ValidationError) -> list[str]:
    return [e.code for e in error.error_list]


# --- Rendering ------------------------------------------------------------------


def test_every_placeholder_renders_the_product_value(product):
    product.makers.set(
        [MemberFactory(full_name="Siti Aminah"), MemberFactory(full_name="Dewi Sari")]
    )
    template = " | ".join("{" + name + "}" for name in PLACEHOLDERS)

    values = render_template(template, product).split(" | ")
    rendered = dict(zip(PLACEHOLDERS, values, strict=True))

    assert rendered == {
        "nama": "Tas Selempang Mawar",
        "harga": "Rp 150.000",
        "deskripsi": "Tas selempang rajutan tangan.",
        "bahan": "Benang katun susu",
        "ukuran": "25 × 18 × 8 cm",
        "warna": "Merah marun",
        "berat": "250 g",
        "perawatan": "Cuci dengan tangan.",
        "lama_po": "",
        "pembuat": "Dewi Sari, Siti Aminah",
        "tagar": "#rajut #tasrajut",
        "kategori": "Tas",
        "sku": "HR-TSM01",
        "tautan_shopee": "https://shopee.co.id/tas-selempang-mawar",
    }


def test_lead_time_of_a_preorder_is_written_in_indonesian_days(product):
    product.availability = Availability.PREORDER
    product.lead_time_days = 14
    with translation.override("id"):
        assert render_template("PO {lama_po}", product) == "PO 14 hari"


def test_lead_time_of_a_preorder_is_its_number_of_days(product):
    product.availability = Availability.PREORDER
    product.lead_time_days = 14
    with translation.override("en"):
        assert render_template("PO {lama_po}", product) == "PO 14 days"


def test_lead_time_of_ready_stock_is_empty_even_with_days_filled(product):
    product.lead_time_days = 14
    with translation.override("id"):
        assert render_template("[{lama_po}]", product) == "[]"


def test_double_braces_write_literal_braces(product):
    assert render_template("{{nama}} {{{nama}}} }}", product) == (
        "{nama} {Tas Selempang Mawar} }"
    )


def test_values_are_not_read_as_placeholders_again(product):
    product.name = "Tas {harga} }"
    assert render_template("{nama}", product) == "Tas {harga} }"


def test_empty_placeholders_leave_at_most_one_blank_line(product):
    product.materials = ""
    product.dimensions = ""
    assert render_template("{nama}\n\n{bahan}\n\n{ukuran}\n\nSelesai", product) == (
        "Tas Selempang Mawar\n\nSelesai"
    )


# --- Refused templates ----------------------------------------------------------


def test_unknown_placeholder_is_named_with_the_allowed_ones(product):
    with translation.override("id"), pytest.raises(ValidationError) as caught:
        render_template("{nama} dalam {warna_x}", product)
    assert codes(caught.value) == ["unknown_placeholder"]
    [message] = caught.value.messages
    assert message.startswith("Penanda {warna_x} tidak dikenal. Yang boleh: ")
    assert "{nama}" in message
    assert "{harga}" in message
    assert "{tautan_shopee}" in message


def test_several_unknown_placeholders_are_all_named_once():
    with pytest.raises(ValidationError) as caught:
        check_template("{a} {b} {a}")
    [message] = caught.value.messages
    assert "{a}, {b}" in message
    assert message.count("{a}") == 1


@pytest.mark.parametrize(
    "text",
    [
        "{nama.__class__}",
        "{nama.__class__.__mro__}",
        "{nama[0]}",
        "{harga!r}",
        "{harga:>20}",
        "{__import__}",
        "{0}",
        "{}",
        "{ nama }",
        "{NAMA}",
    ],
)
def test_attribute_index_and_format_tricks_are_refused_unevaluated(
    product, monkeypatch, text
):
    read = []

    def spy(name):
        return lambda p: read.append(name) or name

    monkeypatch.setattr(
        descriptions,
        "PLACEHOLDERS",
        {name: (label, spy(name)) for name, (label, _) in PLACEHOLDERS.items()},
    )
    with pytest.raises(ValidationError) as caught:
        render_template("{nama} " + text, product)
    assert codes(caught.value) == ["unknown_placeholder"]
    assert text in caught.value.messages[0]
    assert read == []


@pytest.mark.parametrize("text", ["{nama", "nama}", "Harga {harga", "{nama}}"])
def test_unclosed_brace_is_refused(product, text):
    with translation.override("id"), pytest.raises(ValidationError) as caught:
        render_template(text, product)
    assert codes(caught.value) == ["unbalanced_brace"]
    assert caught.value.messages == [
        "Ada { atau } yang tidak ditutup. Tulis {{ atau }} untuk kurung kurawal biasa."
    ]


def test_unknown_and_unclosed_are_both_reported():
    with pytest.raises(ValidationError) as caught:
        check_template("{warna_x} {nama")
    assert codes(caught.value) == ["unknown_placeholder", "unbalanced_brace"]


def test_template_with_unknown_placeholder_fails_validation_on_its_body():
    template = DescriptionTemplate(
        channel=ListingChannel.WHATSAPP, body="{nama} {warna_x}"
    )
    with pytest.raises(ValidationError) as caught:
        template.full_clean()
    assert set(caught.value.message_dict) == {"body"}
    assert "{warna_x}" in caught.value.message_dict["body"][0]


def test_template_with_unknown_placeholder_in_title_fails_on_its_title():
    template = DescriptionTemplate(
        channel=ListingChannel.SHOPEE, title="{nama} {judul}", body="{deskripsi}"
    )
    with pytest.raises(ValidationError) as caught:
        template.full_clean()
    assert set(caught.value.message_dict) == {"title"}


def test_valid_template_passes_validation():
    DescriptionTemplate(
        channel=ListingChannel.WHATSAPP,
        title="{nama} – Rajutan Tangan",
        body="{nama}\n{harga}\n{{promo}}\n{tagar}",
    ).full_clean()


# --- Channel limits -------------------------------------------------------------


def hashtags(count: int) -> str:
    return " ".join(f"#rajut{i}" for i in range(count))


def test_instagram_caption_over_2200_characters_warns():
    assert channel_warnings(ListingChannel.INSTAGRAM, "", "a" * 2200) == []
    [warning] = channel_warnings(ListingChannel.INSTAGRAM, "", "a" * 2201)
    assert "2200" in warning
    assert "2201" in warning


def test_instagram_caption_counts_the_title_too():
    # "Judul" + blank line + body: 5 + 2 + 2194 = 2201 characters.
    assert channel_warnings(ListingChannel.INSTAGRAM, "Judul", "a" * 2193) == []
    assert len(channel_warnings(ListingChannel.INSTAGRAM, "Judul", "a" * 2194)) == 1


def test_instagram_caption_with_31_hashtags_warns_and_30_does_not():
    assert channel_warnings(ListingChannel.INSTAGRAM, "", hashtags(30)) == []
    [warning] = channel_warnings(ListingChannel.INSTAGRAM, "", hashtags(31))
    assert "30" in warning
    assert "31" in warning


def test_shopee_title_over_100_characters_warns_and_100_does_not():
    assert channel_warnings(ListingChannel.SHOPEE, "a" * 100, "isi") == []
    [warning] = channel_warnings(ListingChannel.SHOPEE, "a" * 101, "isi")
    assert "100" in warning
    assert "101" in warning


def test_shopee_description_over_3000_characters_warns():
    assert channel_warnings(ListingChannel.SHOPEE, "Tas", "a" * 3000) == []
    [warning] = channel_warnings(ListingChannel.SHOPEE, "Tas", "a" * 3001)
    assert "3000" in warning
    assert "3001" in warning


def test_whatsapp_never_warns():
    assert channel_warnings(ListingChannel.WHATSAPP, "a" * 500, "a" * 10000) == []
    assert channel_warnings(ListingChannel.WHATSAPP, "", hashtags(100)) == []


def test_channel_warnings_are_translated_to_indonesian():
    with translation.override("en"):
        english = channel_warnings(ListingChannel.INSTAGRAM, "", "a" * 2201)
    with translation.override("id"):
        indonesian = channel_warnings(ListingChannel.INSTAGRAM, "", "a" * 2201)
    assert indonesian != english


# --- Texts of a product ---------------------------------------------------------


def test_product_gets_one_text_per_description_template(product):
    DescriptionTemplate.objects.create(
        channel=ListingChannel.SHOPEE, title="{nama} – Rajutan", body="{deskripsi}"
    )
    DescriptionTemplate.objects.create(
        channel=ListingChannel.WHATSAPP, body="{nama} {harga}"
    )
    DescriptionTemplate.objects.create(channel=ListingChannel.INSTAGRAM, body="{tagar}")

    texts = {text.channel: text for text in product_channel_texts(product)}

    assert set(texts) == {
        ListingChannel.SHOPEE,
        ListingChannel.WHATSAPP,
        ListingChannel.INSTAGRAM,
    }
    assert texts[ListingChannel.SHOPEE].title == "Tas Selempang Mawar – Rajutan"
    assert texts[ListingChannel.SHOPEE].body == "Tas selempang rajutan tangan."
    assert texts[ListingChannel.WHATSAPP].body == "Tas Selempang Mawar Rp 150.000"
    assert texts[ListingChannel.INSTAGRAM].body == "#rajut #tasrajut"
    assert all(text.warnings == [] for text in texts.values())


def test_product_without_templates_has_no_texts(product):
    assert product_channel_texts(product) == []


# --- Product detail page --------------------------------------------------------


def detail_url(product) -> str:
    return reverse("catalog:product-detail", args=[product.pk])


def test_detail_page_shows_each_channel_text_with_a_copy_button(admin_client, product):
    for channel in ListingChannel:
        DescriptionTemplate.objects.create(
            channel=channel, body=f"{channel.value}: {{nama}} {{harga}}"
        )

    response = admin_client.get(detail_url(product))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("data-copy=") == len(ListingChannel)
    for channel in ListingChannel:
        assert f'data-copy="#channel-{channel.value}"' in page
        assert f'id="channel-{channel.value}"' in page
        assert f"{channel.value}: Tas Selempang Mawar Rp 150.000" in page
    assert "alert-warning" not in page


def test_detail_page_warns_when_the_instagram_caption_is_too_long(
    admin_client, product
):
    product.description = "Rajutan tangan. " * 150
    product.save()
    DescriptionTemplate.objects.create(
        channel=ListingChannel.INSTAGRAM, body="{deskripsi}"
    )
    DescriptionTemplate.objects.create(
        channel=ListingChannel.WHATSAPP, body="{deskripsi}"
    )
    [instagram] = [
        t
        for t in product_channel_texts(product)
        if t.channel == ListingChannel.INSTAGRAM
    ]

    response = admin_client.get(detail_url(product))

    page = response.content.decode()
    assert response.status_code == 200
    [warning] = instagram.warnings
    assert escape(warning) in page
    assert page.count('class="alert alert-warning') == 1


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_members_and_trainers_may_not_open_the_detail_page(client, product, role):
    DescriptionTemplate.objects.create(channel=ListingChannel.WHATSAPP, body="{harga}")
    client.force_login(MemberFactory(role=role).user)
    response = client.get(detail_url(product))
    assert response.status_code == 403
    assert "Rp 150.000" not in response.content.decode()


def test_anonymous_visitor_of_the_detail_page_is_sent_to_login(client, product):
    url = detail_url(product)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('members:login')}?next={url}"
