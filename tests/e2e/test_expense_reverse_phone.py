"""An admin cancels an expense on its own page, after one confirmation, on a phone."""

import pytest
from django.urls import reverse
from django.utils import timezone

from members.roles import Role
from sales.models import Expense
from sales.services import expense_record
from tests.e2e.conftest import log_in, screenshot
from tests.e2e.test_wages_phone import SIZES, fits, small_tap_targets
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_admin_reverses_an_expense_after_confirming_on_a_small_phone(
    phone, role_groups, width, height
):
    phone.set_viewport_size({"width": width, "height": height})
    admin = MemberFactory(role=Role.ADMIN, username="pengurus")
    expense = expense_record(
        date=timezone.localdate(),
        category="packaging",
        amount=40_000,
        note="Kantong kertas",
        recorded_by=admin.user,
    )
    log_in(phone, admin.user.username)

    phone.goto(reverse("sales:expense-list"))
    fits(phone, width)
    assert phone.locator("main .btn-outline-danger").count() == 0
    screenshot(phone, f"expense-list-{width}")
    phone.locator(f"#expense-{expense.pk} a.stretched-link").click()
    phone.wait_for_url(f"**{reverse('sales:expense-detail', args=[expense.pk])}")
    fits(phone, width)
    assert small_tap_targets(phone) == []

    phone.locator("[data-action=reverse-open]").click()
    question = phone.locator("[data-confirm]")
    assert question.is_visible()
    assert "Rp 40.000" in question.inner_text()
    phone.locator("input[name=reason]").fill("Salah ketik")
    fits(phone, width)
    assert small_tap_targets(phone) == []
    screenshot(phone, f"expense-confirm-{width}")
    assert Expense.objects.count() == 1

    phone.locator("[data-action=reverse]").click()
    phone.locator(".alert-secondary").wait_for()
    reversal = Expense.objects.get(reverses=expense)
    assert reversal.amount == -40_000
    assert reversal.number in phone.locator(".alert-secondary").inner_text()
    fits(phone, width)
    screenshot(phone, f"expense-reversed-{width}")
