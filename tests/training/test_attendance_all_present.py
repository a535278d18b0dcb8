"""The attendance list's "All present" button, with and without JavaScript."""

import re

import pytest
from django.utils import translation

from core.once import FIELD, new_token
from tests.conftest import with_token
from tests.members.factories import MemberFactory
from tests.training.factories import AttendanceFactory
from training.models import Attendance

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


CHECKED = re.compile(r'name="status-(\d+)" id="[^"]+" value="(\w+)" checked')


@pytest.fixture
def as_trainer(client, trainer):
    client.force_login(trainer.user)
    return client


@pytest.fixture
def knitters(db):
    return [MemberFactory(full_name=f"Peserta {n:02d}") for n in range(1, 12)]


def ticked(response) -> dict[int, str]:
    return {int(pk): value for pk, value in CHECKED.findall(response.content.decode())}


def saved(session) -> dict[int, str]:
    return dict(session.attendances.values_list("member_id", "status"))


def test_all_present_ticks_everyone_and_saves_nothing_yet(
    as_trainer, session, knitters
):
    response = as_trainer.post(
        session.get_attendance_url(), with_token({"all_present": "1"})
    )
    assert response.status_code == 200
    assert ticked(response) == {m.pk: "present" for m in knitters}
    assert "Not saved yet" in response.content.decode()
    assert not Attendance.objects.exists()


def test_all_present_then_save_records_all_11_present(as_trainer, session, knitters):
    url = session.get_attendance_url()
    shown = ticked(as_trainer.post(url, with_token({"all_present": "1"})))
    data = {f"status-{pk}": value for pk, value in shown.items()}
    response = as_trainer.post(url, with_token({**data, "action": "save"}))
    assert response.status_code == 302
    assert saved(session) == {m.pk: "present" for m in knitters}


def test_all_present_keeps_the_exceptions_ticked_before(as_trainer, session, knitters):
    late, away, *rest = knitters
    url = session.get_attendance_url()
    response = as_trainer.post(
        url,
        with_token(
            {
                f"status-{late.pk}": "late",
                f"status-{away.pk}": "excused",
                "all_present": "1",
            }
        ),
    )
    shown = ticked(response)
    assert shown == {
        late.pk: "late",
        away.pk: "excused",
        **{m.pk: "present" for m in rest},
    }
    data = {f"status-{pk}": value for pk, value in shown.items()}
    as_trainer.post(url, with_token({**data, "action": "save"}))
    assert saved(session) == shown


def test_all_present_keeps_saved_statuses(as_trainer, session, knitters):
    AttendanceFactory(session=session, member=knitters[0], status="absent")
    response = as_trainer.post(
        session.get_attendance_url(),
        with_token({f"status-{knitters[0].pk}": "absent", "all_present": "1"}),
    )
    assert ticked(response)[knitters[0].pk] == "absent"
    assert saved(session) == {knitters[0].pk: "absent"}


def test_all_present_leaves_trainers_and_inactive_members_out(
    as_trainer, session, trainer, admin_member, member
):
    gone = MemberFactory(is_active=False)
    AttendanceFactory(session=session, member=gone, status="late")
    response = as_trainer.post(
        session.get_attendance_url(), with_token({"all_present": "1"})
    )
    assert ticked(response) == {member.pk: "present"}


def test_all_present_does_not_use_up_the_form_token(as_trainer, session, member):
    url = session.get_attendance_url()
    token = new_token()
    as_trainer.post(url, {"all_present": "1", FIELD: token})
    response = as_trainer.post(
        url, {f"status-{member.pk}": "present", "action": "save", FIELD: token}
    )
    assert response.status_code == 302
    assert saved(session) == {member.pk: "present"}
    # The same list sent once more writes nothing new and leads to the result.
    again = as_trainer.post(
        url, {f"status-{member.pk}": "late", "action": "save", FIELD: token}
    )
    assert again.status_code == 303
    assert saved(session) == {member.pk: "present"}


def test_all_present_without_a_token_is_refused(as_trainer, session, member):
    response = as_trainer.post(session.get_attendance_url(), {"all_present": "1"})
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_all_present_keeps_a_newcomer_name_typed_but_does_not_add_her(
    as_trainer, session, member
):
    response = as_trainer.post(
        session.get_attendance_url(),
        with_token(
            {
                "all_present": "1",
                "new-full_name": "Rina Marlina",
                "new-whatsapp": "0812",
            }
        ),
    )
    text = response.content.decode()
    assert 'value="Rina Marlina"' in text
    assert "is-invalid" not in text.split('id="new-member"')[1]
    assert not Attendance.objects.exists()
    assert not session.attendances.filter(member__full_name="Rina Marlina").exists()


def test_all_present_with_a_broken_member_number_says_so_and_keeps_the_ticks(
    as_trainer, session, knitters
):
    response = as_trainer.post(
        session.get_attendance_url(),
        with_token(
            {
                f"status-{knitters[0].pk}": "late",
                "status-abc": "present",
                "all_present": "1",
            }
        ),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "does not exist" in text
    # Nothing is ticked for her: the trainer sees the list as she left it.
    assert ticked(response) == {knitters[0].pk: "late"}
    assert not Attendance.objects.exists()


def test_saving_after_all_present_with_an_unknown_status_saves_nothing(
    as_trainer, session, knitters
):
    data = {f"status-{m.pk}": "present" for m in knitters}
    data[f"status-{knitters[3].pk}"] = "sakit"
    response = as_trainer.post(
        session.get_attendance_url(), with_token({**data, "action": "save"})
    )
    assert response.status_code == 400
    assert "sakit" in response.content.decode()
    assert not Attendance.objects.exists()
    # The other ten stay ticked as they were sent.
    shown = ticked(response)
    assert len(shown) == 10
    assert set(shown.values()) == {"present"}
