"""An admin pays a member her unpaid wages on a small phone, after one confirmation."""

import pytest
from django.urls import reverse

from members.roles import Role
from sales.models import Expense, ExpenseCategory
from tests.catalog.factories import ProductFactory
from tests.e2e.conftest import log_in, screenshot
from tests.members.factories import MemberFactory
from tests.production.factories import set_rate
from tests.sales.test_wages_cards import RATE, knitters_with_unpaid_months

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = [(360, 740), (320, 640)]


def fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def small_tap_targets(page) -> list[str]:
    """Visible buttons and button-like links under 44 px tall."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
              'main button, main .btn, main input[type=submit]')]
            .filter(el => el.offsetParent !== null)
            .filter(el => el.getBoundingClientRect().height < 44)
            .map(el => el.outerHTML.slice(0, 80))"""
    )


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_admin_pays_one_member_after_confirming_on_a_small_phone(
    phone, role_groups, width, height
):
    phone.set_viewport_size({"width": width, "height": height})
    admin = MemberFactory(role=Role.ADMIN, username="pengurus")
    product = ProductFactory(stock=0)
    set_rate(product, RATE, days_ago=800)
    first, second = knitters_with_unpaid_months(admin, product, 2)
    log_in(phone, admin.user.username)

    phone.goto(reverse("sales:wages"))
    fits(phone, width)
    assert small_tap_targets(phone) == []
    screenshot(phone, f"wages-{width}")

    card = phone.locator(f"#wage-{first.pk}")
    card.locator("[data-action=pay-open]").click()
    question = card.locator("[data-confirm]")
    assert question.is_visible()
    assert "Rp 240.000" in question.inner_text()
    assert not Expense.objects.exists()  # the first tap only asks
    fits(phone, width)
    assert small_tap_targets(phone) == []
    screenshot(phone, f"wages-confirm-{width}")

    card.locator("[data-action=pay]").click()
    phone.wait_for_load_state()
    phone.locator(f"#wage-{second.pk}").wait_for()
    assert phone.locator(f"#wage-{first.pk}").count() == 0
    wages = Expense.objects.filter(category=ExpenseCategory.MEMBER_WAGES)
    assert {e.member_id for e in wages} == {first.pk}
    assert sum(e.amount for e in wages) == 240_000
    fits(phone, width)
    assert small_tap_targets(phone) == []
    screenshot(phone, f"wages-paid-{width}")
