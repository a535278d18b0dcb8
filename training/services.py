"""Writes of the training app: sessions, attendance lists, new members, assessments."""

import re
from collections.abc import Iterable, Mapping
from datetime import date, time
from typing import BinaryIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.photos import process_photo
from core.storage import StoredFiles, files_removed_on_error, photo_store
from members.models import Member
from members.roles import Role
from members.services import member_create

from .models import (
    Attendance,
    AttendanceStatus,
    Kind,
    Level,
    SessionPhoto,
    Skill,
    SkillAssessment,
    TrainingSession,
)

# Longest username part made from a name; a number may follow.
_USERNAME_BASE_MAX = 30


def _store_photo(upload: BinaryIO) -> StoredFiles:
    """Clean a photo with the shared pipeline; store the original and a JPEG."""
    processed = process_photo(upload)  # raises PhotoRejected; nothing stored yet
    return photo_store(processed=processed, folder="training/photos", kinds=("jpeg",))


def _replace_photo(session: TrainingSession, stored: StoredFiles) -> None:
    # The old photo's files go once this is committed (see signals).
    SessionPhoto.objects.filter(session=session).delete()
    photo = SessionPhoto(session=session)
    photo.set_files(stored)
    photo.save()


def _save_session(
    session: TrainingSession, trainers: Iterable[Member], photo: BinaryIO | None
) -> TrainingSession:
    if (
        session.start_time
        and session.end_time
        and session.end_time <= session.start_time
    ):
        raise ValidationError(
            {"end_time": _("The end time must be after the start time.")},
            code="ends_before_start",
        )
    session.full_clean()
    stored = _store_photo(photo) if photo is not None else None
    with (
        files_removed_on_error(stored.names() if stored else []),
        transaction.atomic(),
    ):
        session.save()
        session.trainers.set(trainers)
        if stored is not None:
            _replace_photo(session, stored)
    return session


def session_create(
    *,
    topic: str,
    date: date,
    start_time: time,
    end_time: time,
    location: str,
    created_by: AbstractBaseUser,
    trainers: Iterable[Member] = (),
    level: Level = Level.BEGINNER,
    kind: Kind = Kind.WORKSHOP,
    notes: str = "",
    materials: str = "",
    photo: BinaryIO | None = None,
) -> TrainingSession:
    session = TrainingSession(
        topic=topic.strip(),
        date=date,
        start_time=start_time,
        end_time=end_time,
        location=location.strip(),
        level=level,
        kind=kind,
        notes=notes.strip(),
        materials=materials.strip(),
        created_by=created_by,
    )
    return _save_session(session, trainers, photo)


def session_update(
    *,
    session: TrainingSession,
    topic: str,
    date: date,
    start_time: time,
    end_time: time,
    location: str,
    trainers: Iterable[Member] = (),
    level: Level = Level.BEGINNER,
    kind: Kind = Kind.WORKSHOP,
    notes: str = "",
    materials: str = "",
    photo: BinaryIO | None = None,
) -> TrainingSession:
    """Correct a session's details; a new photo replaces the old one."""
    session.topic = topic.strip()
    session.date = date
    session.start_time = start_time
    session.end_time = end_time
    session.location = location.strip()
    session.level = level
    session.kind = kind
    session.notes = notes.strip()
    session.materials = materials.strip()
    return _save_session(session, trainers, photo)


def _pairs(statuses: Mapping[int, str] | Iterable[tuple[int, str]]):
    if isinstance(statuses, Mapping):
        return list(statuses.items())
    return list(statuses)


