"""A password like the member's own name, username or village is refused everywhere."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.models import Member
from members.passwords import MemberSimilarityValidator, password_check_account
from members.roles import Role
from members.services import member_create, member_update_account
from tests.members.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db
User = get_user_model()

NAME = "Siti Aminah"
VILLAGE = "Kalikajar"


def refused(password: str, **account) -> bool:
    account = {"username": "anggota7", "full_name": NAME, "village": VILLAGE, **account}
    try:
        MemberSimilarityValidator().validate(
            password, password_check_account(**account)
        )
    except ValidationError as error:
        assert error.code == "password_too_similar"
        return True
    return False


@pytest.mark.parametrize(
    "password",
    [
        "sitiaminah",
        "Siti Aminah",
        "SITI-AMINAH",
        "aminah2026",
        "sitiaminah-rajut",
        "anggota777",
        "kalikajar1",
    ],
)
def test_password_like_her_name_username_or_village_is_refused(password):
    assert refused(password)


@pytest.mark.parametrize("password", [PASSWORD, "kaos-kaki-rajut-8", "tas-biru-2027"])
def test_password_unlike_her_details_is_accepted(password):
    assert not refused(password)


def test_a_short_name_inside_a_long_password_is_not_refused():
    # "Sri" appears in many words; only a password that is nearly "Sri" is like it.
    assert not refused("sriwijaya-benang-77", full_name="Sri", username="sri")


def test_the_message_names_the_profile_field_in_indonesian():
    with pytest.raises(ValidationError) as caught:
        MemberSimilarityValidator().validate(
            "sitiaminah", password_check_account(username="x1", full_name=NAME)
        )
    assert caught.value.params == {"verbose_name": "nama lengkap"}


def test_the_site_rules_include_the_member_check(settings):
    names = [rule["NAME"] for rule in settings.AUTH_PASSWORD_VALIDATORS]
    assert "members.passwords.MemberSimilarityValidator" in names


def test_member_create_refuses_her_own_name_and_creates_nothing():
    with pytest.raises(ValidationError):
        member_create(
            username="siti",
            password="sitiaminah",
            full_name=NAME,
            role=Role.MEMBER,
            village=VILLAGE,
        )
    assert not User.objects.filter(username="siti").exists()
    assert not Member.objects.filter(full_name=NAME).exists()


def test_member_update_account_refuses_her_own_village_and_keeps_the_old():
    member = MemberFactory(full_name=NAME, village=VILLAGE)
    with pytest.raises(ValidationError):
        member_update_account(
            member=member, role=Role.MEMBER, new_password="kalikajar2026"
        )
    member.user.refresh_from_db()
    assert member.user.check_password(PASSWORD)


@pytest.fixture
def admin_client(client):
    pengurus = MemberFactory(role=Role.ADMIN, username="pengurus")
    client.force_login(pengurus.user)
    return client


def password_errors(response, field="password1") -> list[str]:
    form = response.context["adminform"].form
    return [error.code for error in form.errors.as_data().get(field, [])]


def test_admin_add_form_refuses_the_new_members_own_name(admin_client):
    data = {
        "username": "lastri",
        "role": Role.MEMBER.value,
        "password1": "lastrihandayani",
        "password2": "lastrihandayani",
        "full_name": "Lastri Handayani",
        "whatsapp": "",
        "village": VILLAGE,
        "address": "RT 02 RW 01",
        "join_date": "2026-11-01",
        "is_active": "on",
        "notes": "",
    }
    response = admin_client.post(reverse("admin:members_member_add"), data)
    assert response.status_code == 200
    assert password_errors(response) == ["password_too_similar"]
    assert "RT 02 RW 01" in response.content.decode()
    assert not User.objects.filter(username="lastri").exists()


def test_admin_change_form_checks_the_name_as_changed_in_the_same_form(admin_client):
    member = MemberFactory(full_name="Lastri Handayani", village=VILLAGE)
    data = {
        "role": Role.MEMBER.value,
        "password1": "ratnasari2026",
        "password2": "ratnasari2026",
        "full_name": "Ratna Sari",
        "whatsapp": member.whatsapp,
        "village": VILLAGE,
        "address": "",
        "join_date": member.join_date.isoformat(),
        "is_active": "on",
        "notes": "",
    }
    url = reverse("admin:members_member_change", args=[member.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert password_errors(response) == ["password_too_similar"]
    member.refresh_from_db()
    member.user.refresh_from_db()
    assert member.full_name == "Lastri Handayani"
    assert member.user.check_password(PASSWORD)


def test_admin_set_password_page_refuses_the_members_own_name(client):
    client.force_login(User.objects.create_superuser("teknisi", password="x" * 12))
    member = MemberFactory(full_name=NAME, village=VILLAGE)
    url = reverse("admin:auth_user_password_change", args=[member.user.pk])
    response = client.post(
        url, {"password1": "sitiaminah99", "password2": "sitiaminah99"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    codes = [error.code for field in errors.values() for error in field]
    assert codes == ["password_too_similar"]
    member.user.refresh_from_db()
    assert member.user.check_password(PASSWORD)


def test_member_cannot_change_her_password_to_her_own_name(client):
    member = MemberFactory(full_name=NAME, village=VILLAGE)
    client.force_login(member.user)
    response = client.post(
        reverse("members:password-change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Aminah-2026",
            "new_password2": "Aminah-2026",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["new_password2"]
    assert [error.code for error in errors] == ["password_too_similar"]
    member.user.refresh_from_db()
    assert member.user.check_password(PASSWORD)
