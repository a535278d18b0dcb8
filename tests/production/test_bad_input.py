"""Bad input to production is refused with its message, and nothing is saved.

Hand-ins through the member's page and the service, the admin's check of a
hand-in with no piece rate, and piece rates themselves; bounds are tried at
exactly the limit and one past it.
"""

import html
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from catalog.models import StockMovement, Variant
from core.money import MAX_PRICE
from core.photos import MAX_BYTES, PhotoRejected
from members.roles import Role
from production.models import (
    MAX_QUANTITY,
    MAX_TARGET,
    HandIn,
    HandInPhoto,
    HandInStatus,
    PieceRate,
    ProductionTarget,
)
from production.rules import MAX_RATE_AHEAD
from production.selectors import earnings_by_month
from production.services import (
    hand_in_accept,
    hand_in_submit,
    piece_rate_at,
    piece_rate_set,
)
from production.views import piece_rate_add_url
from tests.catalog.factories import ProductFactory, jpeg_bytes
from tests.conftest import with_token
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db

NOTE = "Benang sisa dari Bu Sri"


def today() -> date:
    return timezone.localdate()


def t(message: str, **params) -> str:
    """A message as the (Indonesian) page shows it."""
    with translation.override("id"):
        return gettext(message) % params if params else gettext(message)


def day_text(day: date) -> str:
    with translation.override("id"):
        return date_format(day, "j F Y")


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file())


def stock_of(product) -> int:
    return Variant.objects.get(product=product).stock


def photo_of_size(size: int) -> bytes:
    """A real small JPEG padded with trailing bytes to exactly ``size`` bytes."""
    photo = jpeg_bytes(320, 240)
    return photo + bytes(size - len(photo))


@pytest.fixture
def member():
    return MemberFactory(role=Role.MEMBER)


@pytest.fixture
def member_client(client, member):
    client.force_login(member.user)
    return client


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN)


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin.user)
    return client


@pytest.fixture
def product():
    return ProductFactory(name="Tas Marun Sendiri", stock=5)


# Hand-ins through the member's page -------------------------------------------------


def submit(client, product, **overrides):
    data = {
        "variant": product.variants.get().pk,
        "quantity": "2",
        "made_on": today().isoformat(),
        "note": NOTE,
        "photo": "",
    }
    data.update(overrides)
    return client.post(
        reverse("production:submit", args=[product.pk]), with_token(data)
    )


def refused(response, media_root) -> dict:
    """The form's errors as (code, message); nothing saved, what was typed kept."""
    assert response.status_code == 400
    assert NOTE in response.content.decode()
    assert not HandIn.objects.exists()
    assert not HandInPhoto.objects.exists()
    assert stored_files(media_root) == []
    return {
        field: [(error.code, error.messages[0]) for error in errors]
        for field, errors in response.context["form"].errors.as_data().items()
    }


def test_one_thousand_pieces_typed_with_a_dot_are_handed_in(member_client, product):
    response = submit(member_client, product, quantity="1.000")
    assert response.status_code == 302
    assert HandIn.objects.get().quantity == MAX_QUANTITY


@pytest.mark.parametrize("typed", ["1.001", "1001"])
def test_one_piece_past_the_bound_is_refused_on_the_page(
    member_client, product, _media_root, typed
):
    response = submit(member_client, product, quantity=typed)
    assert refused(response, _media_root)["quantity"] == [
        (
            "quantity_too_large",
            t(
                "More than %(max)s pieces at once is too many for one member; "
                "check the number.",
                max="1.000",
            ),
        )
    ]


def test_the_quantity_field_takes_dots_on_the_numeric_keypad(member_client, product):
    page = member_client.get(reverse("production:submit", args=[product.pk]))
    quantity = next(
        tag for tag in page.content.decode().split("<input") if 'name="quantity"' in tag
    )
    # A text field: a number field would send 1.000 as one, or not at all.
    assert 'type="text"' in quantity
    assert 'inputmode="numeric"' in quantity
    assert 'data-max="1000"' in quantity


def test_a_hand_in_made_after_today_is_refused_on_the_page(
    member_client, product, _media_root
):
    day = today() + timedelta(days=1)
    response = submit(member_client, product, made_on=day.isoformat())
    assert refused(response, _media_root)["made_on"] == [
        (
            "future_date",
            t(
                "%(date)s is after today. Enter the day it happened, "
                "today at the latest.",
                date=day_text(day),
            ),
        )
    ]


