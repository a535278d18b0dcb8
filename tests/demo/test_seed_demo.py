import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from demo.management.commands.seed_demo import DEMO_PASSWORD
from members.models import Member
from members.roles import Role, user_roles

pytestmark = pytest.mark.django_db
User = get_user_model()


def counts():
    return (User.objects.count(), Member.objects.count(), Group.objects.count())


def test_seed_demo_twice_leaves_the_same_rows(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    assert first[1] >= 5


def test_seed_demo_creates_one_person_per_role_with_the_documented_password(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    for username, role in [
        ("pengurus", Role.ADMIN),
        ("pelatih", Role.TRAINER),
        ("sri", Role.MEMBER),
    ]:
        user = User.objects.get(username=username)
        assert user_roles(user) == {role}
        assert user.check_password(DEMO_PASSWORD)
    assert User.objects.get(username="pengurus").is_staff
    assert not User.objects.get(username="sri").is_staff


def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert User.objects.count() == 0


def test_seed_demo_if_empty_leaves_an_existing_database_alone(settings):
    settings.DEBUG = True
    User.objects.create_user("bu_ketua", password="benang-ungu-31")
    call_command("seed_demo", "--if-empty")
    assert list(User.objects.values_list("username", flat=True)) == ["bu_ketua"]
