"""Hand-ins, acceptances and rejections sent twice: written once, first result shown."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog.models import StockMovement, StockReason, Variant
from members.roles import Role
from production.models import HandIn, HandInStatus
from tests.catalog.factories import ProductFactory, jpeg_bytes
from tests.conftest import forms_without_token, with_token
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db

ALREADY_SAVED = "This was already saved; here is the result."
NO_TOKEN = "This form has no valid one-time code, so nothing was saved."


def english_client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def member():
    return MemberFactory(role=Role.MEMBER)


@pytest.fixture
def member_client(member):
    return english_client(member.user)


@pytest.fixture
def admin_client():
    return english_client(MemberFactory(role=Role.ADMIN).user)


@pytest.fixture
def product():
    product = ProductFactory(name="Tas Marun", stock=5)
    set_rate(product, 15000)
    return product


def hand_in_data(product, **overrides) -> dict:
    return {
        "variant": product.variants.get().pk,
        "quantity": "2",
        "made_on": timezone.localdate().isoformat(),
        "note": "",
        "photo": SimpleUploadedFile("IMG_1.jpg", jpeg_bytes(64, 48), "image/jpeg"),
        **overrides,
    }


def submit_url(product) -> str:
    return reverse("production:submit", args=[product.pk])


def stored_files(media_root) -> list:
    return [p for p in media_root.rglob("*") if p.is_file()]


# Handing in -------------------------------------------------------------------


def test_the_same_hand_in_sent_twice_makes_one_hand_in(
    member_client, product, _media_root
):
    data = with_token(hand_in_data(product))
    first = member_client.post(submit_url(product), data)
    data["photo"].seek(0)
    files = stored_files(_media_root)
    second = member_client.post(submit_url(product), data)
    hand_in = HandIn.objects.get()
    assert first.status_code == 302
    assert first["Location"] == hand_in.get_absolute_url()
    assert second.status_code == 303
    assert second["Location"] == first["Location"]
    assert ALREADY_SAVED in texts(second)
    # The second photo was not even stored.
    assert stored_files(_media_root) == files


def test_a_hand_in_refused_for_its_quantity_goes_through_once_when_corrected(
    member_client, product
):
    data = with_token(hand_in_data(product, quantity="0"))
    refused = member_client.post(submit_url(product), data)
    assert refused.status_code == 400
    assert not HandIn.objects.exists()
    # The page shown again carries a token for the corrected form.
    assert forms_without_token(refused) == []

    corrected = {**data, "quantity": "3", "photo": ""}
    saved = member_client.post(submit_url(product), corrected)
    again = member_client.post(submit_url(product), corrected)
    assert saved.status_code == 302
    assert HandIn.objects.get().quantity == 3
    assert again["Location"] == saved["Location"]


def test_a_hand_in_without_a_token_is_refused_and_saves_nothing(
    member_client, product, _media_root
):
    response = member_client.post(submit_url(product), hand_in_data(product))
    assert response.status_code == 400
    assert NO_TOKEN in response.content.decode()
    assert not HandIn.objects.exists()
    assert stored_files(_media_root) == []


def test_the_hand_in_form_carries_a_token(member_client, product):
    response = member_client.get(submit_url(product))
    assert response.content.decode().count('name="form_token"') == 1
    assert forms_without_token(response) == []


# The admin's check ------------------------------------------------------------


def accept_url(hand_in) -> str:
    return reverse("production:review-accept", args=[hand_in.pk])


def reject_url(hand_in) -> str:
    return reverse("production:review-reject", args=[hand_in.pk])


def test_an_acceptance_sent_twice_adds_the_stock_once(admin_client, product):
    hand_in = make_hand_in(product=product, quantity=3)
    data = with_token({"grade": "A"})
    first = admin_client.post(accept_url(hand_in), data)
    second = admin_client.post(accept_url(hand_in), data)
    assert first.status_code == 302
    assert second.status_code == 303
    assert second["Location"] == first["Location"]
    # Led to the first result, not told that the hand-in was checked already.
    assert texts(second)[-1] == ALREADY_SAVED
    assert Variant.objects.get(product=product).stock == 8
    movements = StockMovement.objects.filter(variant__product=product)
    assert movements.filter(reason=StockReason.HAND_IN_ACCEPTED).count() == 1
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.ACCEPTED


def test_an_acceptance_refused_for_its_grade_goes_through_with_the_same_token(
    admin_client, product
):
    hand_in = make_hand_in(product=product, quantity=3)
    token = with_token()
    refused = admin_client.post(accept_url(hand_in), {**token, "grade": "Z"})
    assert refused.status_code == 302
    assert texts(refused) == ["Choose a quality grade A, B or C."]
    assert Variant.objects.get(product=product).stock == 5

    accepted = admin_client.post(accept_url(hand_in), {**token, "grade": "B"})
    again = admin_client.post(accept_url(hand_in), {**token, "grade": "B"})
    assert accepted.status_code == 302
    assert again.status_code == 303
    assert Variant.objects.get(product=product).stock == 8
    hand_in.refresh_from_db()
    assert hand_in.grade == "B"


def test_an_acceptance_without_a_token_is_refused_and_adds_nothing(
    admin_client, product
):
    hand_in = make_hand_in(product=product, quantity=3)
    response = admin_client.post(accept_url(hand_in), {"grade": "A"})
    assert response.status_code == 400
    assert NO_TOKEN in response.content.decode()
    assert Variant.objects.get(product=product).stock == 5
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.SUBMITTED


def test_a_rejection_sent_twice_rejects_once(admin_client, product):
    hand_in = make_hand_in(product=product)
    data = with_token({"reason": "Jahitan longgar"})
    first = admin_client.post(reject_url(hand_in), data)
    second = admin_client.post(reject_url(hand_in), data)
    assert second.status_code == 303
    assert second["Location"] == first["Location"]
    assert texts(second)[-1] == ALREADY_SAVED
    hand_in.refresh_from_db()
    assert (hand_in.status, hand_in.reject_reason) == (
        HandInStatus.REJECTED,
        "Jahitan longgar",
    )


def test_a_rejection_without_a_reason_can_be_sent_again_with_the_same_token(
    admin_client, product
):
    hand_in = make_hand_in(product=product)
    token = with_token()
    refused = admin_client.post(reject_url(hand_in), {**token, "reason": ""})
    assert refused.status_code == 302
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.SUBMITTED

    admin_client.post(reject_url(hand_in), {**token, "reason": "Warna pudar"})
    hand_in.refresh_from_db()
    assert (hand_in.status, hand_in.reject_reason) == (
        HandInStatus.REJECTED,
        "Warna pudar",
    )


def test_a_rejection_without_a_token_is_refused_and_changes_nothing(
    admin_client, product
):
    hand_in = make_hand_in(product=product)
    response = admin_client.post(reject_url(hand_in), {"reason": "Longgar"})
    assert response.status_code == 400
    assert NO_TOKEN in response.content.decode()
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.SUBMITTED


def test_each_button_of_the_review_page_carries_its_own_token(admin_client, product):
    for _ in range(3):
        make_hand_in(product=product)
    page = admin_client.get(reverse("production:review"))
    tokens = page.content.decode().count('name="form_token"')
    assert tokens == 6  # accept and reject for each of the three
    assert forms_without_token(page) == []
