import io
from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import translation
from PIL import Image

from members.models import Member
from members.roles import Role, user_roles
from tests.members.factories import MemberFactory
from tests.training.factories import (
    AttendanceFactory,
    SkillFactory,
    jpeg_upload,
)
from training import services
from training.models import Attendance, Kind, Level, SkillAssessment, TrainingSession

pytestmark = pytest.mark.django_db


def create_session(trainer, **overrides):
    values = {
        "topic": "Pelatihan dasar",
        "date": date(2026, 3, 7),
        "start_time": time(9, 0),
        "end_time": time(12, 0),
        "location": "Balai Desa Kalikajar",
        "trainers": [trainer],
        "level": Level.BEGINNER,
        "kind": Kind.WORKSHOP,
        "created_by": trainer.user,
    }
    values.update(overrides)
    return services.session_create(**values)


# --- session_create ---------------------------------------------------------------


def test_session_create_saves_the_session_with_its_trainers(trainer):
    session = create_session(trainer)
    assert session.pk
    assert list(session.trainers.all()) == [trainer]
    assert session.created_by == trainer.user


def test_session_create_refuses_an_end_time_before_the_start_time(trainer):
    with pytest.raises(ValidationError) as error, translation.override("en"):
        create_session(trainer, start_time=time(13, 0), end_time=time(12, 30))
    assert error.value.message_dict["end_time"] == [
        "The end time must be after the start time."
    ]
    assert not TrainingSession.objects.exists()


def test_session_create_refuses_an_end_time_equal_to_the_start_time(trainer):
    with pytest.raises(ValidationError):
        create_session(trainer, start_time=time(9, 0), end_time=time(9, 0))
    assert not TrainingSession.objects.exists()


def test_session_create_stores_a_cleaned_photo_without_its_metadata(trainer):
    session = create_session(trainer, photo=jpeg_upload())
    photo = TrainingSession.objects.get(pk=session.pk).photo
    assert photo.original.name.startswith("training/photos/")
    # Only the fallback JPEG: neither WebP nor the shop's share JPEG.
    assert [r["kind"] for r in photo.renditions] == ["jpeg"]
    assert photo.rendition("share") is None
    assert (photo.width, photo.height) == (900, 600)
    with default_storage.open(photo.rendition("jpeg")["name"]) as stored:
        image = Image.open(stored)
        assert image.width == 640
        assert not image.getexif()


def test_session_create_refuses_a_file_that_is_not_a_photo_and_saves_nothing(
    trainer, _media_root
):
    with pytest.raises(ValidationError):
        create_session(trainer, photo=io.BytesIO(b"not a photo at all"))
    assert not TrainingSession.objects.exists()
    assert not (_media_root / "training").exists()


# --- attendance_record ------------------------------------------------------------


def test_attendance_record_adds_one_row_per_member(session, trainer):
    sri, wati = MemberFactory(), MemberFactory()
    written = services.attendance_record(
        session=session,
        statuses={sri.pk: "present", wati.pk: "excused"},
        recorded_by=trainer.user,
    )
    assert written == 2
    assert dict(session.attendances.values_list("member_id", "status")) == {
        sri.pk: "present",
        wati.pk: "excused",
    }


def test_attendance_record_notes_who_saved_the_list(session, trainer):
    services.attendance_record(
        session=session, statuses={MemberFactory().pk: "late"}, recorded_by=trainer.user
    )
    session.refresh_from_db()
    assert session.attendance_saved_by == trainer.user
    assert session.attendance_saved_at is not None


def test_attendance_record_a_second_time_updates_instead_of_duplicating(
    session, trainer
):
    sri = MemberFactory()
    services.attendance_record(
        session=session, statuses={sri.pk: "absent"}, recorded_by=trainer.user
    )
    services.attendance_record(
        session=session, statuses={sri.pk: "late"}, recorded_by=trainer.user
    )
    assert list(session.attendances.values_list("status", flat=True)) == ["late"]


def test_attendance_record_refuses_the_same_member_twice_and_saves_nothing(
    session, trainer
):
    sri, wati = MemberFactory(full_name="Sri Wahyuni"), MemberFactory()
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            session=session,
            statuses=[(wati.pk, "present"), (sri.pk, "present"), (sri.pk, "late")],
            recorded_by=trainer.user,
        )
    assert "Sri Wahyuni" in error.value.messages[0]
    assert not Attendance.objects.exists()


def test_attendance_record_refuses_an_inactive_member_and_saves_nothing(
    session, trainer
):
    gone = MemberFactory(full_name="Wati Susanti", is_active=False)
    here = MemberFactory()
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            session=session,
            statuses={here.pk: "present", gone.pk: "present"},
            recorded_by=trainer.user,
        )
    assert "Wati Susanti" in error.value.messages[0]
    assert not Attendance.objects.exists()


def test_attendance_record_keeps_an_unchanged_row_of_a_member_who_left(
    session, trainer
):
    gone = MemberFactory()
    AttendanceFactory(session=session, member=gone, status="present")
    gone.is_active = False
    gone.save()
    here = MemberFactory()
    services.attendance_record(
        session=session,
        statuses={gone.pk: "present", here.pk: "late"},
        recorded_by=trainer.user,
    )
    assert session.attendances.count() == 2


