import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from members.roles import Role
from tests.members.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db


def test_the_three_roles_exist_with_their_permissions():
    perms = {
        group.name: set(
            group.permissions.filter(content_type__app_label="members").values_list(
                "codename", flat=True
            )
        )
        for group in Group.objects.all()
    }
    assert perms == {
        "Pengurus": {"add_member", "change_member", "view_member"},
        "Pelatih": {"view_member"},
        "Anggota": set(),
    }


@pytest.mark.parametrize("url_name", ["portal:home", "members:profile"])
def test_anonymous_visitor_is_sent_to_login(client, url_name):
    url = reverse(url_name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('members:login')}?next={url}"


def test_root_is_the_shop_and_the_portal_asks_for_a_login(client):
    assert client.get("/").status_code == 200
    response = client.get(reverse("portal:home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("members:login"))


def test_member_cannot_open_the_admin(client):
    member = MemberFactory(role=Role.MEMBER)
    client.force_login(member.user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_trainer_cannot_open_member_management(client):
    trainer = MemberFactory(role=Role.TRAINER)
    client.force_login(trainer.user)
    response = client.get(reverse("admin:members_member_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_admin_opens_member_management(client):
    admin = MemberFactory(role=Role.ADMIN)
    client.force_login(admin.user)
    response = client.get(reverse("admin:members_member_changelist"))
    assert response.status_code == 200
    assert admin.full_name in response.content.decode()


def test_home_page_offers_member_management_only_to_admins(client):
    manage_url = reverse("admin:members_member_changelist")
    admin = MemberFactory(role=Role.ADMIN)
    client.force_login(admin.user)
    assert manage_url in client.get(reverse("portal:home")).content.decode()

    for role in (Role.TRAINER, Role.MEMBER):
        person = MemberFactory(role=role)
        client.force_login(person.user)
        page = client.get(reverse("portal:home")).content.decode()
        assert manage_url not in page
        assert reverse("members:profile") in page
        assert reverse("members:password-change") in page


def test_home_page_greets_in_indonesian_with_the_role(client):
    member = MemberFactory(role=Role.MEMBER, full_name="Sri Wahyuni")
    client.force_login(member.user)
    page = client.get(reverse("portal:home")).content.decode()
    assert "Halo, Sri Wahyuni" in page
    assert "Anda masuk sebagai Anggota." in page


def test_profile_shows_only_the_logged_in_members_own_data(client):
    sri = MemberFactory(full_name="Sri Wahyuni", whatsapp="6281200000001")
    wati = MemberFactory(full_name="Wati Susanti", whatsapp="6281200000002")
    client.force_login(sri.user)
    page = client.get(reverse("members:profile")).content.decode()
    assert "Sri Wahyuni" in page
    assert "+62 812-0000-0001" in page
    assert "Wati Susanti" not in page
    assert wati.whatsapp not in page


def test_inactive_member_cannot_log_in(client):
    member = MemberFactory(is_active=False)
    response = client.post(
        reverse("members:login"),
        {"username": member.user.username, "password": PASSWORD},
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_password_change_keeps_the_old_password_on_a_bad_new_one(client):
    member = MemberFactory()
    client.force_login(member.user)
    response = client.post(
        reverse("members:password-change"),
        {
            "old_password": PASSWORD,
            "new_password1": "12345678",
            "new_password2": "12345678",
        },
    )
    assert response.status_code == 200
    assert "terlalu umum" in response.content.decode()
    member.user.refresh_from_db()
    assert member.user.check_password(PASSWORD)


def test_password_change_with_a_good_password_works(client):
    member = MemberFactory()
    client.force_login(member.user)
    response = client.post(
        reverse("members:password-change"),
        {
            "old_password": PASSWORD,
            "new_password1": "rajutan-biru-2027",
            "new_password2": "rajutan-biru-2027",
        },
    )
    assert response.status_code == 302
    member.user.refresh_from_db()
    assert member.user.check_password("rajutan-biru-2027")
