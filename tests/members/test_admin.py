import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Member
from members.roles import Role, user_roles
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def admin_client(client):
    pengurus = MemberFactory(role=Role.ADMIN, username="pengurus")
    client.force_login(pengurus.user)
    return client


def add_form(**overrides):
    data = {
        "username": "lastri",
        "role": Role.MEMBER.value,
        "password1": "benang-hijau-55",
        "password2": "benang-hijau-55",
        "full_name": "Lastri Handayani",
        "whatsapp": "0856-1234-5678",
        "village": "Kalikajar",
        "address": "RT 02 RW 01",
        "join_date": "2026-11-01",
        "is_active": "on",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_admin_adds_a_member_with_login_role_and_normalised_whatsapp(admin_client):
    response = admin_client.post(reverse("admin:members_member_add"), add_form())
    assert response.status_code == 302
    member = Member.objects.get(user__username="lastri")
    assert member.whatsapp == "6285612345678"
    assert user_roles(member.user) == {Role.MEMBER}
    assert not member.user.is_staff
    assert member.user.check_password("benang-hijau-55")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"whatsapp": "0856-abc"}, "hanya boleh berisi angka"),
        ({"whatsapp": "60123456789"}, "harus diawali +"),
        ({"username": "pengurus"}, "Nama pengguna ini sudah dipakai."),
        ({"password2": "lain-sekali-99"}, "Kedua kata sandi tidak sama."),
        ({"password1": "12345678", "password2": "12345678"}, "terlalu umum"),
        ({"full_name": ""}, "Bidang ini tidak boleh kosong."),
    ],
)
def test_bad_add_form_explains_keeps_input_and_creates_nothing(
    admin_client, overrides, message
):
    users_before = User.objects.count()
    response = admin_client.post(
        reverse("admin:members_member_add"), add_form(**overrides)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    # What was typed is still there to correct.
    assert "RT 02 RW 01" in page
    assert User.objects.count() == users_before
    assert not Member.objects.filter(full_name="Lastri Handayani").exists()


def change_form(member, **overrides):
    data = {
        "role": Role.MEMBER.value,
        "password1": "",
        "password2": "",
        "full_name": member.full_name,
        "whatsapp": member.whatsapp,
        "village": member.village,
        "address": member.address,
        "join_date": member.join_date.isoformat(),
        "is_active": "on",
        "notes": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_admin_promotes_a_member_to_pengurus_who_can_then_use_the_admin(
    admin_client,
):
    member = MemberFactory(role=Role.MEMBER)
    url = reverse("admin:members_member_change", args=[member.pk])
    response = admin_client.post(url, change_form(member, role=Role.ADMIN.value))
    assert response.status_code == 302
    member.user.refresh_from_db()
    assert user_roles(member.user) == {Role.ADMIN}
    assert member.user.is_staff


def test_admin_sets_a_new_password_for_a_member_who_forgot_hers(admin_client):
    member = MemberFactory()
    url = reverse("admin:members_member_change", args=[member.pk])
    response = admin_client.post(
        url,
        change_form(
            member, password1="kaos-kaki-rajut-8", password2="kaos-kaki-rajut-8"
        ),
    )
    assert response.status_code == 302
    member.user.refresh_from_db()
    assert member.user.check_password("kaos-kaki-rajut-8")


def test_deactivating_a_member_blocks_her_login_and_keeps_her_record(admin_client):
    member = MemberFactory()
    url = reverse("admin:members_member_change", args=[member.pk])
    response = admin_client.post(url, change_form(member, is_active=None))
    assert response.status_code == 302
    member.refresh_from_db()
    member.user.refresh_from_db()
    assert not member.is_active
    assert not member.user.is_active


def test_bad_whatsapp_on_change_keeps_the_stored_number(admin_client):
    member = MemberFactory(whatsapp="6281299990000")
    url = reverse("admin:members_member_change", args=[member.pk])
    response = admin_client.post(url, change_form(member, whatsapp="0812-abc"))
    assert response.status_code == 200
    assert "hanya boleh berisi angka" in response.content.decode()
    member.refresh_from_db()
    assert member.whatsapp == "6281299990000"


def test_pengurus_cannot_delete_members(admin_client):
    member = MemberFactory()
    response = admin_client.get(
        reverse("admin:members_member_delete", args=[member.pk])
    )
    assert response.status_code == 403
    assert Member.objects.filter(pk=member.pk).exists()


def test_admin_search_finds_a_member_by_whatsapp(admin_client):
    MemberFactory(full_name="Yuni Astuti", whatsapp="6282227001006")
    MemberFactory(full_name="Ani Rahmawati", whatsapp="6282127001005")
    response = admin_client.get(
        reverse("admin:members_member_changelist"), {"q": "6282227"}
    )
    page = response.content.decode()
    assert "Yuni Astuti" in page
    assert "Ani Rahmawati" not in page


def test_member_list_query_count_does_not_grow_with_members(admin_client):
    url = reverse("admin:members_member_changelist")
    counts = []
    for total in (10, 200):
        MemberFactory.create_batch(total - Member.objects.count())
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
