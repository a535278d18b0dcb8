"""Admins making a sale of the same order request at the same moment (PostgreSQL)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from members.roles import Role
from sales.models import Sale, SaleLine
from storefront.models import OrderRequest, OrderStatus
from storefront.orders.services import order_request_convert, order_request_create
from tests.members.factories import MemberFactory

from .shop import published

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ADMINS = 6


def test_admins_converting_one_request_at_once_make_one_sale(role_groups):
    admins = [MemberFactory(role=Role.ADMIN).user for _ in range(ADMINS)]
    variant = published(stock=2).variants.get()
    order = order_request_create(
        variant=variant, name="Siti", whatsapp="6281234567890", quantity=1
    )
    start = threading.Barrier(ADMINS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def convert(user):
        try:
            start.wait(timeout=20)
            # Each admin read the request as pending before tapping.
            order_request_convert(order=OrderRequest.objects.get(pk=order.pk), by=user)
            result = "sale"
        except ValidationError as error:
            result = error.code
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=convert, args=(user,)) for user in admins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert outcomes.count("sale") == 1
    assert outcomes.count("already_handled") == ADMINS - 1
    assert Sale.objects.count() == 1
    assert SaleLine.objects.count() == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.CONVERTED
    assert order.sale == Sale.objects.get()
