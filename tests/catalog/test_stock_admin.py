"""Stock in the product admin: shown, never written; new variants book an opening."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from catalog.models import Product, StockMovement, StockReason, Variant
from members.roles import Role
from sales.services import LineInput, sale_create, sale_post
from tests.catalog.factories import CategoryFactory, ProductFactory, add_variant
from tests.catalog.test_admin import add_form, change_form
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def t(message: str) -> str:
    """A message as the (Indonesian) page shows it."""
    with translation.override("id"):
        return gettext(message)


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN, username="pengurus").user


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def change_url(product) -> str:
    return reverse("admin:catalog_product_change", args=[product.pk])


def sell(variant, quantity, admin):
    sale = sale_create(
        date=timezone.localdate(),
        channel="whatsapp",
        lines=[LineInput(variant_id=variant.pk, quantity=quantity)],
        recorded_by=admin,
    )
    return sale_post(sale=sale, posted_by=admin)


def test_a_stale_product_form_saved_after_a_sale_keeps_the_stock(admin_client, admin):
    product = ProductFactory(name="Tas Typo", stock=20)
    variant = product.variants.get()
    # The admin opens the product page while it has 20 pieces...
    stale = change_form(
        product,
        name="Tas Tanpa Typo",
        **{"variants-0-stock": "20", "variants-0-opening_stock": "20"},
    )
    # ...a sale takes 3, then the admin saves the old page to fix the name.
    sell(variant, 3, admin)
    response = admin_client.post(change_url(product), stale)
    assert response.status_code == 302
    assert Product.objects.get(pk=product.pk).name == "Tas Tanpa Typo"
    assert Variant.objects.get(pk=variant.pk).stock == 17
    assert list(
        StockMovement.objects.filter(variant=variant)
        .order_by("id")
        .values_list("reason", "quantity")
    ) == [(StockReason.OPENING, 20), (StockReason.SALE_POSTED, -3)]


def test_the_variant_row_shows_the_stock_without_an_input_and_links_its_card(
    admin_client,
):
    product = ProductFactory(stock=7)
    variant = product.variants.get()
    page = admin_client.get(change_url(product)).content.decode()
    assert 'name="variants-0-stock"' not in page
    assert f'href="{variant.get_stock_card_url()}"' in page
    # Booked once, on creation: the existing row's opening stock cannot be typed.
    assert 'name="variants-0-opening_stock"' in page
    assert 'name="variants-0-opening_stock" value="" ' not in page
    assert "disabled" in page.split('name="variants-0-opening_stock"')[1][:200]
    assert reverse("catalog:stock-count", args=[product.pk]) in page


def test_adding_a_product_books_its_opening_stock_up_to_the_bound_as_a_movement(
    admin_client, admin
):
    response = admin_client.post(
        reverse("admin:catalog_product_add"),
        add_form(CategoryFactory(), **{"variants-0-opening_stock": "100.000"}),
    )
    assert response.status_code == 302
    variant = Variant.objects.get(product__sku="HR-TSM01")
    assert variant.stock == 100_000
    movement = StockMovement.objects.get(variant=variant)
    assert (movement.reason, movement.quantity, movement.balance_after) == (
        StockReason.OPENING,
        100_000,
        100_000,
    )
    assert movement.created_by == admin


def test_adding_a_product_without_opening_stock_starts_at_zero_with_no_movement(
    admin_client,
):
    response = admin_client.post(
        reverse("admin:catalog_product_add"),
        add_form(CategoryFactory(), **{"variants-0-opening_stock": ""}),
    )
    assert response.status_code == 302
    variant = Variant.objects.get(product__sku="HR-TSM01")
    assert variant.stock == 0
    assert not StockMovement.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-2", lambda: "Pastikan nilai ini lebih besar dari atau sama dengan 0."),
        (
            "100.001",
            lambda: (
                t("At most %(limit_value)s; check the number.")
                % {"limit_value": "100.000"}
            ),
        ),
    ],
)
def test_an_opening_stock_out_of_bounds_is_refused(admin_client, typed, message):
    response = admin_client.post(
        reverse("admin:catalog_product_add"),
        add_form(CategoryFactory(), **{"variants-0-opening_stock": typed}),
    )
    assert response.status_code == 200
    assert message() in response.content.decode()
    assert not Product.objects.exists()
    assert not StockMovement.objects.exists()


def test_a_new_variant_on_an_existing_product_books_its_opening_stock(
    admin_client,
):
    product = ProductFactory(stock=4, variation1_name="Warna")
    first = product.variants.get()
    data = change_form(
        product,
        variation1_name="Warna",
        **{
            "variants-TOTAL_FORMS": "2",
            "variants-0-option1": "Merah",
            "variants-1-option1": "Biru",
            "variants-1-sku": "",
            "variants-1-price_override": "",
            "variants-1-opening_stock": "6",
            "variants-1-position": "1",
        },
    )
    response = admin_client.post(change_url(product), data)
    assert response.status_code == 302
    new = product.variants.get(option1="Biru")
    assert new.stock == 6
    assert Variant.objects.get(pk=first.pk).stock == 4
    assert list(
        StockMovement.objects.filter(variant=new).values_list("reason", "quantity")
    ) == [(StockReason.OPENING, 6)]


def test_the_change_page_queries_do_not_grow_with_variants(admin_client):
    counts = []
    for variants in (2, 12):
        product = ProductFactory(stock=1, variation1_name="Warna")
        for index in range(variants - 1):
            add_variant(product, option1=f"Warna {index}", stock=index)
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(change_url(product))
        assert response.status_code == 200
        assert response.content.decode().count("/kartu-stok/") >= variants
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_movements_are_listed_read_only_in_the_admin(admin_client):
    ProductFactory(name="Tas Daftar", stock=3)
    movement = StockMovement.objects.get()
    page = admin_client.get(reverse("admin:catalog_stockmovement_changelist"))
    assert page.status_code == 200
    assert "Tas Daftar" in page.content.decode()
    assert (
        admin_client.get(reverse("admin:catalog_stockmovement_add")).status_code == 403
    )
    response = admin_client.post(
        reverse("admin:catalog_stockmovement_change", args=[movement.pk]),
        {"quantity": "99", "note": "x"},
    )
    assert response.status_code == 403
    assert StockMovement.objects.get().quantity == 3


def test_a_sale_between_reading_and_saving_the_variant_rows_keeps_its_stock(admin):
    from django.contrib import admin as django_admin
    from django.test import RequestFactory

    product = ProductFactory(stock=20)
    variant = product.variants.get()
    request = RequestFactory().post(change_url(product))
    request.user = admin
    inline = django_admin.site._registry[Product].get_inline_instances(
        request, product
    )[0]
    formset_class = inline.get_formset(request, product)
    data = {
        key: value
        for key, value in change_form(product, **{"variants-0-position": "1"}).items()
        if key.startswith("variants-")
    }
    formset = formset_class(data, instance=product, prefix="variants")
    assert formset.is_valid(), formset.errors  # the rows are read here, 20 pieces
    sell(variant, 3, admin)
    formset.save()
    assert Variant.objects.get(pk=variant.pk).stock == 17
    assert Variant.objects.get(pk=variant.pk).position == 1
