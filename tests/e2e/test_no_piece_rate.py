"""On a phone, a hand-in with no piece rate says so and leads to where it is set."""

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from members.roles import Role
from production.models import HandIn, HandInStatus
from tests.catalog.factories import ProductFactory
from tests.e2e.conftest import log_in, screenshot
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in

pytestmark = pytest.mark.django_db(transaction=True)


def fits_the_phone(phone) -> bool:
    return phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_accepting_without_a_rate_says_so_and_links_to_the_rate(phone, role_groups):
    # The flush of a live-server test removed what production grants the admins.
    create_permissions(apps.get_app_config("production"), verbosity=0)
    Group.objects.get(name="Pengurus").permissions.add(
        *Permission.objects.filter(
            content_type__app_label="production",
            codename__in=["add_piecerate", "view_piecerate"],
        )
    )
    product = ProductFactory(name="Tas Rajut Tanpa Upah Yang Namanya Panjang")
    hand_in = make_hand_in(product=product, quantity=2)
    admin = MemberFactory(role=Role.ADMIN, username="pengurus")
    log_in(phone, admin.user.username)

    phone.goto(reverse("production:review"))
    card = phone.locator(f"#hand-in-{hand_in.pk}")
    notice = card.locator("[data-no-rate]")
    assert notice.is_visible()
    assert fits_the_phone(phone)
    assert notice.locator("a").bounding_box()["height"] >= 44

    with phone.expect_navigation():
        card.locator('button[name="grade"][value="A"]').click()
    alert = phone.locator(".messages .alert-danger")
    assert product.name in alert.inner_text()
    assert fits_the_phone(phone)
    screenshot(phone, "review-no-piece-rate")
    assert HandIn.objects.get().status == HandInStatus.SUBMITTED

    with phone.expect_navigation():
        alert.locator("a").click()
    assert phone.url.endswith(
        reverse("admin:production_piecerate_add") + f"?product={product.pk}"
    )
    assert phone.locator("select[name=product]").input_value() == str(product.pk)
