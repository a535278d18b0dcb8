import pytest
from django.urls import reverse

from tests.training.factories import (
    AttendanceFactory,
    SkillAssessmentFactory,
    SkillFactory,
)
from training.models import Attendance, TrainingSession

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


def session_admin_post(session, row, *, status):
    """The session's change form as posted, with one attendance row changed."""
    return {
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
        "attendances-0-status": status,
        "attendances-0-note": "datang jam 10",
    }


def test_session_admin_cannot_change_attendance_around_the_attendance_page(
    as_admin, session
):
    row = AttendanceFactory(session=session, status="absent")
    response = as_admin.post(
        reverse("admin:training_trainingsession_change", args=[session.pk]),
        session_admin_post(session, row, status="late"),
    )
    assert response.status_code == 302
    row.refresh_from_db()
    session.refresh_from_db()
    assert (row.status, row.note) == ("absent", "")
    assert session.attendance_saved_by is None


def test_session_admin_shows_attendance_read_only_with_a_link_to_its_page(
    as_admin, session
):
    AttendanceFactory(session=session, status="absent")
    response = as_admin.get(
        reverse("admin:training_trainingsession_change", args=[session.pk])
    )
    page = response.content.decode()
    assert 'name="attendances-0-status"' not in page
    assert 'name="attendances-0-DELETE"' not in page
    assert f'href="{session.get_attendance_url()}"' in page


def test_attendance_admin_neither_adds_nor_changes_rows(as_admin, session, member):
    row = AttendanceFactory(session=session, member=member, status="absent")
    add = as_admin.post(
        reverse("admin:training_attendance_add"),
        {"session": session.pk, "member": member.pk, "status": "present"},
    )
    change = as_admin.post(
        reverse("admin:training_attendance_change", args=[row.pk]),
        {"session": session.pk, "member": member.pk, "status": "present"},
    )
    assert add.status_code == 403
    assert change.status_code == 403
    row.refresh_from_db()
    assert row.status == "absent"
    assert Attendance.objects.count() == 1


def test_session_added_in_the_admin_goes_through_the_service(
    as_admin, admin_member, trainer
):
    response = as_admin.post(
        reverse("admin:training_trainingsession_add"),
        {
            "topic": "  Merajut tas selempang  ",
            "date": "2026-03-07",
            "start_time": "09:00",
            "end_time": "12:00",
            "location": "Balai desa",
            "kind": "workshop",
            "level": "beginner",
            "trainers": [trainer.pk],
            "materials": "",
            "notes": "",
            "attendances-TOTAL_FORMS": "0",
            "attendances-INITIAL_FORMS": "0",
            "attendances-MIN_NUM_FORMS": "0",
            "attendances-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    session = TrainingSession.objects.get()
    # The service strips the topic and records who made the session.
    assert session.topic == "Merajut tas selempang"
    assert session.created_by == admin_member.user
    assert list(session.trainers.all()) == [trainer]


def test_session_admin_refuses_an_end_before_the_start_and_keeps_the_session(
    as_admin, session
):
    row = AttendanceFactory(session=session)
    data = session_admin_post(session, row, status=row.status)
    data["end_time"] = "08:00"
    response = as_admin.post(
        reverse("admin:training_trainingsession_change", args=[session.pk]), data
    )
    assert response.status_code == 200
    assert (
        "The end time must be after the start time."
        in str(response.context["adminform"].form.errors)
        or "Jam selesai" in response.content.decode()
    )
    session.refresh_from_db()
    assert session.end_time.strftime("%H:%M") != "08:00"