def test_a_hand_in_made_before_the_founding_is_refused_on_the_page(
    member_client, product, _media_root
):
    response = submit(member_client, product, made_on="2010-12-31")
    assert refused(response, _media_root)["made_on"] == [
        (
            "before_founding",
            t(
                "%(date)s is before %(year)s, when the co-op was founded. "
                "Check the year.",
                date=day_text(date(2010, 12, 31)),
                year=2011,
            ),
        )
    ]


def test_a_photo_of_exactly_the_largest_size_is_accepted(
    member_client, product, _media_root
):
    photo = SimpleUploadedFile("IMG_0001.jpg", photo_of_size(MAX_BYTES), "image/jpeg")
    response = submit(member_client, product, photo=photo)
    assert response.status_code == 302
    assert HandIn.objects.get().photo.width == 320


def test_a_photo_one_byte_too_large_is_refused_on_the_page(
    member_client, product, _media_root
):
    photo = SimpleUploadedFile(
        "IMG_0001.jpg", photo_of_size(MAX_BYTES + 1), "image/jpeg"
    )
    response = submit(member_client, product, photo=photo)
    assert refused(response, _media_root)["photo"] == [
        (
            None,
            t(
                "The file is %(size).1f MB; photos may be at most 20 MB.",
                size=(MAX_BYTES + 1) / 1024 / 1024,
            ),
        )
    ]


# Hand-ins through the service ------------------------------------------------------


def hand_in(member, product, **options) -> HandIn:
    options.setdefault("quantity", 2)
    options.setdefault("made_on", today())
    return hand_in_submit(
        member=member,
        product=product,
        variant=product.variants.get(),
        submitted_by=member.user,
        **options,
    )


def test_the_largest_quantity_is_accepted_and_one_more_refused(member, product):
    assert hand_in(member, product, quantity=MAX_QUANTITY).quantity == MAX_QUANTITY
    with pytest.raises(ValidationError) as caught:
        hand_in(member, product, quantity=MAX_QUANTITY + 1)
    assert caught.value.error_dict["quantity"][0].code == "quantity_too_large"
    assert HandIn.objects.count() == 1


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (timedelta(days=1), "future_date"),
        (date(2099, 1, 1), "future_date"),
        (date(2010, 12, 31), "before_founding"),
    ],
)
def test_a_hand_in_dated_out_of_range_is_refused_by_the_service(
    member, product, day, code
):
    day = today() + day if isinstance(day, timedelta) else day
    with pytest.raises(ValidationError) as caught:
        hand_in(member, product, made_on=day)
    assert caught.value.error_dict["made_on"][0].code == code
    assert not HandIn.objects.exists()


def test_a_hand_in_made_on_the_founding_day_is_accepted(member, product):
    assert hand_in(member, product, made_on=date(2011, 1, 1)).made_on.year == 2011


def test_the_service_takes_a_photo_of_exactly_the_largest_size(
    member, product, _media_root
):
    upload = SimpleUploadedFile("a.jpg", photo_of_size(MAX_BYTES), "image/jpeg")
    assert hand_in(member, product, photo=upload).photo.height == 240


def test_the_service_refuses_a_photo_one_byte_too_large(member, product, _media_root):
    upload = SimpleUploadedFile("a.jpg", photo_of_size(MAX_BYTES + 1), "image/jpeg")
    with pytest.raises(PhotoRejected) as caught:
        hand_in(member, product, photo=upload)
    assert caught.value.code == "too_large"
    assert not HandIn.objects.exists()
    assert stored_files(_media_root) == []


# Accepting with no piece rate ------------------------------------------------------


def no_rate_message(product) -> str:
    return t(
        "%(product)s has no piece rate yet, so the member would earn Rp 0. "
        "Set its rate first, then accept.",
        product=product.name,
    )


