import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from members.roles import Role
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

# url name -> arguments, from the objects the fixture makes.
URLS = [
    ("training:session-list", lambda o: []),
    ("training:session-create", lambda o: []),
    ("training:session-detail", lambda o: [o["session"].pk]),
    ("training:session-edit", lambda o: [o["session"].pk]),
    ("training:session-attendance", lambda o: [o["session"].pk]),
    ("training:progress-list", lambda o: []),
    ("portal:member-progress", lambda o: [o["member"].pk]),
    ("training:assessment-create", lambda o: [o["member"].pk]),
    ("training:reports", lambda o: []),
    ("training:report-csv", lambda o: ["sesi"]),
    ("training:report-csv", lambda o: ["anggota"]),
    ("training:report-csv", lambda o: ["bulanan"]),
]
IDS = [f"{name}-{index}" for index, (name, _args) in enumerate(URLS)]


@pytest.fixture
def objects(session, member):
    return {"session": session, "member": member}


@pytest.mark.parametrize(("url_name", "args"), URLS, ids=IDS)
def test_anonymous_visitor_is_sent_to_login(client, objects, url_name, args):
    url = reverse(url_name, args=args(objects))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('members:login')}?next={url}"


@pytest.mark.parametrize(("url_name", "args"), URLS, ids=IDS)
def test_member_gets_403(client, objects, url_name, args):
    client.force_login(objects["member"].user)
    response = client.get(reverse(url_name, args=args(objects)))
    assert response.status_code == 403


@pytest.mark.parametrize(("url_name", "args"), URLS, ids=IDS)
def test_member_cannot_post_either(client, objects, url_name, args):
    client.force_login(objects["member"].user)
    response = client.post(reverse(url_name, args=args(objects)), {})
    assert response.status_code == 403


@pytest.mark.parametrize("role", [Role.TRAINER, Role.ADMIN])
@pytest.mark.parametrize(("url_name", "args"), URLS, ids=IDS)
def test_trainer_and_admin_open_every_training_page(
    client, objects, url_name, args, role
):
    client.force_login(MemberFactory(role=role).user)
    response = client.get(reverse(url_name, args=args(objects)))
    assert response.status_code == 200


def test_roles_have_the_training_permissions():
    def perms(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="training")
            .values_list("codename", flat=True)
        )

    models = ["trainingsession", "attendance", "skill", "skillassessment"]
    assert perms("Pengurus") == {
        f"{action}_{model}"
        for model in models
        for action in ("add", "change", "delete", "view")
    }
    assert perms("Pelatih") == {
        "add_trainingsession",
        "change_trainingsession",
        "view_trainingsession",
        "add_attendance",
        "change_attendance",
        "view_attendance",
        "add_skillassessment",
        "change_skillassessment",
        "view_skillassessment",
        "view_skill",
    }
    assert perms("Anggota") == set()


def test_home_page_links_trainers_to_the_training_pages(client, trainer):
    client.force_login(trainer.user)
    page = client.get(reverse("portal:home")).content.decode()
    for name in ["session-list", "progress-list", "reports"]:
        assert reverse(f"training:{name}") in page
