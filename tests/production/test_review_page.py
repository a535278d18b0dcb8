"""The check page: the photo opens large, grades say what they mean, quick reasons."""

import io

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from members.roles import Role
from production.forms import QUICK_REASONS
from production.models import HandIn, HandInStatus
from tests.catalog.factories import ProductFactory, jpeg_bytes
from tests.conftest import forms_without_token, with_token
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(MemberFactory(role=Role.ADMIN).user)
    return client


@pytest.fixture
def product():
    product = ProductFactory(name="Tas Periksa", stock=5)
    set_rate(product, 15000)
    return product


def review_page(client) -> str:
    response = client.get(reverse("production:review"))
    assert response.status_code == 200
    return response.content.decode()


def reject(client, hand_in, data):
    return client.post(
        reverse("production:review-reject", args=[hand_in.pk]), with_token(data)
    )


def quick_text(key: str) -> str:
    """The reason as the member reads it, in the portal's language."""
    with translation.override("id"):
        return str(QUICK_REASONS[key])


def levels(response):
    return [m.level for m in get_messages(response.wsgi_request)]


def test_the_photo_links_to_its_1280_px_webp(admin_client, product):
    hand_in = make_hand_in(product=product, photo=io.BytesIO(jpeg_bytes(1600, 1200)))
    photo = HandIn.objects.get(pk=hand_in.pk).photo
    large = default_storage.url(photo.rendition("webp", 1280)["name"])
    page = review_page(admin_client)
    assert f'<a href="{large}" class="review-photo-link"' in page
    # The thumbnail itself stays the small fallback JPEG.
    small = default_storage.url(photo.rendition("jpeg")["name"])
    assert f'<img src="{small}"' in page


def test_a_small_photo_links_to_its_largest_rendition(admin_client, product):
    hand_in = make_hand_in(product=product, photo=io.BytesIO(jpeg_bytes(400, 300)))
    photo = HandIn.objects.get(pk=hand_in.pk).photo
    largest = default_storage.url(photo.rendition("webp")["name"])
    assert f'<a href="{largest}" class="review-photo-link"' in review_page(admin_client)


def test_a_hand_in_without_photo_has_no_photo_link(admin_client, product):
    make_hand_in(product=product)
    page = review_page(admin_client)
    assert "review-photo-link" not in page
    assert "<img" not in page.split('class="review-photo"')[1].split("</div>")[0]


def test_each_grade_shows_its_meaning(admin_client, product):
    make_hand_in(product=product)
    page = review_page(admin_client)
    for letter, meaning in (("A", "sangat rapi"), ("B", "baik"), ("C", "cukup")):
        assert (
            f'<span class="grade-letter">{letter}</span>'
            f'<span class="grade-meaning">{meaning}</span>'
        ) in page


def test_grades_show_their_meaning_in_english_too(admin_client, product):
    make_hand_in(product=product)
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = review_page(admin_client)
    assert '<span class="grade-meaning">very neat</span>' in page


def test_the_reason_box_is_a_textarea_with_quick_reasons(admin_client, product):
    make_hand_in(product=product)
    page = review_page(admin_client)
    assert '<textarea id="reason-' in page
    assert 'rows="3"' in page
    for key in ("loose", "size", "colour", "dirty"):
        assert f'name="quick_reason" value="{key}" formnovalidate' in page


def test_every_form_on_the_page_carries_a_token(admin_client, product):
    hand_in = make_hand_in(product=product)
    other = make_hand_in(product=product)
    reject(admin_client, other, {"reason": "Kotor"})
    response = admin_client.get(reverse("production:review"))
    assert forms_without_token(response) == []
    assert f'value="{other.pk}"' in response.content.decode()
    assert hand_in.pk != other.pk


def test_a_quick_reason_without_scripts_rejects_with_its_text(admin_client, product):
    hand_in = make_hand_in(product=product)
    response = reject(admin_client, hand_in, {"reason": "", "quick_reason": "loose"})
    assert response.status_code == 302
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.REJECTED
    assert hand_in.reject_reason == quick_text("loose")


def test_a_quick_reason_after_typing_keeps_both(admin_client, product):
    hand_in = make_hand_in(product=product)
    reject(admin_client, hand_in, {"reason": "di bagian tali", "quick_reason": "loose"})
    hand_in.refresh_from_db()
    assert hand_in.reject_reason == f"{quick_text('loose')}: di bagian tali"


def test_a_typed_reason_of_several_lines_is_kept_whole(admin_client, product):
    hand_in = make_hand_in(product=product)
    reject(admin_client, hand_in, {"reason": "Jahitan longgar.\nUkuran kecil."})
    hand_in.refresh_from_db()
    assert hand_in.reject_reason == "Jahitan longgar.\nUkuran kecil."


def test_an_unknown_quick_reason_changes_nothing(admin_client, product):
    hand_in = make_hand_in(product=product)
    response = reject(admin_client, hand_in, {"reason": "", "quick_reason": "ugly"})
    assert messages.ERROR in levels(response)
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.SUBMITTED
    assert hand_in.reject_reason == ""


def test_a_too_long_reason_changes_nothing_and_is_kept(admin_client, product):
    hand_in = make_hand_in(product=product)
    typed = "Longgar " * 80
    response = reject(admin_client, hand_in, {"reason": typed})
    assert messages.ERROR in levels(response)
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.SUBMITTED
    page = review_page(admin_client)
    assert typed.strip() in page
    # Kept once: the next visit shows an empty box again.
    assert typed.strip() not in review_page(admin_client)


def test_an_empty_reason_says_why_and_changes_nothing(admin_client, product):
    hand_in = make_hand_in(product=product)
    response = reject(admin_client, hand_in, {"reason": "  "})
    with translation.override("id"):
        expected = str(_("Write why, so the member can do better next time."))
    assert [str(m) for m in get_messages(response.wsgi_request)] == [expected]
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.SUBMITTED


@pytest.mark.parametrize("waiting", [10, 200])
def test_the_page_reads_the_same_few_rows_for_many_hand_ins(
    admin_client, product, waiting, django_assert_max_num_queries
):
    from production.services import hand_in_accept

    member = MemberFactory(role=Role.MEMBER)
    variant = product.variants.get()
    HandIn.objects.bulk_create(
        HandIn(
            member=member,
            product=product,
            variant=variant,
            quantity=1,
            made_on=timezone.localdate(),
            submitted_by=member.user,
        )
        for _ in range(waiting)
    )
    admin = MemberFactory(role=Role.ADMIN).user
    for hand_in in HandIn.objects.all()[:5]:
        hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin)
    with django_assert_max_num_queries(7):
        assert admin_client.get(reverse("production:review")).status_code == 200
