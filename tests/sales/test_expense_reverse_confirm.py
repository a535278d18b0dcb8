"""An expense is reversed on its own page, behind a confirmation, not from the list."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from members.roles import Role
from sales.models import EntryStatus, Expense
from sales.services import expense_record
from tests.conftest import forms_without_token, with_token
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def t(message: str) -> str:
    with translation.override("id"):
        return gettext(message)


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN)


@pytest.fixture
def admin_client(admin):
    client = Client()
    client.force_login(admin.user)
    return client


@pytest.fixture
def expense(admin):
    return expense_record(
        date=timezone.localdate(),
        category="packaging",
        amount=40_000,
        note="Kantong kertas",
        recorded_by=admin.user,
    )


def reverse_url(expense) -> str:
    return reverse("sales:expense-reverse", args=[expense.pk])


def test_expense_list_has_no_reverse_button_and_links_to_the_expense(
    admin_client, expense
):
    page = admin_client.get(reverse("sales:expense-list")).content.decode()
    assert reverse_url(expense) not in page
    assert "btn-outline-danger" not in page
    assert reverse("sales:expense-detail", args=[expense.pk]) in page


def test_expense_page_asks_with_the_amount_and_a_reason_before_reversing(
    admin_client, expense
):
    response = admin_client.get(reverse("sales:expense-detail", args=[expense.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert t("Cancel this expense?") in page
    assert "Rp 40.000" in page
    assert 'name="reason"' in page
    assert reverse_url(expense) in page
    # Closed until the first tap.
    assert '<details class="confirm-box" id="reverse">' in page
    assert forms_without_token(response) == []


def test_confirming_reverses_once_and_shows_the_reversal(admin_client, expense):
    data = with_token({"reason": "Salah ketik"})
    response = admin_client.post(reverse_url(expense), data)
    assert response.url == reverse("sales:expense-detail", args=[expense.pk])
    again = admin_client.post(reverse_url(expense), data)
    reversal = Expense.objects.get(reverses=expense)
    assert reversal.amount == -40_000
    assert Expense.objects.count() == 2
    assert again.status_code == 303
    page = admin_client.get(response.url).content.decode()
    assert reversal.number in page
    assert t("Cancel this expense?") not in page


def test_reversal_without_a_reason_reopens_the_box_and_changes_nothing(
    admin_client, expense
):
    data = with_token({"reason": " "})
    response = admin_client.post(reverse_url(expense), data)
    assert response.status_code == 302
    assert Expense.objects.count() == 1
    page = admin_client.get(response.url)
    assert 'id="reverse" open' in page.content.decode()
    assert t("Write why it is reversed, e.g. “returned by the buyer”.") in [
        str(m) for m in get_messages(response.wsgi_request)
    ]
    # The same form, now with a reason, goes through.
    admin_client.post(reverse_url(expense), {**data, "reason": "Salah ketik"})
    assert Expense.objects.filter(reverses=expense).count() == 1


def test_too_long_reason_is_refused_and_the_field_stops_it_early(admin_client, expense):
    response = admin_client.post(
        reverse_url(expense), with_token({"reason": "x" * 501})
    )
    assert response.status_code == 302
    assert Expense.objects.count() == 1
    page = admin_client.get(reverse("sales:expense-detail", args=[expense.pk]))
    assert 'maxlength="500"' in page.content.decode()


def test_a_reversal_offers_no_reversal_of_its_own(admin_client, expense):
    admin_client.post(reverse_url(expense), with_token({"reason": "Salah"}))
    reversal = Expense.objects.get(reverses=expense)
    page = admin_client.get(
        reverse("sales:expense-detail", args=[reversal.pk])
    ).content.decode()
    assert reverse_url(reversal) not in page
    assert expense.number in page
    refused = admin_client.post(reverse_url(reversal), with_token({"reason": "x"}))
    assert t("A reversal cannot be reversed.") in [
        str(m) for m in get_messages(refused.wsgi_request)
    ]
    assert Expense.objects.count() == 2


def test_draft_expense_page_offers_posting_not_reversal(admin_client, admin):
    draft = expense_record(
        date=timezone.localdate(),
        category="shipping",
        amount=12_000,
        recorded_by=admin.user,
        post=False,
    )
    page = admin_client.get(
        reverse("sales:expense-detail", args=[draft.pk])
    ).content.decode()
    assert reverse("sales:expense-post", args=[draft.pk]) in page
    assert reverse_url(draft) not in page
    assert Expense.objects.get().status == EntryStatus.DRAFT


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_expense_page_is_for_admins_only(client, expense, role):
    client.force_login(MemberFactory(role=role).user)
    response = client.get(reverse("sales:expense-detail", args=[expense.pk]))
    assert response.status_code == 403


def test_unknown_expense_is_404(admin_client):
    assert (
        admin_client.get(reverse("sales:expense-detail", args=[999])).status_code == 404
    )
