"""Reads of the training app for reports and member pages."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone

from members.models import Member
from members.roles import Role

from .models import (
    ATTENDED,
    Attendance,
    Skill,
    SkillAssessment,
    TrainingSession,
    attendance_counts,
    attendance_rate,
)

# A member who joined this recently is still "new": the co-op watches her work.
NEW_MEMBER_DAYS = 90
RECENT_ATTENDANCE = 10


def new_member_since(today: date | None = None) -> date:
    return (today or timezone.localdate()) - timedelta(days=NEW_MEMBER_DAYS)


@dataclass
class AttendanceSummary:
    total: int = 0
    present: int = 0
    late: int = 0
    excused: int = 0
    absent: int = 0
    # round(100 * (present + late) / total); None before her first session.
    rate_percent: int | None = None
    recent: list[Attendance] = field(default_factory=list)

    @property
    def attended(self) -> int:
        return self.present + self.late


def member_attendance_summary(*, member: Member) -> AttendanceSummary:
    """One member's attendance counts and her latest sessions."""
    counts = Attendance.objects.filter(member=member).aggregate(**attendance_counts())
    recent = list(
        Attendance.objects.filter(member=member)
        .select_related("session")
        .order_by("-session__date", "-session__start_time", "-id")[:RECENT_ATTENDANCE]
    )
    return AttendanceSummary(
        **counts,
        rate_percent=attendance_rate(
            counts["present"] + counts["late"], counts["total"]
        ),
        recent=recent,
    )


def sessions_with_counts(
    *, date_from: date | None = None, date_to: date | None = None
) -> QuerySet[TrainingSession]:
    """Sessions, newest first, each with its attendance counts per status."""
    return (
        TrainingSession.objects.between(date_from, date_to)
        .with_attendance_counts()
        .order_by("-date", "-start_time", "-id")
    )


@dataclass
class MemberAttendanceRow:
    member_id: int
    full_name: str
    join_date: date
    is_active: bool
    total: int
    present: int
    late: int
    excused: int
    absent: int
    is_new: bool = False

    @property
    def attended(self) -> int:
        return self.present + self.late

    @property
    def rate_percent(self) -> int | None:
        return attendance_rate(self.attended, self.total)


def _member_rows(queryset: QuerySet[Member], since: date) -> list[MemberAttendanceRow]:
    rows = queryset.values(
        "id",
        "full_name",
        "join_date",
        "is_active",
        "total",
        "present",
        "late",
        "excused",
        "absent",
    )
    return [
        MemberAttendanceRow(
            member_id=row.pop("id"), is_new=row["join_date"] >= since, **row
        )
        for row in rows
    ]


def member_attendance_report(
    *, date_from: date | None = None, date_to: date | None = None
) -> list[MemberAttendanceRow]:
    """Per member: attendance counts in the period.

    Active members with the member role are always listed; anyone else only
    with attendance in the period (trainers and admins lead the sessions).
    """
    period = Q()
    if date_from:
        period &= Q(attendances__session__date__gte=date_from)
    if date_to:
        period &= Q(attendances__session__date__lte=date_to)
    queryset = (
        Member.objects.annotate(**attendance_counts("attendances__", period))
        .filter(Q(is_active=True, pk__in=_attendees().values("pk")) | Q(total__gt=0))
        .order_by("full_name", "id")
    )
    return _member_rows(queryset, new_member_since())


def progress_list(*, only_new: bool = False) -> list[MemberAttendanceRow]:
    """Active members (member role) with their all-time attendance, for the
    progress page."""
    since = new_member_since()
    queryset = (
        Member.objects.active()
        .filter(pk__in=_attendees().values("pk"))
        .annotate(**attendance_counts("attendances__"))
    )
    if only_new:
        queryset = queryset.filter(join_date__gte=since)
    return _member_rows(queryset.order_by("full_name", "id"), since)


@dataclass
class MonthRow:
    month: date
    sessions: int = 0
    attendances: int = 0
    participants: int = 0


def sessions_per_month(
    *, date_from: date | None = None, date_to: date | None = None
) -> list[MonthRow]:
    """Sessions, attendances (present or late) and distinct participants per month.

    One query on sessions and one on attendance; newest month first.
    """
    sessions = (
        TrainingSession.objects.between(date_from, date_to)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(sessions=Count("id"))
        .order_by()
    )
    attendance = Attendance.objects.filter(status__in=ATTENDED)
    if date_from:
        attendance = attendance.filter(session__date__gte=date_from)
    if date_to:
        attendance = attendance.filter(session__date__lte=date_to)
    attendance = (
        attendance.annotate(month=TruncMonth("session__date"))
        .values("month")
        .annotate(attendances=Count("id"), participants=Count("member", distinct=True))
        .order_by()
    )
    months: dict[date, MonthRow] = {}
    for row in sessions:
        months[row["month"]] = MonthRow(month=row["month"], sessions=row["sessions"])
    for row in attendance:
        month = months.setdefault(row["month"], MonthRow(month=row["month"]))
        month.attendances = row["attendances"]
        month.participants = row["participants"]
    return sorted(months.values(), key=lambda row: row.month, reverse=True)


def attendance_sheet(*, session: TrainingSession) -> list[Member]:
    """Who belongs on a session's attendance list, each with her saved status.

    Active members with the member role (Anggota), and inactive ones who already
    have a row in this session so their record stays visible. Trainers and admins
    lead the session and are not on it. Two queries whatever the number of members.
    """
    saved = dict(
        Attendance.objects.filter(session=session).values_list("member_id", "status")
    )
    members = list(
        _attendees()
        .filter(Q(is_active=True) | Q(pk__in=list(saved)))
        .only("id", "full_name", "join_date", "is_active")
        .order_by("full_name", "id")
    )
    for member in members:
        member.saved_status = saved.get(member.pk, "")
    return members


def _attendees() -> QuerySet[Member]:
    """Who a session's attendance list is for: members with the member role."""
    return Member.objects.with_role(Role.MEMBER)


def session_unmarked(*, session: TrainingSession) -> QuerySet[Member]:
    """Active members on the session's list who have no attendance row in it."""
    return (
        _attendees()
        .active()
        .exclude(attendances__session=session)
        .only("id", "full_name")
        .order_by("full_name", "id")
    )


def session_attendance(*, session: TrainingSession) -> QuerySet[Attendance]:
    return session.attendances.select_related("member").order_by(
        "status", "member__full_name"
    )


@dataclass
class SkillProgress:
    skill: Skill
    level: int | None
    previous_level: int | None
    assessed_on: date | None

    @property
    def change(self) -> int | None:
        if self.level is None or self.previous_level is None:
            return None
        return self.level - self.previous_level


def member_skill_levels(*, member: Member) -> list[SkillProgress]:
    """Every skill with this member's latest and previous level (one query)."""
    latest = SkillAssessment.objects.filter(
        member=member, skill=OuterRef("pk")
    ).order_by("-date", "-id")
    skills = Skill.objects.annotate(
        latest_level=Subquery(latest.values("level")[:1]),
        previous_level=Subquery(latest.values("level")[1:2]),
        assessed_on=Subquery(latest.values("date")[:1]),
    )
    return [
        SkillProgress(
            skill=skill,
            level=skill.latest_level,
            previous_level=skill.previous_level,
            assessed_on=skill.assessed_on,
        )
        for skill in skills
    ]


def member_assessments(*, member: Member) -> QuerySet[SkillAssessment]:
    return (
        SkillAssessment.objects.filter(member=member)
        .select_related("skill", "assessor__member")
        .order_by("-date", "-id")
    )
