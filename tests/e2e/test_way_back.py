"""Every portal page has a way home and back that a thumb can hit."""

import pytest

from members.roles import Role
from tests.e2e.conftest import log_in
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _height(phone, selector) -> float:
    return phone.locator(selector).first.bounding_box()["height"]


def test_the_admin_finds_home_and_back_on_a_page_deep_inside(phone, role_groups):
    admin = MemberFactory(role=Role.ADMIN, username="pengurus")
    log_in(phone, admin.user.username)
    # The home page itself needs no home button.
    assert phone.locator(".header-home").count() == 0
    phone.goto("/keuangan/penjualan/baru/")
    assert _height(phone, ".header-home") >= 44
    phone.goto("/keuangan/pengeluaran/baru/")
    back = "#content > nav.small a"
    assert phone.locator(back).count() == 1
    assert _height(phone, back) >= 44
    phone.locator(".header-home").click()
    phone.wait_for_url("**/portal/")
