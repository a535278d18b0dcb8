"""The stock count (stok opname) sent twice books once and shows the first result."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from catalog.models import StockMovement, StockReason, Variant
from members.roles import Role
from tests.catalog.factories import ProductFactory
from tests.conftest import forms_without_token, with_token
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

ALREADY_SAVED = "This was already saved; here is the result."
NO_TOKEN = "This form has no valid one-time code, so nothing was saved."


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(MemberFactory(role=Role.ADMIN).user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def variant():
    return ProductFactory(name="Dompet Koin", stock=5).variants.get()


def count_url(variant) -> str:
    return reverse("catalog:stock-count", args=[variant.product_id])


def count_data(variant, counted, note="opname akhir bulan") -> dict:
    return {
        f"counted_{variant.pk}": counted,
        f"seen_{variant.pk}": str(variant.stock),
        "note": note,
    }


def corrections() -> int:
    return StockMovement.objects.filter(reason=StockReason.STOCK_COUNT).count()


def stock(variant) -> int:
    return Variant.objects.get(pk=variant.pk).stock


def test_a_stock_count_sent_twice_books_one_correction(admin_client, variant):
    data = with_token(count_data(variant, "3"))
    first = admin_client.post(count_url(variant), data)
    second = admin_client.post(count_url(variant), data)
    assert first.status_code == 302
    assert second.status_code == 303
    assert second["Location"] == first["Location"]
    assert [str(m) for m in get_messages(second.wsgi_request)][-1] == ALREADY_SAVED
    assert stock(variant) == 3
    assert corrections() == 1


def test_a_stock_count_refused_goes_through_once_with_the_same_token(
    admin_client, variant
):
    data = with_token(count_data(variant, "3", note=""))
    refused = admin_client.post(count_url(variant), data)
    assert refused.status_code == 400
    assert corrections() == 0
    assert forms_without_token(refused) == []

    corrected = {**data, "note": "dua rusak"}
    saved = admin_client.post(count_url(variant), corrected)
    again = admin_client.post(count_url(variant), corrected)
    assert saved.status_code == 302
    assert again["Location"] == saved["Location"]
    assert corrections() == 1


def test_a_stock_count_without_a_token_is_refused_and_books_nothing(
    admin_client, variant
):
    response = admin_client.post(count_url(variant), count_data(variant, "0"))
    assert response.status_code == 400
    assert NO_TOKEN in response.content.decode()
    assert stock(variant) == 5
    assert corrections() == 0


def test_the_stock_count_form_carries_a_token(admin_client, variant):
    response = admin_client.get(count_url(variant))
    assert response.content.decode().count('name="form_token"') == 1
    assert forms_without_token(response) == []
