"""The hand-in pages: what members hand in, who sees what, and the admin's check."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog.models import Product, Status, Variant
from members.roles import Role
from production.models import HandIn, HandInPhoto, HandInStatus, ProductionTarget
from production.services import hand_in_accept
from tests.catalog.factories import ProductFactory, add_photo, jpeg_bytes
from tests.conftest import with_token
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db

NOTE = "Benang sisa dari Bu Sri"


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file())


def photo_upload(name="IMG_0001.jpg", data=None):
    return SimpleUploadedFile(
        name, jpeg_bytes(320, 240) if data is None else data, "image/jpeg"
    )


def hand_in_data(product, **overrides):
    data = {
        "variant": product.variants.get().pk,
        "quantity": "2",
        "made_on": timezone.localdate().isoformat(),
        "note": NOTE,
        # A good photo on every post, so "no files stored" means something.
        "photo": photo_upload(),
    }
    data.update(overrides)
    return data


def submit(client, product, **overrides):
    return client.post(
        reverse("production:submit", args=[product.pk]),
        with_token(hand_in_data(product, **overrides)),
    )


def message_levels(response):
    return [message.level for message in get_messages(response.wsgi_request)]


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
def admin_client(admin):
    # A client of its own, so a test can act as member and admin in turn.
    admin_client = Client()
    admin_client.force_login(admin.user)
    return admin_client


@pytest.fixture
def product():
    return ProductFactory(name="Tas Marun Sendiri", stock=5)


def stock_of(product) -> int:
    return Variant.objects.get(product=product).stock


# Submitting -----------------------------------------------------------------


def test_member_hand_in_is_saved_for_her_and_waits_for_the_check(
    member_client, member, product
):
    response = submit(member_client, product, quantity="3", photo="")
    hand_in = HandIn.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("production:hand-in-detail", args=[hand_in.pk])
    assert hand_in.member == member
    assert hand_in.submitted_by == member.user
    assert hand_in.status == HandInStatus.SUBMITTED
    assert hand_in.variant == product.variants.get()
    assert hand_in.quantity == 3
    assert hand_in.made_on == timezone.localdate()
    assert hand_in.note == NOTE
    assert not HandInPhoto.objects.exists()


def test_hand_in_does_not_touch_stock_before_the_check(member_client, product):
    submit(member_client, product, quantity="3")
    assert stock_of(product) == 5


def test_hand_in_with_a_photo_keeps_its_renditions_and_shows_it(
    member_client, product, _media_root
):
    submit(member_client, product)
    hand_in = HandIn.objects.get()
    assert {r["kind"] for r in hand_in.photo.renditions} >= {"webp", "jpeg"}
    assert stored_files(_media_root)
    page = member_client.get(hand_in.get_absolute_url()).content.decode()
    jpeg = hand_in.photo.rendition("jpeg")
    photo_block = re.search(r'class="[^"]*handin-photo[^"]*">(.*?)</div>', page, re.S)
    assert photo_block is not None
    assert f'<img src="{default_storage.url(jpeg["name"])}"' in photo_block.group(1)


# Refused input --------------------------------------------------------------


def assert_refused(response, media_root):
    assert response.status_code == 400
    assert not HandIn.objects.exists()
    assert stored_files(media_root) == []
    # What she typed is still there to correct.
    assert NOTE in response.content.decode()


@pytest.mark.parametrize("quantity", ["0", "-3", "1001", "abc"])
def test_impossible_quantity_is_refused_and_keeps_the_form(
    member_client, product, _media_root, quantity
):
    response = submit(member_client, product, quantity=quantity)
    assert_refused(response, _media_root)
    assert response.context["form"].errors["quantity"]


def test_date_in_the_future_is_refused(member_client, product, _media_root):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = submit(member_client, product, made_on=tomorrow.isoformat())
    assert_refused(response, _media_root)
    assert response.context["form"].errors["made_on"]


def test_archived_product_cannot_be_opened_for_a_hand_in(member_client, product):
    Product.objects.filter(pk=product.pk).update(status=Status.ARCHIVED)
    response = member_client.get(reverse("production:submit", args=[product.pk]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "diarsipkan" in page
    assert 'name="quantity"' not in page


def test_archived_product_cannot_be_handed_in(member_client, product, _media_root):
    Product.objects.filter(pk=product.pk).update(status=Status.ARCHIVED)
    response = submit(member_client, product)
    assert response.status_code == 400
    assert not HandIn.objects.exists()
    assert stored_files(_media_root) == []


def test_inactive_member_cannot_hand_in(member_client, member, product, _media_root):
    member.is_active = False
    member.save()
    response = submit(member_client, product)
    assert_refused(response, _media_root)
    assert response.context["form"].non_field_errors()


def test_file_that_is_not_a_photo_is_refused(member_client, product, _media_root):
    response = submit(
        member_client,
        product,
        photo=photo_upload("catatan.jpg", b"ini bukan foto, hanya teks"),
    )
    assert_refused(response, _media_root)
    assert response.context["form"].errors["photo"]


def test_variant_of_another_product_is_refused(member_client, product, _media_root):
    other = ProductFactory(name="Dompet Lain", stock=1)
    response = submit(member_client, product, variant=other.variants.get().pk)
    assert_refused(response, _media_root)
    assert response.context["form"].errors["variant"]


def test_edited_form_cannot_hand_in_for_another_member(
    member_client, product, _media_root
):
    someone_else = MemberFactory(role=Role.MEMBER)
    response = submit(member_client, product, member=str(someone_else.pk))
    assert_refused(response, _media_root)
    assert response.context["form"].non_field_errors()
    assert not HandIn.objects.filter(member=someone_else).exists()


# Who sees what --------------------------------------------------------------


def test_member_cannot_open_another_members_hand_in(member_client):
    others = make_hand_in()
    response = member_client.get(reverse("production:hand-in-detail", args=[others.pk]))
    assert response.status_code == 404


def test_member_opens_her_own_hand_in(member_client, member, product):
    own = make_hand_in(member=member, product=product)
    response = member_client.get(reverse("production:hand-in-detail", args=[own.pk]))
    assert response.status_code == 200


def test_old_history_address_redirects_permanently(member_client):
    response = member_client.get("/produksi/riwayat/")
    assert response.status_code == 301
    assert response.url == reverse("portal:my-history")


def test_history_lists_only_her_own_hand_ins(member_client, member, product):
    make_hand_in(member=member, product=product)
    make_hand_in(product=ProductFactory(name="Dompet Ungu Milik Lain", stock=0))
    page = member_client.get(reverse("portal:my-history")).content.decode()
    assert "Tas Marun Sendiri" in page
    assert "Dompet Ungu Milik Lain" not in page


@pytest.mark.parametrize("role", [Role.ADMIN, Role.TRAINER])
def test_admins_and_trainers_open_any_hand_in(client, role):
    hand_in = make_hand_in()
    client.force_login(MemberFactory(role=role).user)
    response = client.get(reverse("production:hand-in-detail", args=[hand_in.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "production:submit-choose",
        "production:submit",
        "portal:my-history",
        "production:hand-in-detail",
        "production:review",
        "production:targets",
    ],
)
def test_anonymous_visitor_is_sent_to_log_in(client, product, name):
    args = {
        "production:submit": [product.pk],
        "production:hand-in-detail": [make_hand_in(product=product).pk],
    }.get(name, [])
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response.url.startswith(reverse("members:login"))


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_only_admins_open_the_review_page(client, role):
    client.force_login(MemberFactory(role=role).user)
    assert client.get(reverse("production:review")).status_code == 403


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_only_admins_accept_a_hand_in(client, product, role):
    hand_in = make_hand_in(product=product, quantity=3)
    client.force_login(MemberFactory(role=role).user)
    response = client.post(
        reverse("production:review-accept", args=[hand_in.pk]), {"grade": "A"}
    )
    assert response.status_code == 403
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.SUBMITTED
    assert stock_of(product) == 5


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_only_admins_reject_a_hand_in(client, role):
    hand_in = make_hand_in()
    client.force_login(MemberFactory(role=role).user)
    response = client.post(
        reverse("production:review-reject", args=[hand_in.pk]), {"reason": "Longgar"}
    )
    assert response.status_code == 403
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.SUBMITTED


def test_member_cannot_open_the_targets(member_client):
    assert member_client.get(reverse("production:targets")).status_code == 403


def test_trainer_opens_the_targets(client):
    client.force_login(MemberFactory(role=Role.TRAINER).user)
    assert client.get(reverse("production:targets")).status_code == 200


# Choosing the product -------------------------------------------------------


def choose_page(client, query=None):
    data = {"q": query} if query is not None else {}
    return client.get(reverse("production:submit-choose"), data).content.decode()


def submit_link(product) -> str:
    return f'href="{reverse("production:submit", args=[product.pk])}"'


def test_choose_page_lists_products_still_made(member_client):
    draft = ProductFactory(name="Topi Kupluk")
    published = ProductFactory(name="Syal Panjang", status=Status.PUBLISHED)
    page = choose_page(member_client)
    assert submit_link(draft) in page
    assert submit_link(published) in page


def test_choose_page_never_shows_archived_products(member_client):
    archived = ProductFactory(name="Tas Lama", sku="HR-LAMA", status=Status.ARCHIVED)
    assert submit_link(archived) not in choose_page(member_client)
    assert submit_link(archived) not in choose_page(member_client, "Lama")
    assert submit_link(archived) not in choose_page(member_client, "HR-LAMA")


def test_choose_page_search_finds_by_name(member_client):
    bag = ProductFactory(name="Tas Selempang")
    wallet = ProductFactory(name="Dompet Koin")
    page = choose_page(member_client, "selempang")
    assert submit_link(bag) in page
    assert submit_link(wallet) not in page


def test_choose_page_search_finds_by_sku(member_client):
    bag = ProductFactory(name="Tas Selempang", sku="HR-SEL-01")
    wallet = ProductFactory(name="Dompet Koin", sku="HR-DOM-01")
    page = choose_page(member_client, "hr-dom")
    assert submit_link(wallet) in page
    assert submit_link(bag) not in page


# The admin's check ----------------------------------------------------------


def accept(client, hand_in, grade="A"):
    return client.post(
        reverse("production:review-accept", args=[hand_in.pk]),
        with_token({"grade": grade}),
    )


def reject(client, hand_in, reason=None):
    data = {} if reason is None else {"reason": reason}
    return client.post(
        reverse("production:review-reject", args=[hand_in.pk]), with_token(data)
    )


def test_accepting_raises_stock_by_the_pieces(admin_client, product):
    set_rate(product, 15000)
    hand_in = make_hand_in(product=product, quantity=3)
    response = accept(admin_client, hand_in, "A")
    assert response.status_code == 302
    assert response.url == reverse("production:review")
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.ACCEPTED
    assert hand_in.grade == "A"
    assert stock_of(product) == 8


def test_accepting_twice_raises_stock_once_and_says_so(admin_client, product):
    set_rate(product, 15000)
    hand_in = make_hand_in(product=product, quantity=3)
    accept(admin_client, hand_in, "A")
    response = accept(admin_client, hand_in, "B")
    assert response.status_code == 302
    assert messages.ERROR in message_levels(response)
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.ACCEPTED
    assert hand_in.grade == "A"
    assert stock_of(product) == 8


def test_unknown_grade_changes_nothing(admin_client, product):
    hand_in = make_hand_in(product=product, quantity=3)
    response = accept(admin_client, hand_in, "Z")
    assert messages.ERROR in message_levels(response)
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.SUBMITTED
    assert hand_in.grade == ""
    assert stock_of(product) == 5


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_rejecting_without_a_reason_changes_nothing(admin_client, product, reason):
    hand_in = make_hand_in(product=product, quantity=3)
    response = reject(admin_client, hand_in, reason)
    assert messages.ERROR in message_levels(response)
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.SUBMITTED
    assert hand_in.reject_reason == ""
    assert stock_of(product) == 5


def test_rejecting_with_a_reason_keeps_the_reason(admin_client, product):
    hand_in = make_hand_in(product=product, quantity=3)
    response = reject(admin_client, hand_in, "Jahitan pinggir longgar")
    assert response.status_code == 302
    hand_in.refresh_from_db()
    assert hand_in.status == HandInStatus.REJECTED
    assert hand_in.reject_reason == "Jahitan pinggir longgar"
    assert stock_of(product) == 5


def test_member_sees_the_reason_of_a_rejection_in_her_history(
    admin_client, member_client, member, product
):
    hand_in = make_hand_in(member=member, product=product)
    reject(admin_client, hand_in, "Jahitan pinggir longgar")
    page = member_client.get(reverse("portal:my-history")).content.decode()
    assert "Jahitan pinggir longgar" in page


# Earnings -------------------------------------------------------------------


def test_history_shows_what_accepted_pieces_earned(
    admin_client, member_client, member, product
):
    set_rate(product, 20000)
    accept(admin_client, make_hand_in(member=member, product=product, quantity=3))
    page = member_client.get(reverse("portal:my-history")).content.decode()
    assert "Rp 60.000" in page


def test_a_new_rate_leaves_what_was_earned(
    admin_client, member_client, member, product
):
    set_rate(product, 20000)
    accept(admin_client, make_hand_in(member=member, product=product, quantity=3))
    set_rate(product, 30000, days_ago=0)
    page = member_client.get(reverse("portal:my-history")).content.decode()
    assert "Rp 60.000" in page
    assert "Rp 90.000" not in page


# Queries do not grow with the data ------------------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def pending_hand_ins(count, *, start=0):
    for n in range(start, start + count):
        photo = io.BytesIO(jpeg_bytes(64, 48)) if n % 20 == 0 else None
        make_hand_in(
            product=ProductFactory(stock=0),
            quantity=1 + n % 5,
            photo=photo,
            note="Rapi" if n % 2 else "",
        )


def test_review_page_queries_do_not_grow_with_hand_ins(admin_client):
    url = reverse("production:review")
    pending_hand_ins(10)
    few = count_queries(admin_client, url)
    pending_hand_ins(190, start=10)
    assert count_queries(admin_client, url) == few


def own_hand_ins(member, count, *, reviewer, start=0):
    for n in range(start, start + count):
        product = ProductFactory(stock=0)
        set_rate(product, 15000)
        photo = io.BytesIO(jpeg_bytes(64, 48)) if n % 20 == 0 else None
        hand_in = make_hand_in(member=member, product=product, photo=photo)
        if n % 3 == 0:
            hand_in_accept(hand_in=hand_in, grade="B", reviewed_by=reviewer)


def test_history_page_queries_do_not_grow_with_hand_ins(member_client, member, admin):
    url = reverse("portal:my-history")
    own_hand_ins(member, 10, reviewer=admin.user)
    few = count_queries(member_client, url)
    own_hand_ins(member, 190, reviewer=admin.user, start=10)
    assert count_queries(member_client, url) == few


def products(count, *, start=0):
    for n in range(start, start + count):
        product = ProductFactory(stock=n % 4)
        if n % 20 == 0:
            add_photo(product, width=64, height=48)


def test_choose_page_queries_do_not_grow_with_products(member_client):
    url = reverse("production:submit-choose")
    products(10)
    few = count_queries(member_client, url)
    products(190, start=10)
    assert count_queries(member_client, url) == few


# Targets --------------------------------------------------------------------


@pytest.fixture
def target_with_progress(admin, product):
    this_month = timezone.localdate().replace(day=1)
    ProductionTarget.objects.create(month=this_month, product=product, quantity=10)
    set_rate(product, 15000)
    hand_in = make_hand_in(product=product, quantity=4, days_ago=0)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin.user)
    # Waiting and rejected pieces do not count.
    make_hand_in(product=product, quantity=5, days_ago=0)
    return this_month


def test_targets_show_accepted_pieces_against_the_target(
    admin_client, target_with_progress
):
    page = admin_client.get(reverse("production:targets")).content.decode()
    assert "4 / 10" in page
    assert re.search(r'<progress[^>]*\bvalue="40"', page)


def test_unknown_month_shows_this_month_with_a_warning(
    admin_client, target_with_progress
):
    response = admin_client.get(reverse("production:targets"), {"bulan": "garbage"})
    assert response.status_code == 200
    assert response.context["month"] == target_with_progress
    assert "4 / 10" in response.content.decode()
    assert messages.WARNING in message_levels(response)