def test_accepting_with_no_rate_is_refused_and_changes_nothing(admin, product):
    waiting = make_hand_in(product=product, quantity=3)
    with pytest.raises(ValidationError) as caught:
        hand_in_accept(hand_in=waiting, grade="A", reviewed_by=admin.user)
    assert caught.value.code == "no_piece_rate"
    assert caught.value.messages == [no_rate_message(product)]
    waiting.refresh_from_db()
    assert waiting.status == HandInStatus.SUBMITTED
    assert (waiting.grade, waiting.piece_rate, waiting.reviewed_by) == ("", None, None)
    assert stock_of(product) == 5
    assert not StockMovement.objects.filter(reason="hand_in").exists()


def test_accepting_with_no_rate_on_the_page_links_to_setting_it(admin_client, product):
    waiting = make_hand_in(product=product, quantity=3)
    response = admin_client.post(
        reverse("production:review-accept", args=[waiting.pk]),
        with_token({"grade": "A"}),
        follow=True,
    )
    assert response.redirect_chain == [(reverse("production:review"), 302)]
    # The message, with a link that works (not escaped into text).
    page = response.content.decode()
    link = (
        f'<a class="alert-link" href="{html.escape(piece_rate_add_url(product.pk))}">'
        f"{t('Set the piece rate')}</a>"
    )
    assert html.escape(no_rate_message(product)) in page
    assert link in page
    waiting.refresh_from_db()
    assert waiting.status == HandInStatus.SUBMITTED
    assert stock_of(product) == 5


def test_the_rate_link_opens_the_admin_with_the_product_chosen(admin_client, product):
    url = piece_rate_add_url(product.pk)
    assert url == (reverse("admin:production_piecerate_add") + f"?product={product.pk}")
    page = admin_client.get(url).content.decode()
    assert f'<option value="{product.pk}" selected>' in page


def test_the_review_page_says_which_hand_ins_have_no_rate(admin_client, product):
    rated = ProductFactory(name="Dompet Berharga")
    set_rate(rated, 10_000)
    make_hand_in(product=product)
    make_hand_in(product=rated)
    page = admin_client.get(reverse("production:review")).content.decode()
    assert page.count("data-no-rate") == 1
    assert f'href="{html.escape(piece_rate_add_url(product.pk))}"' in page
    assert html.escape(piece_rate_add_url(rated.pk)) not in page


def test_earnings_at_the_bound_add_up(admin, member, product):
    # 1.000 pieces at the highest rate: more than 32-bit integers hold.
    set_rate(product, MAX_PRICE)
    waiting = make_hand_in(member=member, product=product, quantity=MAX_QUANTITY)
    hand_in_accept(hand_in=waiting, grade="A", reviewed_by=admin.user)
    [month] = earnings_by_month(member=member)
    assert month["amount"] == MAX_QUANTITY * MAX_PRICE


# Piece rates -------------------------------------------------------------------


def test_a_rate_from_a_later_day_does_not_apply_yet(admin, product):
    set_rate(product, 20_000)
    later = timezone.now() + timedelta(days=1)
    piece_rate_set(product=product, rate=30_000, set_by=admin.user, valid_from=later)
    waiting = make_hand_in(product=product, quantity=2)
    accepted = hand_in_accept(hand_in=waiting, grade="A", reviewed_by=admin.user)
    assert accepted.piece_rate == 20_000
    # It applies from its moment on.
    assert piece_rate_at(product=product, moment=later).rate == 30_000
    assert piece_rate_at(product=product, moment=later - timedelta(seconds=1)).rate == (
        20_000
    )


def test_a_product_with_only_a_later_rate_has_no_rate_yet(admin, product):
    piece_rate_set(
        product=product,
        rate=30_000,
        set_by=admin.user,
        valid_from=timezone.now() + timedelta(days=7),
    )
    waiting = make_hand_in(product=product)
    with pytest.raises(ValidationError) as caught:
        hand_in_accept(hand_in=waiting, grade="A", reviewed_by=admin.user)
    assert caught.value.code == "no_piece_rate"


def test_a_rate_at_the_bound_is_set_and_one_past_is_refused(admin, product):
    assert piece_rate_set(product=product, rate=MAX_PRICE, set_by=None).rate == (
        MAX_PRICE
    )
    with pytest.raises(ValidationError) as caught:
        piece_rate_set(product=product, rate=MAX_PRICE + 1, set_by=None)
    assert caught.value.error_dict["rate"][0].code == "rate_too_large"
    assert caught.value.messages == [
        t(
            "A rate of more than %(max)s per piece is a typing error.",
            max="Rp 100.000.000",
        )
    ]
    assert PieceRate.objects.count() == 1


