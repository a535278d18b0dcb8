from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from members.models import Member
from tests.conftest import with_token
from tests.members.factories import MemberFactory
from tests.training.factories import (
    AttendanceFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TrainingSessionFactory,
)
from training.models import Attendance, SkillAssessment, TrainingSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_trainer(client, trainer):
    client.force_login(trainer.user)
    return client


def page_text(response) -> str:
    return response.content.decode()


SESSION_POST = {
    "topic": "Pelatihan dasar merajut",
    "date": "2026-03-07",
    "start_time": "09:00",
    "end_time": "12:00",
    "location": "Balai Desa Kalikajar",
    "kind": "workshop",
    "level": "beginner",
}


# --- sessions -----------------------------------------------------------------------


def test_creating_a_session_leads_straight_to_its_attendance_page(as_trainer, trainer):
    response = as_trainer.post(
        reverse("training:session-create"),
        with_token({**SESSION_POST, "trainers": [trainer.pk]}),
    )
    session = TrainingSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "training:session-attendance", args=[session.pk]
    )
    assert list(session.trainers.all()) == [trainer]
    assert session.created_by == trainer.user


def test_create_form_refuses_an_end_before_the_start_and_keeps_the_input(as_trainer):
    with translation.override("en"):
        response = as_trainer.post(
            reverse("training:session-create"),
            with_token({**SESSION_POST, "start_time": "13:00", "end_time": "11:00"}),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 400
    assert not TrainingSession.objects.exists()
    form = response.context["form"]
    assert form.errors["end_time"] == ["Jam selesai harus setelah jam mulai."]
    text = page_text(response)
    assert 'value="Pelatihan dasar merajut"' in text
    assert 'value="13:00"' in text


def test_create_form_shows_the_trainer_herself_ticked(as_trainer, trainer):
    response = as_trainer.get(reverse("training:session-create"))
    assert response.context["form"].initial["trainers"] == [trainer.pk]


def test_create_form_refuses_a_photo_that_is_not_an_image(as_trainer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = as_trainer.post(
        reverse("training:session-create"),
        with_token(
            {
                **SESSION_POST,
                "photo_upload": SimpleUploadedFile("foto.jpg", b"<svg></svg>"),
            }
        ),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["photo_upload"]
    assert not TrainingSession.objects.exists()


def test_editing_a_session_saves_the_changes(as_trainer, session, trainer):
    response = as_trainer.post(
        reverse("training:session-edit", args=[session.pk]),
        with_token(
            {
                **SESSION_POST,
                "topic": "Pelatihan dasar (ulang)",
                "trainers": [trainer.pk],
            }
        ),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.topic == "Pelatihan dasar (ulang)"
    assert session.date == date(2026, 3, 7)


def test_editing_a_session_with_an_end_before_the_start_changes_nothing(
    as_trainer, session
):
    response = as_trainer.post(
        reverse("training:session-edit", args=[session.pk]),
        with_token({**SESSION_POST, "topic": "Diubah", "start_time": "15:00"}),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["end_time"]
    assert 'value="Diubah"' in page_text(response)
    session.refresh_from_db()
    assert session.topic == "Pelatihan dasar"


def test_session_list_shows_the_counts_of_each_session(as_trainer, session):
    for status in ["present", "present", "excused"]:
        AttendanceFactory(session=session, status=status)
    response = as_trainer.get(reverse("training:session-list"))
    listed = list(response.context["page"])
    assert listed == [session]
    assert (listed[0].present, listed[0].excused) == (2, 1)


def test_session_detail_lists_who_came(as_trainer, session, member):
    AttendanceFactory(session=session, member=member, status="late")
    response = as_trainer.get(reverse("training:session-detail", args=[session.pk]))
    assert member.full_name in page_text(response)


# --- attendance page ----------------------------------------------------------------


def attendance_url(session) -> str:
    return reverse("training:session-attendance", args=[session.pk])


def test_attendance_page_lists_every_active_member_and_not_inactive_ones(
    as_trainer, session
):
    here = MemberFactory(full_name="Ani Rahmawati")
    gone = MemberFactory(full_name="Wati Lama", is_active=False)
    response = as_trainer.get(attendance_url(session))
    text = page_text(response)
    assert f'name="status-{here.pk}"' in text
    assert f'name="status-{gone.pk}"' not in text


def test_attendance_page_shows_saved_statuses_ticked(as_trainer, session, member):
    AttendanceFactory(session=session, member=member, status="excused")
    text = page_text(as_trainer.get(attendance_url(session)))
    assert f'id="s-{member.pk}-excused" value="excused" checked' in text


def test_attendance_post_saves_all_ticks_in_one_submit(as_trainer, session):
    members = [MemberFactory() for _ in range(3)]
    response = as_trainer.post(
        attendance_url(session),
        with_token(
            {
                f"status-{members[0].pk}": "present",
                f"status-{members[1].pk}": "late",
                f"status-{members[2].pk}": "absent",
                "action": "save",
            }
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == session.get_absolute_url()
    assert dict(session.attendances.values_list("member_id", "status")) == {
        members[0].pk: "present",
        members[1].pk: "late",
        members[2].pk: "absent",
    }


def test_attendance_post_with_a_member_twice_saves_nothing_and_says_why(
    as_trainer, session
):
    sri = MemberFactory(full_name="Sri Wahyuni")
    wati = MemberFactory()
    response = as_trainer.post(
        attendance_url(session),
        with_token(
            f"status-{wati.pk}=present&status-{sri.pk}=present&status-{sri.pk}=late"
        ),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()
    assert any("Sri Wahyuni" in error for error in response.context["errors"])
    # What was ticked stays ticked.
    assert f'id="s-{wati.pk}-present" value="present" checked' in page_text(response)


def test_attendance_post_for_an_inactive_member_saves_nothing(as_trainer, session):
    gone = MemberFactory(full_name="Wati Lama", is_active=False)
    here = MemberFactory()
    response = as_trainer.post(
        attendance_url(session),
        with_token({f"status-{here.pk}": "present", f"status-{gone.pk}": "present"}),
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()
    assert any("Wati Lama" in error for error in response.context["errors"])


@pytest.mark.parametrize("bad_id", ["999999", "abc"])
def test_attendance_post_for_a_member_that_does_not_exist_saves_nothing(
    as_trainer, session, bad_id
):
    here = MemberFactory()
    response = as_trainer.post(
        attendance_url(session),
        with_token({f"status-{here.pk}": "present", f"status-{bad_id}": "present"}),
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()
    assert response.context["errors"]
    assert f'id="s-{here.pk}-present" value="present" checked' in page_text(response)


def test_attendance_post_with_an_unknown_status_saves_nothing(as_trainer, session):
    here = MemberFactory(full_name="Ani Rahmawati")
    other = MemberFactory()
    response = as_trainer.post(
        attendance_url(session),
        with_token({f"status-{other.pk}": "present", f"status-{here.pk}": "sakit"}),
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()
    assert any("sakit" in error for error in response.context["errors"])


def test_adding_a_newcomer_creates_her_present_and_keeps_the_ticks(as_trainer, session):
    ani = MemberFactory()
    response = as_trainer.post(
        attendance_url(session),
        with_token(
            {
                f"status-{ani.pk}": "late",
                "new-full_name": "Rina Marlina",
                "new-whatsapp": "0812-2700-2001",
                "action": "add-member",
            }
        ),
    )
    rina = Member.objects.get(full_name="Rina Marlina")
    assert response.status_code == 302
    assert response["Location"] == f"{attendance_url(session)}#member-{rina.pk}"
    assert rina.whatsapp == "6281227002001"
    assert dict(session.attendances.values_list("member_id", "status")) == {
        ani.pk: "late",
        rina.pk: "present",
    }
    page = page_text(as_trainer.get(attendance_url(session)))
    assert f'id="s-{rina.pk}-present" value="present" checked' in page


def test_adding_a_newcomer_without_a_name_says_so_and_saves_nothing(
    as_trainer, session
):
    ani = MemberFactory()
    with translation.override("en"):
        response = as_trainer.post(
            attendance_url(session),
            with_token({f"status-{ani.pk}": "present", "action": "add-member"}),
        )
    assert response.status_code == 400
    assert not Attendance.objects.exists()
    form = response.context["new_member_form"]
    assert form.errors["full_name"] == ["Tulis nama lengkap anggota baru."]


def test_adding_a_newcomer_with_a_bad_whatsapp_keeps_what_was_typed(
    as_trainer, session
):
    count = Member.objects.count()
    response = as_trainer.post(
        attendance_url(session),
        with_token(
            {
                "new-full_name": "Rina Marlina",
                "new-whatsapp": "12ab",
                "action": "add-member",
            }
        ),
    )
    assert response.status_code == 400
    assert Member.objects.count() == count
    assert 'value="Rina Marlina"' in page_text(response)


def test_adding_a_newcomer_whose_name_is_taken_saves_nothing(as_trainer, session):
    MemberFactory(full_name="Rina Marlina")
    ani = MemberFactory()
    response = as_trainer.post(
        attendance_url(session),
        with_token(
            {
                f"status-{ani.pk}": "present",
                "new-full_name": "Rina Marlina",
                "action": "add-member",
            }
        ),
    )
    assert response.status_code == 400
    assert response.context["new_member_form"].errors["full_name"]
    assert Member.objects.filter(full_name="Rina Marlina").count() == 1
    assert not Attendance.objects.exists()


def _attendance_queries(client, session, members) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as get:
        assert client.get(attendance_url(session)).status_code == 200
    data = {f"status-{m.pk}": "present" for m in members}
    with CaptureQueriesContext(connection) as post:
        assert client.post(attendance_url(session), with_token(data)).status_code == 302
    assert session.attendances.count() == len(members)
    return len(get), len(post)


def test_attendance_page_query_count_does_not_grow_with_members(as_trainer, trainer):
    members = [trainer] + [MemberFactory(password=None) for _ in range(9)]
    small = _attendance_queries(
        as_trainer, TrainingSessionFactory(created_by=trainer.user), members
    )
    members += [MemberFactory(password=None) for _ in range(190)]
    assert Member.objects.active().count() == 200
    large = _attendance_queries(
        as_trainer, TrainingSessionFactory(created_by=trainer.user), members
    )
    assert small == large


# --- progress and assessments -------------------------------------------------------


def test_progress_list_highlights_new_members(as_trainer, trainer):
    today = timezone.localdate()
    MemberFactory(full_name="Rina Baru", join_date=today - timedelta(days=5))
    MemberFactory(full_name="Sri Lama", join_date=date(2015, 1, 1))
    response = as_trainer.get(reverse("training:progress-list"))
    rows = {row.full_name: row for row in response.context["rows"]}
    assert rows["Rina Baru"].is_new
    assert not rows["Sri Lama"].is_new
    # The trainer of the fixture joined today too, but leads and is not listed.
    assert response.context["new_count"] == 1
    assert trainer.pk not in {row.member_id for row in response.context["rows"]}
    assert "is-new" in page_text(response)


def test_member_progress_shows_rate_skills_and_pieces(as_trainer, member):
    AttendanceFactory(member=member, status="present")
    AttendanceFactory(member=member, status="absent")
    SkillAssessmentFactory(member=member, skill=SkillFactory(name="Tas"), level=4)
    response = as_trainer.get(reverse("portal:member-progress", args=[member.pk]))
    assert response.context["attendance"].rate_percent == 50
    levels = {item.skill.name: item.level for item in response.context["skills"]}
    assert levels["Tas"] == 4
    assert isinstance(response.context["pieces"], list)


def test_assessment_form_saves_and_returns_to_the_progress_page(
    as_trainer, member, trainer
):
    skill = SkillFactory(name="Dompet")
    response = as_trainer.post(
        reverse("training:assessment-create", args=[member.pk]),
        with_token(
            {"skill": skill.pk, "level": "3", "date": "2026-03-07", "note": "rapi"}
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:member-progress", args=[member.pk])
    assessment = SkillAssessment.objects.get()
    assert (assessment.member, assessment.level, assessment.assessor) == (
        member,
        3,
        trainer.user,
    )


@pytest.mark.parametrize("level", ["0", "6", "tiga"])
def test_assessment_form_refuses_a_level_outside_1_to_5(as_trainer, member, level):
    skill = SkillFactory()
    with translation.override("en"):
        response = as_trainer.post(
            reverse("training:assessment-create", args=[member.pk]),
            with_token(
                {"skill": skill.pk, "level": level, "date": "2026-03-07", "note": "x"}
            ),
        )
    assert response.status_code == 400
    assert response.context["form"].errors["level"] == ["Tingkat harus antara 1 dan 5."]
    assert not SkillAssessment.objects.exists()
    assert "x</textarea>" in page_text(response)


def test_assessment_of_an_inactive_member_is_refused(as_trainer):
    gone = MemberFactory(is_active=False)
    response = as_trainer.post(
        reverse("training:assessment-create", args=[gone.pk]),
        with_token({"skill": SkillFactory().pk, "level": "3", "date": "2026-03-07"}),
    )
    assert response.status_code == 302
    assert not SkillAssessment.objects.exists()
