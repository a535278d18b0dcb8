"""A second tap while a form is on its way sends nothing; the tapped value is kept."""

import time

import pytest
from django.urls import reverse

from catalog.models import Variant
from members.roles import Role
from production import services as production_services
from production.models import HandInStatus
from sales import services as sales_services
from sales.models import EntryStatus, Sale
from tests.catalog.factories import ProductFactory
from tests.e2e.conftest import log_in
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db(transaction=True)


def posts_to(phone, path: str) -> list:
    sent = []
    phone.on(
        "request",
        lambda request: (
            sent.append(request)
            if request.method == "POST" and request.url.endswith(path)
            else None
        ),
    )
    return sent


def slow_down(monkeypatch, module, name: str, seconds: float = 1.5) -> None:
    """The live server takes its time, as on a village connection."""
    real = getattr(module, name)

    def slow(*args, **kwargs):
        time.sleep(seconds)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, slow)


def tap_twice(phone, selector: str) -> None:
    """Two taps 300 ms apart, the second while the first is still on its way."""
    with phone.expect_navigation():
        phone.eval_on_selector(
            selector,
            "button => { button.click(); setTimeout(() => button.click(), 300); }",
        )
    phone.wait_for_load_state()


def test_a_second_tap_on_a_grade_sends_nothing(phone, role_groups, monkeypatch):
    product = ProductFactory(name="Tas Rajut Mawar", stock=2)
    set_rate(product, 15_000)
    hand_in = make_hand_in(product=product, quantity=3)
    MemberFactory(role=Role.ADMIN, username="pengurus")
    log_in(phone, "pengurus")
    phone.goto(reverse("production:review"))
    accept = reverse("production:review-accept", args=[hand_in.pk])
    sent = posts_to(phone, accept)
    slow_down(monkeypatch, production_services, "hand_in_accept")

    tap_twice(phone, f"#hand-in-{hand_in.pk} button[value=B]")

    assert len(sent) == 1
    assert "grade=B" in sent[0].post_data
    hand_in.refresh_from_db()
    assert (hand_in.status, hand_in.grade) == (HandInStatus.ACCEPTED, "B")
    assert Variant.objects.get(product=product).stock == 5


def test_a_second_tap_on_save_and_post_sends_nothing(phone, role_groups, monkeypatch):
    bag = ProductFactory(name="Tas Rajut Selempang", price=185_000, stock=4)
    MemberFactory(role=Role.ADMIN, username="pengurus")
    log_in(phone, "pengurus")
    phone.goto(reverse("sales:sale-create"))
    phone.locator('input[name="channel"][value="whatsapp"] + label').click()
    phone.locator('input[name="lines-0-product"]').fill("selempang")
    phone.locator("[data-pick]").first.click()
    phone.fill('input[name="lines-0-quantity"]', "2")
    sent = posts_to(phone, reverse("sales:sale-create"))
    slow_down(monkeypatch, sales_services, "sale_record")

    tap_twice(phone, 'button[name="action"][value="post"]')

    assert len(sent) == 1
    assert "action=post" in sent[0].post_data
    sale = Sale.objects.get()
    assert sale.status == EntryStatus.POSTED
    assert Variant.objects.get(product=bag).stock == 2