@pytest.mark.parametrize(("rate", "code"), [(-1, "negative_rate"), (None, "required")])
def test_a_rate_below_zero_or_missing_is_refused(product, rate, code):
    with pytest.raises(ValidationError) as caught:
        piece_rate_set(product=product, rate=rate, set_by=None)
    assert caught.value.error_dict["rate"][0].code == code
    assert not PieceRate.objects.exists()


def test_a_rate_may_be_set_up_to_a_year_ahead_but_not_further(product):
    now = timezone.now()
    ahead = now + MAX_RATE_AHEAD - timedelta(minutes=1)
    assert piece_rate_set(product=product, rate=1, set_by=None, valid_from=ahead)
    with pytest.raises(ValidationError) as caught:
        piece_rate_set(
            product=product,
            rate=1,
            set_by=None,
            valid_from=now + MAX_RATE_AHEAD + timedelta(minutes=1),
        )
    assert caught.value.error_dict["valid_from"][0].code == "valid_from_too_far"
    assert PieceRate.objects.count() == 1


def test_a_rate_before_the_founding_is_refused(product):
    with pytest.raises(ValidationError) as caught:
        piece_rate_set(
            product=product,
            rate=1,
            set_by=None,
            valid_from=timezone.make_aware(timezone.datetime(2010, 12, 31, 12)),
        )
    assert caught.value.error_dict["valid_from"][0].code == "before_founding"
    assert not PieceRate.objects.exists()


# Piece rates in the admin --------------------------------------------------------


def rate_form(product, rate, valid_from=None):
    moment = timezone.localtime(valid_from or timezone.now())
    return {
        "product": product.pk,
        "rate": rate,
        "valid_from_0": moment.date().isoformat(),
        "valid_from_1": moment.strftime("%H:%M:%S"),
    }


def add_rate(client, data):
    return client.post(reverse("admin:production_piecerate_add"), data)


def admin_errors(response) -> dict:
    form = response.context["adminform"].form
    return {
        field: [(error.code, error.messages[0]) for error in errors]
        for field, errors in form.errors.as_data().items()
    }


def test_the_admin_sets_a_rate_typed_with_a_dot_through_the_service(
    admin_client, admin, product
):
    response = add_rate(admin_client, rate_form(product, "12.500"))
    assert response.status_code == 302
    rate = PieceRate.objects.get()
    assert (rate.rate, rate.created_by) == (12_500, admin.user)


def test_the_admin_refuses_a_rate_past_the_bound(admin_client, product):
    response = add_rate(admin_client, rate_form(product, "100.000.001"))
    assert response.status_code == 200
    assert admin_errors(response)["rate"] == [
        (
            "rate_too_large",
            t(
                "A rate of more than %(max)s per piece is a typing error.",
                max="Rp 100.000.000",
            ),
        )
    ]
    assert not PieceRate.objects.exists()


def test_the_admin_refuses_a_rate_too_far_ahead(admin_client, product):
    response = add_rate(
        admin_client,
        rate_form(product, "10000", timezone.now() + timedelta(days=400)),
    )
    assert response.status_code == 200
    assert admin_errors(response)["valid_from"][0][0] == "valid_from_too_far"
    assert not PieceRate.objects.exists()


def test_the_model_refuses_a_rate_or_a_target_past_its_bound(product):
    PieceRate(product=product, rate=MAX_PRICE, valid_from=timezone.now()).full_clean()
    with pytest.raises(ValidationError) as caught:
        PieceRate(
            product=product, rate=MAX_PRICE + 1, valid_from=timezone.now()
        ).full_clean()
    assert caught.value.error_dict["rate"][0].code == "max_value"
    month = today().replace(day=1)
    ProductionTarget(month=month, product=product, quantity=MAX_TARGET).full_clean()
    with pytest.raises(ValidationError) as caught:
        ProductionTarget(
            month=month, product=product, quantity=MAX_TARGET + 1
        ).full_clean()
    assert caught.value.messages == [
        t("At most %(limit_value)s; check the number.", limit_value="100.000")
    ]