def test_attendance_record_refuses_a_member_that_does_not_exist(session, trainer):
    here = MemberFactory()
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            session=session,
            statuses={here.pk: "present", 999999: "present"},
            recorded_by=trainer.user,
        )
    assert "999999" in error.value.messages[0]
    assert not Attendance.objects.exists()


def test_attendance_record_refuses_an_unknown_status(session, trainer):
    here = MemberFactory(full_name="Ani Rahmawati")
    other = MemberFactory()
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            session=session,
            statuses={other.pk: "present", here.pk: "sakit"},
            recorded_by=trainer.user,
        )
    assert "sakit" in error.value.messages[0]
    assert "Ani Rahmawati" in error.value.messages[0]
    assert not Attendance.objects.exists()


# --- member_add_on_the_spot -------------------------------------------------------


def test_member_added_on_the_spot_is_an_anggota_without_a_password(session, trainer):
    member = services.member_add_on_the_spot(
        full_name="  Rina   Marlina ",
        whatsapp="6281227002001",
        session=session,
        recorded_by=trainer.user,
    )
    assert member.full_name == "Rina Marlina"
    assert member.is_active
    assert user_roles(member.user) == {Role.MEMBER}
    assert not member.user.has_usable_password()
    assert member.user.username == "rinamarlina"
    assert member.whatsapp == "6281227002001"


def test_member_added_on_the_spot_is_marked_present(session, trainer):
    member = services.member_add_on_the_spot(
        full_name="Rina Marlina", session=session, recorded_by=trainer.user
    )
    assert Attendance.objects.get(session=session, member=member).status == "present"


def test_member_added_on_the_spot_gets_a_username_nobody_has(session, trainer):
    MemberFactory(username="rina")
    MemberFactory(username="rina2", is_active=False, full_name="Rina lama")
    member = services.member_add_on_the_spot(
        full_name="Rina", session=session, recorded_by=trainer.user
    )
    assert member.user.username == "rina3"


def test_member_added_on_the_spot_twice_with_the_same_name_is_refused(session, trainer):
    services.member_add_on_the_spot(
        full_name="Rina Marlina", session=session, recorded_by=trainer.user
    )
    with pytest.raises(ValidationError) as error:
        services.member_add_on_the_spot(
            full_name="rina marlina", session=session, recorded_by=trainer.user
        )
    assert "full_name" in error.value.message_dict
    assert Member.objects.filter(full_name__iexact="rina marlina").count() == 1


def test_member_added_on_the_spot_needs_a_name(session, trainer):
    with pytest.raises(ValidationError):
        services.member_add_on_the_spot(
            full_name="   ", session=session, recorded_by=trainer.user
        )
    assert Member.objects.count() == 1  # only the trainer


# --- assessment_record ------------------------------------------------------------


def test_assessment_record_saves_the_level_and_the_assessor(member, trainer):
    skill = SkillFactory(name="Tas")
    assessment = services.assessment_record(
        member=member, skill=skill, level=4, assessor=trainer.user, note=" rapi "
    )
    assert (assessment.level, assessment.assessor, assessment.note) == (
        4,
        trainer.user,
        "rapi",
    )


@pytest.mark.parametrize("level", [0, 6, -1])
def test_assessment_record_refuses_a_level_outside_1_to_5(member, trainer, level):
    with pytest.raises(ValidationError) as error:
        services.assessment_record(
            member=member, skill=SkillFactory(), level=level, assessor=trainer.user
        )
    assert "level" in error.value.message_dict
    assert not SkillAssessment.objects.exists()


def test_assessment_record_refuses_an_inactive_member(trainer):
    gone = MemberFactory(is_active=False)
    with pytest.raises(ValidationError):
        services.assessment_record(
            member=gone, skill=SkillFactory(), level=3, assessor=trainer.user
        )
    assert not SkillAssessment.objects.exists()


def test_session_update_replaces_the_photo_and_removes_the_old_files(
    trainer, django_capture_on_commit_callbacks
):
    session = create_session(trainer, photo=jpeg_upload())
    old = session.photo.file_names()
    with django_capture_on_commit_callbacks(execute=True):
        services.session_update(
            session=session,
            topic=session.topic,
            date=session.date,
            start_time=session.start_time,
            end_time=session.end_time,
            location=session.location,
            trainers=[trainer],
            photo=jpeg_upload(),
        )
    new = TrainingSession.objects.get(pk=session.pk).photo.file_names()
    assert set(new).isdisjoint(old)
    assert all(default_storage.exists(name) for name in new)
    assert not any(default_storage.exists(name) for name in old)


def test_session_update_refuses_an_end_before_the_start_and_keeps_the_row(trainer):
    session = create_session(trainer)
    with pytest.raises(ValidationError):
        services.session_update(
            session=session,
            topic="Diubah",
            date=session.date,
            start_time=time(15, 0),
            end_time=time(14, 0),
            location=session.location,
        )
    session.refresh_from_db()
    assert session.topic == "Pelatihan dasar"