@transaction.atomic
def attendance_record(
    *,
    session: TrainingSession,
    statuses: Mapping[int, str] | Iterable[tuple[int, str]],
    recorded_by: AbstractBaseUser,
) -> int:
    """Save a session's attendance list in one go; returns the rows written.

    ``statuses`` maps member ids to a status (or is a list of such pairs, as a
    form sends them). Everything is checked before anything is written: a member
    twice, a member who does not exist or is no longer active, or an unknown
    status refuses the whole list. Rows that exist are updated, others added.
    """
    pairs = _pairs(statuses)
    errors: list[str] = []
    seen: set[int] = set()
    doubles: set[int] = set()
    for member_id, _status in pairs:
        (doubles if member_id in seen else seen).add(member_id)

    members = Member.objects.in_bulk(seen)
    existing = {
        row.member_id: row
        for row in Attendance.objects.filter(session=session, member_id__in=seen)
    }

    for member_id in sorted(doubles):
        name = members[member_id].full_name if member_id in members else member_id
        errors.append(
            _(
                "%(name)s is in the list twice. Attendance is recorded once per "
                "member and session."
            )
            % {"name": name}
        )
    missing = sorted(seen - set(members))
    if missing:
        errors.append(
            _(
                "A member in the list does not exist (number %(ids)s). Reload the "
                "page and try again."
            )
            % {"ids": ", ".join(str(member_id) for member_id in missing)}
        )
    for member_id, status in pairs:
        if status not in AttendanceStatus.values:
            name = members[member_id].full_name if member_id in members else member_id
            errors.append(
                _("Unknown attendance status “%(status)s” for %(name)s.")
                % {"status": status, "name": name}
            )
    for member_id, status in pairs:
        member = members.get(member_id)
        if member is None or member.is_active:
            continue
        row = existing.get(member_id)
        if row is None or row.status != status:
            errors.append(
                _(
                    "%(name)s is no longer an active member; her attendance cannot "
                    "be recorded."
                )
                % {"name": member.full_name}
            )
    if errors:
        raise ValidationError(errors, code="invalid_attendance")

    changed = [
        Attendance(session=session, member_id=member_id, status=status)
        for member_id, status in pairs
        if member_id not in existing or existing[member_id].status != status
    ]
    if not changed:
        return 0
    try:
        # One statement whatever the list's length; a row saved meanwhile by
        # another trainer is updated, not duplicated.
        Attendance.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["session", "member"],
            update_fields=["status"],
        )
    except IntegrityError as error:
        raise ValidationError(
            _("The attendance list could not be saved. Reload the page and try again."),
            code="integrity",
        ) from error
    _mark_saved(session, recorded_by)
    return len(changed)


def _mark_saved(session: TrainingSession, recorded_by: AbstractBaseUser) -> None:
    session.attendance_saved_by = recorded_by
    session.attendance_saved_at = timezone.now()
    TrainingSession.objects.filter(pk=session.pk).update(
        attendance_saved_by=recorded_by, attendance_saved_at=session.attendance_saved_at
    )


def _free_username(full_name: str) -> str:
    base = re.sub(r"[^a-z0-9]", "", slugify(full_name))[:_USERNAME_BASE_MAX]
    base = base or "anggota"
    taken = {
        name.lower()
        for name in get_user_model()
        .objects.filter(username__istartswith=base)
        .values_list("username", flat=True)
    }
    if base not in taken:
        return base
    number = 2
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"


@transaction.atomic
def member_add_on_the_spot(
    *,
    full_name: str,
    session: TrainingSession,
    recorded_by: AbstractBaseUser,
    whatsapp: str = "",
) -> Member:
    """A newcomer at a session: a member (Anggota) without a password, present.

    She gets a username made from her name; the admin sets a password later when
    she wants to log in.
    """
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ValidationError(
            {"full_name": _("Write the new member's full name.")}, code="required"
        )
    if Member.objects.active().filter(full_name__iexact=full_name).exists():
        raise ValidationError(
            {
                "full_name": _(
                    "A member called %(name)s is already in the list. Tick her there, "
                    "or add something to tell them apart, e.g. her village."
                )
                % {"name": full_name}
            },
            code="duplicate",
        )
    for _attempt in range(3):
        username = _free_username(full_name)
        try:
            with transaction.atomic():
                member = member_create(
                    username=username,
                    password=None,
                    full_name=full_name,
                    role=Role.MEMBER,
                    whatsapp=whatsapp,
                    notes=_("Added at the training session “%(topic)s” on %(date)s.")
                    % {
                        "topic": session.topic,
                        "date": session.date.strftime("%d-%m-%Y"),
                    },
                )
            break
        except IntegrityError:
            # Someone took the same username a moment ago; pick the next one.
            continue
    else:
        raise ValidationError(_("The member could not be added. Please try again."))
    Attendance.objects.create(
        session=session, member=member, status=AttendanceStatus.PRESENT
    )
    _mark_saved(session, recorded_by)
    return member


def assessment_record(
    *,
    member: Member,
    skill: Skill,
    level: int,
    assessor: AbstractBaseUser,
    date: date | None = None,
    note: str = "",
) -> SkillAssessment:
    if not member.is_active:
        raise ValidationError(
            _("%(name)s is no longer an active member; she cannot be assessed.")
            % {"name": member.full_name},
            code="inactive",
        )
    assessment = SkillAssessment(
        member=member,
        skill=skill,
        level=level,
        assessor=assessor,
        date=date or timezone.localdate(),
        note=note.strip(),
    )
    assessment.full_clean()
    assessment.save()
    return assessment
