import pytest

from demo.training import seed_training
from members.roles import Role
from tests.members.factories import MemberFactory
from training.models import Attendance, SkillAssessment, TrainingSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people():
    MemberFactory(username="pelatih", role=Role.TRAINER)
    for username in ["sri", "wati", "ani", "yuni"]:
        MemberFactory(username=username)


def counts():
    return (
        TrainingSession.objects.count(),
        Attendance.objects.count(),
        SkillAssessment.objects.count(),
    )


def test_seed_training_makes_a_basic_training_with_11_participants(demo_people):
    seed_training()
    basic = TrainingSession.objects.get(topic="Pelatihan dasar merajut")
    assert basic.attendances.filter(status__in=["present", "late"]).count() == 11
    assert 3 <= TrainingSession.objects.count() <= 4
    assert SkillAssessment.objects.exists()


def test_seed_training_twice_leaves_the_same_rows(demo_people):
    seed_training()
    first = counts()
    seed_training()
    assert counts() == first
