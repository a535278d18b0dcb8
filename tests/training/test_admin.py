import pytest
from django.urls import reverse

from tests.training.factories import (
    AttendanceFactory,
    SkillAssessmentFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_admin(client, admin_member):
    client.force_login(admin_member.user)
    return client


@pytest.mark.parametrize(
    "model", ["trainingsession", "attendance", "skill", "skillassessment"]
)
def test_admin_lists_every_training_model(as_admin, model):
    AttendanceFactory()
    SkillAssessmentFactory()
    response = as_admin.get(reverse(f"admin:training_{model}_changelist"))
    assert response.status_code == 200


def test_session_admin_shows_the_attendance_inline(as_admin, session):
    row = AttendanceFactory(session=session)
    response = as_admin.get(
        reverse("admin:training_trainingsession_change", args=[session.pk])
    )
    assert response.status_code == 200
    assert row.member.full_name in response.content.decode()


def test_session_admin_search_finds_a_topic(as_admin, session):
    response = as_admin.get(
        reverse("admin:training_trainingsession_changelist"), {"q": "dasar"}
    )
    assert list(response.context["cl"].result_list) == [session]


def test_admin_adds_a_skill(as_admin):
    response = as_admin.post(
        reverse("admin:training_skill_add"), {"name": "Topi", "position": 7}
    )
    assert response.status_code == 302
    assert SkillFactory._meta.model.objects.filter(name="Topi").exists()


def test_trainer_cannot_open_the_training_admin(client, trainer):
    client.force_login(trainer.user)
    response = client.get(reverse("admin:training_trainingsession_changelist"))
    assert response.status_code == 302


def test_changing_attendance_in_the_admin_notes_who_saved_it(
    as_admin, session, admin_member
):
    row = AttendanceFactory(session=session, status="absent")
    data = {
        "topic": session.topic,
        "date": session.date.isoformat(),
        "start_time": "09:00",
        "end_time": "12:00",
        "location": session.location,
        "kind": "workshop",
        "level": "beginner",
        "materials": "",
        "notes": "",
        "attendances-TOTAL_FORMS": "1",
        "attendances-INITIAL_FORMS": "1",
        "attendances-MIN_NUM_FORMS": "0",
        "attendances-MAX_NUM_FORMS": "1000",
        "attendances-0-id": str(row.pk),
        "attendances-0-session": str(session.pk),
        "attendances-0-member": str(row.member_id),
        "attendances-0-status": "late",
        "attendances-0-note": "datang jam 10",
    }
    response = as_admin.post(
        reverse("admin:training_trainingsession_change", args=[session.pk]), data
    )
    assert response.status_code == 302
    row.refresh_from_db()
    session.refresh_from_db()
    assert (row.status, row.note) == ("late", "datang jam 10")
    assert session.attendance_saved_by == admin_member.user
