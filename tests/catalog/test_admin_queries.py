"""The product's admin page: the same queries however many photos it has."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from catalog.admin import ProductPhotoInline
from catalog.models import Product, ProductPhoto, Variant
from members.roles import Role
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def product_with(photos: int):
    product = ProductFactory(stock=4, variation1_name="Warna")
    variants = [product.variants.get()]
    variants[0].option1 = "Merah"
    variants[0].save()
    for colour in ("Biru", "Hijau"):
        variants.append(
            Variant.objects.create(
                product=product, option1=colour, sku=f"{product.sku}-{colour}"
            )
        )
    for n in range(photos):
        name = f"catalog/{product.pk}/{n}"
        ProductPhoto.objects.create(
            product=product,
            variant=variants[n % 3] if n % 2 else None,
            position=n,
            # Every other photo without a description: named after its product.
            alt_text="" if n % 2 else f"Tas rajut, foto {n}",
            original=f"{name}.jpg",
            width=800,
            height=600,
            renditions=[
                {"kind": "webp", "width": 320, "height": 240, "name": f"{name}.webp"},
                {"kind": "jpeg", "width": 640, "height": 480, "name": f"{name}.jpg"},
            ],
        )
    return product


def change_url(product) -> str:
    return reverse("admin:catalog_product_change", args=[product.pk])


@pytest.fixture
def admin_client(client):
    client.force_login(MemberFactory(role=Role.ADMIN).user)
    # A first page fills the per-process caches (content types) once.
    assert client.get(change_url(product_with(1))).status_code == 200
    return client


def test_product_change_page_queries_do_not_grow_with_photos(
    admin_client, django_assert_num_queries
):
    few, many = product_with(3), product_with(30)
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get(change_url(few)).status_code == 200
    with django_assert_num_queries(len(queries)):
        response = admin_client.get(change_url(many))
    assert response.status_code == 200
    assert response.content.decode().count('name="photos-29-alt_text"') == 1


def photo_inline_formset(product, photo, variant):
    """The photo inline's formset as the change page builds it, bound to a POST."""
    url = change_url(product)
    request = RequestFactory().post(url)
    request.user = MemberFactory(role=Role.ADMIN).user
    request.resolver_match = resolve(url)
    inline = ProductPhotoInline(Product, admin.site)
    formset_class = inline.get_formset(request, product)
    data = {
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "1",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "photos-0-id": str(photo.pk),
        "photos-0-product": str(product.pk),
        "photos-0-alt_text": "Tas rajut biru",
        "photos-0-position": "0",
        "photos-0-variant": str(variant.pk),
    }
    return formset_class(data, instance=product, prefix="photos")


def test_photo_inline_saves_a_variant_of_its_product():
    product = product_with(1)
    photo = product.photos.get()
    blue = product.variants.get(option1="Biru")
    formset = photo_inline_formset(product, photo, blue)
    assert formset.is_valid(), formset.errors
    formset.save()
    photo.refresh_from_db()
    assert photo.variant == blue


def test_photo_inline_refuses_a_variant_of_another_product():
    product, other = product_with(1), product_with(0)
    photo = product.photos.get()
    formset = photo_inline_formset(product, photo, other.variants.first())
    assert not formset.is_valid()
    errors = formset.forms[0].errors.as_data()
    assert [error.code for error in errors["variant"]] == ["invalid_choice"]
    photo.refresh_from_db()
    assert photo.variant is None


def test_photo_inline_shows_the_chosen_variant_selected(admin_client):
    product = product_with(2)
    chosen = product.photos.get(position=1).variant
    page = admin_client.get(change_url(product)).content.decode()
    assert f'<option value="{chosen.pk}" selected>' in page
