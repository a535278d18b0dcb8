import pytest

from members.roles import Role
from tests.members.factories import MemberFactory
from tests.training.factories import TrainingSessionFactory


@pytest.fixture
def trainer(db):
    return MemberFactory(role=Role.TRAINER, full_name="Bu Endang Lestari")


@pytest.fixture
def admin_member(db):
    return MemberFactory(role=Role.ADMIN, full_name="Bu Siti Rahayu")


@pytest.fixture
def member(db):
    return MemberFactory(role=Role.MEMBER, full_name="Sri Wahyuni")


@pytest.fixture
def session(trainer):
    return TrainingSessionFactory(created_by=trainer.user, topic="Pelatihan dasar")
