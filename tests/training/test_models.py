from datetime import time

import pytest
from django.db import IntegrityError, transaction

from tests.members.factories import MemberFactory
from tests.training.factories import (
    AttendanceFactory,
    SkillAssessmentFactory,
    TrainingSessionFactory,
)
from training.models import Skill

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_attendance_row_for_a_member(session, member):
    AttendanceFactory(session=session, member=member)
    with pytest.raises(IntegrityError), transaction.atomic():
        AttendanceFactory(session=session, member=member, status="late")


def test_the_same_member_may_attend_two_sessions(session, member):
    AttendanceFactory(session=session, member=member)
    AttendanceFactory(session=TrainingSessionFactory(), member=member)
    assert member.attendances.count() == 2


def test_the_database_refuses_a_session_that_ends_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingSessionFactory(start_time=time(13, 0), end_time=time(12, 0))


def test_the_database_refuses_an_unknown_attendance_status(session, member):
    with pytest.raises(IntegrityError), transaction.atomic():
        AttendanceFactory(session=session, member=member, status="hadir")


@pytest.mark.parametrize("level", [0, 6])
def test_the_database_refuses_a_skill_level_outside_1_to_5(level):
    with pytest.raises(IntegrityError), transaction.atomic():
        SkillAssessmentFactory(member=MemberFactory(), level=level)


def test_a_member_with_attendance_cannot_be_deleted(session, member):
    from django.db.models import ProtectedError

    AttendanceFactory(session=session, member=member)
    with pytest.raises(ProtectedError):
        member.delete()


def test_the_six_skills_are_there_from_the_start():
    assert list(Skill.objects.values_list("name", flat=True)) == [
        "Tusuk dasar",
        "Tas",
        "Dompet",
        "Sepatu rajut",
        "Gantungan kunci",
        "Finishing/kerapian",
    ]
