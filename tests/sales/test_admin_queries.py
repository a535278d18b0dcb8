"""The sale's admin page runs the same queries however many lines and payments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from members.roles import Role
from sales.services import payment_record
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory
from tests.sales.factories import record_sale

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN)


def sale_with(lines: int, *, user):
    """A posted sale of ``lines`` products, a payment per line, a few paid later."""
    products = [ProductFactory(stock=5, price=20000) for _ in range(lines)]
    sale = record_sale(
        user=user,
        day=timezone.localdate(),
        channel="whatsapp",
        lines=[(product, 1) for product in products],
        customer_name="Bu Ani",
        due_date=timezone.localdate(),
    )
    for _ in range(lines):
        payment_record(
            sale=sale, amount=1000, date=timezone.localdate(), recorded_by=user
        )
    return sale


def change_url(sale) -> str:
    return reverse("admin:sales_sale_change", args=[sale.pk])


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin.user)
    # A first page fills the per-process caches (content types) once.
    assert client.get(change_url(sale_with(1, user=admin.user))).status_code == 200
    return client


def test_sale_change_page_queries_do_not_grow_with_lines(
    admin_client, admin, django_assert_num_queries
):
    few, many = sale_with(3, user=admin.user), sale_with(30, user=admin.user)
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get(change_url(few)).status_code == 200
    with django_assert_num_queries(len(queries)):
        response = admin_client.get(change_url(many))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('form-row field-variant"') == 30
    assert page.count('form-row field-recorded_by"') == 30
