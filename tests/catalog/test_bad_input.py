"""Prices and counts beyond sensible bounds are refused, the same on every database.

SQLite stores 10^12 in a PositiveIntegerField that PostgreSQL refuses with an
error page; the bounds here are the portal's own, so both answer alike.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from catalog.models import Product, StockMovement, StockReason, Variant
from catalog.stock import MAX_STOCK
from core.money import MAX_PRICE
from members.roles import Role
from tests.catalog.factories import CategoryFactory, ProductFactory
from tests.conftest import with_token
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

SKU = "HR-TSM01"


def t(message: str, **params) -> str:
    """A message as the (Indonesian) page shows it."""
    with translation.override("id"):
        return gettext(message) % params if params else gettext(message)


TOO_MANY_RUPIAH = "At most %(limit_value)s; check the number of zeros."


@pytest.fixture
def admin_client(client):
    client.force_login(MemberFactory(role=Role.ADMIN).user)
    return client


def product_form(category, **overrides) -> dict:
    data = {
        "name": "Tas Selempang Mawar",
        "slug": "tas-selempang-mawar",
        "sku": SKU,
        "category": category.pk,
        "status": "draft",
        "description": "Tas selempang rajutan tangan.",
        "price": "150.000",
        "material_cost": "40.000",
        "availability": "ready",
        "lead_time_days": "",
        "low_stock_threshold": "2",
        "materials": "",
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
        "variants-0-opening_stock": "",
        "variants-0-position": "0",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "0",
    }
    data.update(overrides)
    return data


def add_product(client, **overrides):
    return client.post(
        reverse("admin:catalog_product_add"),
        product_form(CategoryFactory(), **overrides),
    )


def admin_errors(response) -> dict:
    """Errors of the product form and its variant rows, as (code, message)."""
    errors = {}
    forms = [response.context["adminform"].form]
    for formset in response.context["inline_admin_formsets"]:
        forms += formset.formset.forms
    for form in forms:
        for field, items in form.errors.as_data().items():
            errors[field] = [(error.code, error.messages[0]) for error in items]
    return errors


def assert_not_saved(response):
    assert response.status_code == 200
    assert 'value="Tas Selempang Mawar"' in response.content.decode()
    assert not Product.objects.filter(sku=SKU).exists()
    assert not Variant.objects.filter(sku__startswith=SKU).exists()


def test_prices_at_the_bound_typed_with_dots_are_saved(admin_client):
    response = add_product(
        admin_client,
        price="Rp 100.000.000",
        material_cost="100.000.000",
        **{"variants-0-price_override": "100.000.000"},
    )
    assert response.status_code == 302
    product = Product.objects.get(sku=SKU)
    assert (product.price, product.material_cost) == (MAX_PRICE, MAX_PRICE)
    assert product.variants.get().price_override == MAX_PRICE


@pytest.mark.parametrize(
    "field", ["price", "material_cost", "variants-0-price_override"]
)
def test_a_price_one_past_the_bound_is_refused(admin_client, field):
    response = add_product(admin_client, **{field: "100.000.001"})
    assert_not_saved(response)
    name = field.removeprefix("variants-0-")
    assert admin_errors(response)[name] == [
        ("max_value", t(TOO_MANY_RUPIAH, limit_value="Rp 100.000.000"))
    ]


def test_a_price_of_a_trillion_is_refused_not_an_error_page(admin_client):
    response = add_product(admin_client, price="1000000000000")
    assert_not_saved(response)
    assert admin_errors(response)["price"][0][0] == "max_value"


def test_the_model_itself_refuses_a_price_past_the_bound():
    product = ProductFactory()
    product.price = MAX_PRICE
    product.full_clean()
    product.price = MAX_PRICE + 1
    with pytest.raises(ValidationError) as caught:
        product.full_clean()
    assert [error.code for error in caught.value.error_dict["price"]] == ["max_value"]


# Stock count --------------------------------------------------------------------


def count(client, variant, counted):
    return client.post(
        reverse("catalog:stock-count", args=[variant.product_id]),
        with_token(
            {
                f"counted_{variant.pk}": counted,
                f"seen_{variant.pk}": str(variant.stock),
                "note": "opname akhir tahun",
            }
        ),
    )


@pytest.fixture
def variant():
    return ProductFactory(stock=5).variants.get()


def test_a_count_at_the_bound_typed_with_dots_is_booked(admin_client, variant):
    response = count(admin_client, variant, "100.000")
    assert response.status_code == 302
    assert Variant.objects.get(pk=variant.pk).stock == MAX_STOCK
    movement = StockMovement.objects.get(reason=StockReason.STOCK_COUNT)
    assert movement.quantity == MAX_STOCK - 5


def test_a_count_one_past_the_bound_is_refused(admin_client, variant):
    response = count(admin_client, variant, "100.001")
    assert response.status_code == 400
    errors = response.context["form"].errors.as_data()[f"counted_{variant.pk}"]
    assert [(error.code, error.messages[0]) for error in errors] == [
        (
            "max_value",
            t("At most %(limit_value)s; check the number.", limit_value="100.000"),
        )
    ]
    assert Variant.objects.get(pk=variant.pk).stock == 5
    assert not StockMovement.objects.filter(reason=StockReason.STOCK_COUNT).exists()
