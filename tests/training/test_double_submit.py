"""Sessions, attendance, newcomers and assessments sent twice are written once."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from members.models import Member
from tests.conftest import forms_without_token, with_token
from tests.members.factories import MemberFactory
from tests.training.factories import SkillFactory
from training.models import Attendance, SkillAssessment, TrainingSession

pytestmark = pytest.mark.django_db

ALREADY_SAVED = "This was already saved; here is the result."
NO_TOKEN = "This form has no valid one-time code, so nothing was saved."

SESSION_POST = {
    "topic": "Pelatihan tas rajut",
    "date": "2026-03-07",
    "start_time": "09:00",
    "end_time": "12:00",
    "location": "Balai Desa Kalikajar",
    "kind": "workshop",
    "level": "beginner",
}


@pytest.fixture
def as_trainer(trainer):
    client = Client()
    client.force_login(trainer.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def attendance_url(session) -> str:
    return reverse("training:session-attendance", args=[session.pk])


def assert_led_to_first(first, second) -> None:
    assert first.status_code == 302
    assert second.status_code == 303
    assert second["Location"] == first["Location"]
    assert texts(second)[-1] == ALREADY_SAVED


# Sessions ---------------------------------------------------------------------


def test_a_new_session_sent_twice_makes_one_session(as_trainer, trainer):
    data = with_token({**SESSION_POST, "trainers": [trainer.pk]})
    first = as_trainer.post(reverse("training:session-create"), data)
    second = as_trainer.post(reverse("training:session-create"), data)
    assert_led_to_first(first, second)
    session = TrainingSession.objects.get()
    assert first["Location"] == session.get_attendance_url()


def test_a_new_session_refused_goes_through_once_with_the_same_token(as_trainer):
    data = with_token({**SESSION_POST, "start_time": "13:00", "end_time": "11:00"})
    refused = as_trainer.post(reverse("training:session-create"), data)
    assert refused.status_code == 400
    assert not TrainingSession.objects.exists()
    assert forms_without_token(refused) == []

    corrected = {**data, "start_time": "09:00"}
    saved = as_trainer.post(reverse("training:session-create"), corrected)
    again = as_trainer.post(reverse("training:session-create"), corrected)
    assert_led_to_first(saved, again)
    assert TrainingSession.objects.count() == 1


def test_a_new_session_without_a_token_is_refused_and_saves_nothing(as_trainer):
    response = as_trainer.post(reverse("training:session-create"), SESSION_POST)
    assert response.status_code == 400
    assert NO_TOKEN in response.content.decode()
    assert not TrainingSession.objects.exists()


def test_a_session_change_sent_twice_is_saved_once(as_trainer, session, trainer):
    url = reverse("training:session-edit", args=[session.pk])
    data = with_token({**SESSION_POST, "topic": "Diubah", "trainers": [trainer.pk]})
    first = as_trainer.post(url, data)
    session.refresh_from_db()
    changed_at = session.updated_at
    second = as_trainer.post(url, data)
    assert_led_to_first(first, second)
    session.refresh_from_db()
    assert (session.topic, session.updated_at) == ("Diubah", changed_at)


def test_the_session_forms_carry_a_token(as_trainer, session):
    for url in (
        reverse("training:session-create"),
        reverse("training:session-edit", args=[session.pk]),
    ):
        response = as_trainer.get(url)
        assert response.content.decode().count('name="form_token"') == 1
        assert forms_without_token(response) == []


# Attendance -------------------------------------------------------------------


def test_attendance_sent_twice_is_saved_once(as_trainer, session):
    sri, wati = MemberFactory(), MemberFactory()
    data = with_token(
        {f"status-{sri.pk}": "present", f"status-{wati.pk}": "late", "action": "save"}
    )
    first = as_trainer.post(attendance_url(session), data)
    session.refresh_from_db()
    saved_at = session.attendance_saved_at
    second = as_trainer.post(attendance_url(session), data)
    assert_led_to_first(first, second)
    assert dict(session.attendances.values_list("member_id", "status")) == {
        sri.pk: "present",
        wati.pk: "late",
    }
    session.refresh_from_db()
    assert session.attendance_saved_at == saved_at


def test_attendance_refused_goes_through_once_with_the_same_token(as_trainer, session):
    sri = MemberFactory()
    token = with_token()
    refused = as_trainer.post(
        attendance_url(session), {**token, f"status-{sri.pk}": "sakit"}
    )
    assert refused.status_code == 400
    assert not Attendance.objects.exists()
    assert forms_without_token(refused) == []

    corrected = {**token, f"status-{sri.pk}": "excused"}
    saved = as_trainer.post(attendance_url(session), corrected)
    again = as_trainer.post(attendance_url(session), corrected)
    assert_led_to_first(saved, again)
    assert list(Attendance.objects.values_list("status", flat=True)) == ["excused"]


def test_attendance_without_a_token_is_refused_and_saves_nothing(as_trainer, session):
    sri = MemberFactory()
    response = as_trainer.post(attendance_url(session), {f"status-{sri.pk}": "present"})
    assert response.status_code == 400
    assert NO_TOKEN in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_newcomer_added_twice_becomes_one_member(as_trainer, session):
    data = with_token(
        {
            "new-full_name": "Rina Marlina",
            "new-whatsapp": "0812-2700-2001",
            "action": "add-member",
        }
    )
    first = as_trainer.post(attendance_url(session), data)
    second = as_trainer.post(attendance_url(session), data)
    rina = Member.objects.get(full_name="Rina Marlina")
    assert first["Location"] == f"{attendance_url(session)}#member-{rina.pk}"
    assert_led_to_first(first, second)
    assert list(session.attendances.values_list("member_id", flat=True)) == [rina.pk]


def test_a_newcomer_without_a_name_goes_through_once_with_the_same_token(
    as_trainer, session
):
    token = with_token({"action": "add-member", "new-whatsapp": "081227002001"})
    refused = as_trainer.post(attendance_url(session), token)
    assert refused.status_code == 400
    count = Member.objects.count()

    corrected = {**token, "new-full_name": "Rina Marlina"}
    saved = as_trainer.post(attendance_url(session), corrected)
    again = as_trainer.post(attendance_url(session), corrected)
    assert_led_to_first(saved, again)
    assert Member.objects.count() == count + 1


def test_a_newcomer_without_a_token_is_refused_and_not_added(as_trainer, session):
    count = Member.objects.count()
    response = as_trainer.post(
        attendance_url(session),
        {"new-full_name": "Rina Marlina", "action": "add-member"},
    )
    assert response.status_code == 400
    assert NO_TOKEN in response.content.decode()
    assert Member.objects.count() == count


def test_the_attendance_form_carries_one_token(as_trainer, session):
    MemberFactory()
    response = as_trainer.get(attendance_url(session))
    assert response.content.decode().count('name="form_token"') == 1
    assert forms_without_token(response) == []


# Assessments ------------------------------------------------------------------


def test_an_assessment_sent_twice_is_saved_once(as_trainer, member):
    url = reverse("training:assessment-create", args=[member.pk])
    skill = SkillFactory()
    data = with_token({"skill": skill.pk, "level": "3", "date": "2026-03-07"})
    first = as_trainer.post(url, data)
    second = as_trainer.post(url, data)
    assert_led_to_first(first, second)
    assert SkillAssessment.objects.count() == 1


def test_an_assessment_without_a_token_is_refused_and_saves_nothing(as_trainer, member):
    url = reverse("training:assessment-create", args=[member.pk])
    response = as_trainer.post(
        url, {"skill": SkillFactory().pk, "level": "3", "date": "2026-03-07"}
    )
    assert response.status_code == 400
    assert not SkillAssessment.objects.exists()


def test_the_assessment_form_carries_a_token(as_trainer, member):
    response = as_trainer.get(reverse("training:assessment-create", args=[member.pk]))
    assert forms_without_token(response) == []
    assert response.content.decode().count('name="form_token"') == 1
