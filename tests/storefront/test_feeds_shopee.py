"""The Shopee mass-upload sheet: Template Dasar columns, a row a variant, admins."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from catalog.models import Availability, DescriptionTemplate, ListingChannel
from members.roles import Role
from storefront.feeds import spec
from tests.catalog.factories import add_variant
from tests.members.factories import MemberFactory
from tests.storefront.test_feeds_helpers import URL, assert_plain, published

pytestmark = pytest.mark.django_db

SHOPEE_URL = reverse("shop-admin:feed-shopee")


@pytest.fixture
def admin_client(client):
    client.force_login(MemberFactory(role=Role.ADMIN).user)
    return client


def sheet(client):
    response = client.get(SHOPEE_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert response["Content-Disposition"].startswith(
        'attachment; filename="hirarajut-shopee-'
    )
    return load_workbook(io.BytesIO(response.content))["Template"]


def data_rows(ws) -> list[dict]:
    keys = [cell.value for cell in ws[1]]
    rows = []
    for values in ws.iter_rows(min_row=spec.SHOPEE_DATA_ROW, values_only=True):
        rows.append({k: v for k, v in zip(keys, values, strict=True) if v is not None})
    return rows


def by_sku(rows):
    return {row["ps_sku_short"]: row for row in rows}


def test_the_sheet_opens_with_the_template_dasar_headers(admin_client):
    published()
    ws = sheet(admin_client)
    assert [cell.value for cell in ws[1]] == list(spec.SHOPEE_KEYS)
    assert [cell.value for cell in ws[3]] == [h for _k, h, _r in spec.SHOPEE_COLUMNS]
    assert ws["B3"].value == "Nama Produk"
    assert ws["A4"].value == "Wajib"
    assert len(data_rows(ws)) == 1


def test_every_row_fills_the_required_columns_within_limits(admin_client):
    published(name=("Tas " + "rajut " * 24).strip(), description="kata " * 1000)
    product = published(
        name="Sepatu Rajut", variation1_name="Warna", variation2_name="Ukuran"
    )
    product.variants.update(option1="Merah", option2="38")
    add_variant(product, option1="Krem", option2="39", stock=4)
    rows = data_rows(sheet(admin_client))
    assert len(rows) == 3
    required = [key for key, _header, needed in spec.SHOPEE_COLUMNS if needed]
    for row in rows:
        for key in required:
            assert row.get(key) not in (None, ""), key
        for key, rule in spec.SHOPEE.fields.items():
            value = row.get(key)
            if value is None:
                continue
            if rule.max_length:
                assert len(str(value)) <= rule.max_length, key
            if rule.allowed:
                assert value in rule.allowed, key
        assert_plain(row["ps_product_name"])
        assert_plain(row["ps_product_description"])
        assert isinstance(row["ps_price"], int)
        assert spec.SHOPEE_PRICE_MIN <= row["ps_price"] <= spec.SHOPEE_PRICE_MAX
        assert isinstance(row["ps_weight"], int) and row["ps_weight"] > 0
        assert URL.match(row["ps_item_cover_image"])
        assert row["ps_category"] == 100643


def test_variants_are_rows_tied_by_the_parent_sku(admin_client):
    product = published(
        name="Sepatu Rajut", variation1_name="Warna", variation2_name="Ukuran"
    )
    product.variants.update(option1="Merah", option2="38")
    other = add_variant(
        product, option1="Krem", option2="39", stock=4, price_override=99000
    )
    rows = by_sku(data_rows(sheet(admin_client)))
    row = rows[other.sku]
    assert row["ps_sku_parent_short"] == product.sku
    assert row["et_title_variation_integration_no"] == product.sku
    assert rows[product.sku]["et_title_variation_integration_no"] == product.sku
    assert (row["et_title_variation_1"], row["et_title_option_for_variation_1"]) == (
        "Warna",
        "Krem",
    )
    assert (row["et_title_variation_2"], row["et_title_option_for_variation_2"]) == (
        "Ukuran",
        "39",
    )
    assert row["ps_price"] == 99000
    assert row["ps_stock"] == 4
    assert row["ps_product_name"] == rows[product.sku]["ps_product_name"]


def test_a_single_variant_has_no_variation_columns(admin_client):
    product = published(stock=6)
    (row,) = data_rows(sheet(admin_client))
    assert row["ps_sku_parent_short"] == row["ps_sku_short"] == product.sku
    assert "et_title_variation_1" not in row
    assert "et_title_variation_integration_no" not in row
    assert row["ps_stock"] == 6
    assert "ps_product_pre_order_dts" not in row


def test_cover_and_at_most_eight_more_photos(admin_client):
    published(photos=((600, 600),) * 11)
    (row,) = data_rows(sheet(admin_client))
    assert URL.match(row["ps_item_cover_image"])
    assert all(URL.match(row[f"ps_item_image_{n}"]) for n in range(1, 9))
    assert "ps_item_image_9" not in spec.SHOPEE_KEYS


def test_description_comes_from_the_shopee_template(admin_client):
    DescriptionTemplate.objects.create(
        channel=ListingChannel.SHOPEE,
        title="{nama} – Rajutan Tangan",
        body="{deskripsi}\n\nBahan: {bahan}\n{tagar}",
    )
    published(name="Tas Mawar", description="<b>Tas</b> cantik.", hashtags="#rajut")
    (row,) = data_rows(sheet(admin_client))
    assert row["ps_product_name"] == "Tas Mawar – Rajutan Tangan"
    assert row["ps_product_description"] == (
        "Tas cantik.\n\nBahan: Benang katun susu\n#rajut"
    )


def test_without_a_shopee_template_the_product_description_is_used(admin_client):
    published(description="<p>Tas &amp; dompet.</p>")
    (row,) = data_rows(sheet(admin_client))
    assert row["ps_product_description"] == "Tas & dompet."


def test_preorder_rows_carry_the_days_and_some_stock(admin_client):
    published(
        name="Pesanan Lama",
        availability=Availability.PREORDER,
        lead_time_days=14,
        stock=0,
    )
    published(
        name="Pesanan Cepat",
        availability=Availability.PREORDER,
        lead_time_days=3,
        stock=0,
    )
    rows = {row["ps_product_name"]: row for row in data_rows(sheet(admin_client))}
    assert rows["Pesanan Lama"]["ps_product_pre_order_dts"] == 14
    assert (
        rows["Pesanan Cepat"]["ps_product_pre_order_dts"]
        == spec.SHOPEE_PREORDER_DAYS_MIN
    )
    assert rows["Pesanan Lama"]["ps_stock"] == spec.SHOPEE_PREORDER_STOCK


def test_products_shopee_refuses_are_left_out(admin_client):
    published(name="Tanpa Berat", weight_grams=None)
    published(name="Tanpa Kategori Shopee", shopee_category=False)
    published(
        name="Terlalu Lama",
        availability=Availability.PREORDER,
        lead_time_days=45,
        stock=0,
    )
    published(name="Tanpa Foto", photos=())
    kept = published(name="Lengkap")
    rows = data_rows(sheet(admin_client))
    assert [row["ps_sku_short"] for row in rows] == [kept.sku]


def test_a_name_that_looks_like_a_formula_stays_text(admin_client):
    published(name='=HYPERLINK("http://x")', description="+62 tas")
    response = admin_client.get(SHOPEE_URL)
    ws = load_workbook(io.BytesIO(response.content))["Template"]
    cell = ws.cell(row=spec.SHOPEE_DATA_ROW, column=2)
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK")


def test_the_sheet_is_for_admins_only(client):
    published()
    response = client.get(SHOPEE_URL)
    assert response.status_code == 302
    assert reverse("members:login") in response["Location"]
    client.force_login(MemberFactory(role=Role.MEMBER).user)
    assert client.get(SHOPEE_URL).status_code == 403
    client.force_login(MemberFactory(role=Role.TRAINER).user)
    assert client.get(SHOPEE_URL).status_code == 403
