"""The catalog in the Django admin: product list, filters, bulk actions, add form."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import (
    Availability,
    DescriptionTemplate,
    ListingChannel,
    Product,
    Status,
    Variant,
)
from members.roles import Role
from tests.catalog.factories import CategoryFactory, ProductFactory, add_photo
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:catalog_product_changelist"
NEEDS_PHOTO = (
    "Produk yang diterbitkan perlu minimal satu foto dengan keterangan foto. "
    "Tambahkan lewat “Tambah foto”."
)


@pytest.fixture
def admin_client(client):
    pengurus = MemberFactory(role=Role.ADMIN, username="pengurus")
    client.force_login(pengurus.user)
    return client


def changelist(client, **params):
    response = client.get(reverse(CHANGELIST), params)
    assert response.status_code == 200
    return response.content.decode()


def add_form(category, **overrides):
    data = {
        "name": "Tas Selempang Mawar",
        "slug": "tas-selempang-mawar",
        "sku": "HR-TSM01",
        "category": category.pk,
        "status": Status.DRAFT.value,
        "description": "Tas selempang rajutan tangan.",
        "price": "150000",
        "material_cost": "40000",
        "availability": Availability.READY.value,
        "lead_time_days": "",
        "low_stock_threshold": "2",
        "materials": "Benang katun susu",
        "dimensions": "",
        "weight_grams": "",
        "colours": "",
        "care_instructions": "",
        "hashtags": "",
        "shopee_url": "",
        "hs_code": "",
        "variation1_name": "",
        "variation2_name": "",
        "variants-TOTAL_FORMS": "1",
        "variants-INITIAL_FORMS": "0",
        "variants-MIN_NUM_FORMS": "1",
        "variants-MAX_NUM_FORMS": "1000",
        "variants-0-option1": "",
        "variants-0-option2": "",
        "variants-0-sku": "",
        "variants-0-price_override": "",
        "variants-0-opening_stock": "3",
        "variants-0-position": "0",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "0",
    }
    data.update(overrides)
    return data


def change_form(product, **overrides):
    variant = product.variants.get()
    data = add_form(
        product.category,
        name=product.name,
        slug=product.slug,
        sku=product.sku,
        status=product.status,
        description=product.description,
        price=str(product.price),
        material_cost=str(product.material_cost),
        materials=product.materials,
        dimensions=product.dimensions,
        colours=product.colours,
        care_instructions=product.care_instructions,
        **{
            "variants-INITIAL_FORMS": "1",
            "variants-0-id": str(variant.pk),
            "variants-0-product": str(product.pk),
            "variants-0-sku": variant.sku,
            "variants-0-stock": str(variant.stock),
        },
    )
    data.update(overrides)
    return data


def assert_refused(response, message):
    """The form comes back with the message and what was typed; nothing saved."""
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'value="Tas Selempang Mawar"' in page
    assert not Product.objects.filter(sku="HR-TSM01").exists()
    assert not Variant.objects.filter(sku__startswith="HR-TSM01").exists()


# --- Product list ---------------------------------------------------------------


def test_product_list_shows_price_in_rupiah_and_total_stock_of_the_variants(
    admin_client,
):
    product = ProductFactory(name="Tas Pelangi", price=150000, stock=3)
    Variant.objects.create(product=product, sku="HR-PL-B", option1="Biru", stock=4)
    page = changelist(admin_client)
    assert '<td class="field-price_display">Rp 150.000</td>' in page
    assert '<td class="field-stock_display">7</td>' in page


def test_product_list_shows_a_thumbnail_of_the_main_photo(admin_client):
    with_photo = ProductFactory(name="Tas Berfoto")
    photo = add_photo(with_photo, alt_text="Tas rajut ungu", width=64, height=48)
    ProductFactory(name="Dompet Tanpa Foto")
    page = changelist(admin_client)
    assert page.count('class="admin-thumb"') == 1
    assert 'alt="Tas rajut ungu"' in page
    assert photo.rendition("jpeg")["name"] in page


def test_product_list_query_count_does_not_grow_with_products(admin_client):
    category = CategoryFactory()
    url = reverse(CHANGELIST)
    counts = []
    for total in (10, 200):
        for _ in range(total - Product.objects.count()):
            product = ProductFactory(category=category, stock=3)
            Variant.objects.create(
                product=product, sku=f"{product.sku}-B", option1="Biru", stock=2
            )
            add_photo(product, width=64, height=48)
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url)
        assert response.status_code == 200
        # Every row shows its photo and its stock of both variants.
        page = response.content.decode()
        assert page.count('class="admin-thumb"') == min(total, 50)
        assert page.count('<td class="field-stock_display">5</td>') == min(total, 50)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_low_stock_filter_shows_ready_stock_at_or_below_its_threshold(admin_client):
    ProductFactory(name="Tas Hampir Habis", stock=1, low_stock_threshold=2)
    ProductFactory(name="Tas Banyak Stok", stock=10, low_stock_threshold=2)
    ProductFactory(
        name="Tas Pesanan",
        stock=0,
        availability=Availability.PREORDER,
        lead_time_days=14,
    )
    page = changelist(admin_client, stock="low")
    assert "Tas Hampir Habis" in page
    assert "Tas Banyak Stok" not in page
    assert "Tas Pesanan" not in page


def test_status_filter_shows_only_products_of_that_status(admin_client):
    ProductFactory(name="Tas Terbit", status=Status.PUBLISHED)
    ProductFactory(name="Tas Konsep", status=Status.DRAFT)
    page = changelist(admin_client, status__exact=Status.PUBLISHED.value)
    assert "Tas Terbit" in page
    assert "Tas Konsep" not in page


def test_category_filter_shows_only_products_of_that_category(admin_client):
    bags = CategoryFactory(name="Tas", slug="tas")
    wallets = CategoryFactory(name="Dompet", slug="dompet")
    ProductFactory(name="Tas Bunga", category=bags)
    ProductFactory(name="Dompet Koin", category=wallets)
    page = changelist(admin_client, category__id__exact=wallets.pk)
    assert "Dompet Koin" in page
    assert "Tas Bunga" not in page


def test_search_finds_a_product_by_its_sku(admin_client):
    ProductFactory(name="Tas Bunga", sku="TAS-BUNGA-01")
    ProductFactory(name="Dompet Koin", sku="DOMPET-KOIN-02")
    page = changelist(admin_client, q="DOMPET-KOIN")
    assert "Dompet Koin" in page
    assert "Tas Bunga" not in page


def test_search_finds_a_product_by_a_variant_sku_and_keeps_its_total_stock(
    admin_client,
):
    product = ProductFactory(name="Tas Warna", sku="TAS-WARNA", stock=3)
    Variant.objects.create(
        product=product, sku="TAS-WARNA-HIJAU", option1="Hijau", stock=4
    )
    ProductFactory(name="Dompet Koin", sku="DOMPET-KOIN")
    page = changelist(admin_client, q="WARNA-HIJAU")
    assert "Tas Warna" in page
    assert "Dompet Koin" not in page
    assert page.count('<td class="field-stock_display">7</td>') == 1


# --- Bulk actions ---------------------------------------------------------------


def run_action(client, action, products):
    return client.post(
        reverse(CHANGELIST),
        {
            "action": action,
            "_selected_action": [p.pk for p in products],
            "select_across": "0",
            "index": "0",
        },
        follow=True,
    )


def test_publish_action_publishes_only_products_with_a_described_photo(
    admin_client,
):
    ready = ProductFactory(name="Tas Siap")
    add_photo(ready, alt_text="Tas rajut merah", width=64, height=48)
    no_photo = ProductFactory(name="Tas Tanpa Foto")
    no_alt = ProductFactory(name="Tas Foto Polos")
    add_photo(no_alt, alt_text="", width=64, height=48)

    response = run_action(admin_client, "publish", [ready, no_photo, no_alt])

    page = response.content.decode()
    assert response.status_code == 200
    assert "1 produk diperbarui." in page
    assert (
        "Belum diterbitkan, perlu foto dengan keterangan dulu: "
        "Tas Foto Polos, Tas Tanpa Foto"
    ) in page
    statuses = dict(Product.objects.values_list("name", "status"))
    assert statuses == {
        "Tas Siap": Status.PUBLISHED,
        "Tas Tanpa Foto": Status.DRAFT,
        "Tas Foto Polos": Status.DRAFT,
    }


def test_archive_action_archives_the_selected_products(admin_client):
    published = ProductFactory(name="Tas Lama", status=Status.PUBLISHED)
    draft = ProductFactory(name="Tas Coba", status=Status.DRAFT)
    ProductFactory(name="Tas Tetap", status=Status.PUBLISHED)

    response = run_action(admin_client, "archive", [published, draft])

    assert "2 produk diperbarui." in response.content.decode()
    statuses = dict(Product.objects.values_list("name", "status"))
    assert statuses == {
        "Tas Lama": Status.ARCHIVED,
        "Tas Coba": Status.ARCHIVED,
        "Tas Tetap": Status.PUBLISHED,
    }


# --- Add and change form --------------------------------------------------------


def test_adding_a_published_product_without_photo_is_refused(admin_client):
    category = CategoryFactory()
    response = admin_client.post(
        reverse("admin:catalog_product_add"),
        add_form(category, status=Status.PUBLISHED.value),
    )
    assert_refused(response, NEEDS_PHOTO)


def test_adding_a_product_keeps_a_typed_variant_sku(admin_client):
    response = admin_client.post(
        reverse("admin:catalog_product_add"),
        add_form(CategoryFactory(), **{"variants-0-sku": "HR-TSM01-A"}),
    )
    assert response.status_code == 302
    product = Product.objects.get(sku="HR-TSM01")
    assert list(product.variants.values_list("sku", flat=True)) == ["HR-TSM01-A"]


def test_adding_a_draft_opens_its_photo_page_and_the_variant_gets_its_sku(
    admin_client,
):
    category = CategoryFactory()
    response = admin_client.post(
        reverse("admin:catalog_product_add"), add_form(category)
    )
    product = Product.objects.get(sku="HR-TSM01")
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog:product-photos", args=[product.pk])
    assert product.status == Status.DRAFT
    assert list(product.variants.values_list("sku", "stock")) == [("HR-TSM01", 3)]


@pytest.mark.parametrize("lead_time", ["", "0"])
def test_adding_a_preorder_without_lead_time_is_refused(admin_client, lead_time):
    response = admin_client.post(
        reverse("admin:catalog_product_add"),
        add_form(
            CategoryFactory(),
            availability=Availability.PREORDER.value,
            lead_time_days=lead_time,
        ),
    )
    assert_refused(response, "Produk pre-order perlu lama pengerjaan dalam hari.")


@pytest.mark.parametrize(
    ("hs_code", "message"),
    [
        ("1234", "Kode HS terdiri dari tepat 8 angka, contoh 42022900."),
        ("4202290A", "Kode HS terdiri dari tepat 8 angka, contoh 42022900."),
        ("420229001", "Pastikan nilai ini mengandung paling banyak 8 karakter"),
    ],
)
def test_adding_a_product_with_a_bad_hs_code_is_refused(admin_client, hs_code, message):
    response = admin_client.post(
        reverse("admin:catalog_product_add"),
        add_form(CategoryFactory(), hs_code=hs_code),
    )
    assert_refused(response, message)


def test_adding_a_product_with_a_negative_price_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:catalog_product_add"),
        add_form(CategoryFactory(), price="-5"),
    )
    assert_refused(response, "Harga tidak boleh negatif.")


def test_adding_option2_without_variation_type_2_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:catalog_product_add"),
        add_form(
            CategoryFactory(),
            variation1_name="Warna",
            **{
                "variants-0-option1": "Merah",
                "variants-0-option2": "M",
                "variants-0-sku": "HR-TSM01-MERAH-M",
            },
        ),
    )
    assert_refused(
        response, "Pilihan 2 perlu jenis variasi 2 pada produk (contoh Ukuran)."
    )


def test_changing_a_variant_to_option2_without_variation_type_2_is_refused(
    admin_client,
):
    product = ProductFactory(stock=3)
    url = reverse("admin:catalog_product_change", args=[product.pk])
    response = admin_client.post(
        url, change_form(product, **{"variants-0-option2": "M"})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Pilihan 2 perlu jenis variasi 2 pada produk (contoh Ukuran)." in page
    assert 'name="variants-0-option2" value="M"' in page
    assert list(product.variants.values_list("option2", flat=True)) == [""]


def test_changing_a_product_never_writes_the_variant_stock(admin_client):
    product = ProductFactory(stock=3)
    url = reverse("admin:catalog_product_change", args=[product.pk])
    response = admin_client.post(
        url,
        change_form(
            product,
            price="175000",
            **{"variants-0-stock": "9", "variants-0-opening_stock": "9"},
        ),
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.price == 175000
    # Stock changes only through sales, hand-ins and the stock count.
    assert list(product.variants.values_list("stock", flat=True)) == [3]


# --- Description templates ------------------------------------------------------


def test_admin_refuses_a_description_template_with_an_unknown_placeholder(
    admin_client,
):
    response = admin_client.post(
        reverse("admin:catalog_descriptiontemplate_add"),
        {
            "channel": ListingChannel.WHATSAPP.value,
            "title": "",
            "body": "{nama} dalam warna {warna_x}",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Penanda {warna_x} tidak dikenal." in page
    assert "{nama} dalam warna {warna_x}" in page
    assert not DescriptionTemplate.objects.exists()


# --- Access ---------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_members_and_trainers_cannot_open_the_product_list(client, role):
    client.force_login(MemberFactory(role=role).user)
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
