from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.members.factories import MemberFactory
from tests.training.factories import (
    AttendanceFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TrainingSessionFactory,
)
from training import selectors
from training.selectors import AttendanceSummary

pytestmark = pytest.mark.django_db


def attend(member, statuses, start=date(2026, 1, 5)):
    for offset, status in enumerate(statuses):
        AttendanceFactory(
            member=member,
            status=status,
            session=TrainingSessionFactory(date=start + timedelta(days=offset)),
        )


def test_attendance_summary_counts_each_status(member):
    attend(member, ["present", "present", "late", "excused", "absent", "absent"])
    summary = selectors.member_attendance_summary(member=member)
    assert isinstance(summary, AttendanceSummary)
    assert (summary.total, summary.present, summary.late) == (6, 2, 1)
    assert (summary.excused, summary.absent) == (1, 2)


def test_attendance_summary_rate_counts_present_and_late(member):
    attend(member, ["present", "late", "absent"])
    assert selectors.member_attendance_summary(member=member).rate_percent == 67


def test_attendance_summary_rate_is_none_before_any_session(member):
    summary = selectors.member_attendance_summary(member=member)
    assert summary.total == 0
    assert summary.rate_percent is None
    assert summary.recent == []


def test_attendance_summary_counts_only_this_member(member):
    attend(member, ["present"])
    attend(MemberFactory(), ["absent", "absent"])
    assert selectors.member_attendance_summary(member=member).total == 1


def test_attendance_summary_lists_the_latest_ten_sessions_newest_first(member):
    attend(member, ["present"] * 12)
    recent = selectors.member_attendance_summary(member=member).recent
    assert len(recent) == 10
    assert recent[0].session.date == date(2026, 1, 16)
    assert recent[-1].session.date == date(2026, 1, 7)


def test_attendance_summary_recent_needs_no_query_per_row(
    member, django_assert_num_queries
):
    attend(member, ["present"] * 5)
    with django_assert_num_queries(2):
        summary = selectors.member_attendance_summary(member=member)
        topics = [row.session.topic for row in summary.recent]
    assert len(topics) == 5


def test_sessions_with_counts_counts_each_status_per_session(session):
    for status in ["present", "present", "late", "excused", "absent"]:
        AttendanceFactory(session=session, member=MemberFactory(), status=status)
    row = selectors.sessions_with_counts().get(pk=session.pk)
    assert (row.present, row.late, row.excused, row.absent, row.total) == (
        2,
        1,
        1,
        1,
        5,
    )


def test_sessions_with_counts_keeps_to_the_period():
    TrainingSessionFactory(date=date(2026, 1, 31))
    inside = TrainingSessionFactory(date=date(2026, 2, 1))
    TrainingSessionFactory(date=date(2026, 3, 1))
    rows = selectors.sessions_with_counts(
        date_from=date(2026, 2, 1), date_to=date(2026, 2, 28)
    )
    assert list(rows) == [inside]


def test_member_report_counts_only_sessions_in_the_period(member):
    attend(member, ["present", "absent", "late"], start=date(2026, 1, 30))
    rows = selectors.member_attendance_report(
        date_from=date(2026, 1, 31), date_to=date(2026, 2, 28)
    )
    row = next(r for r in rows if r.member_id == member.pk)
    assert (row.total, row.present, row.absent, row.late) == (2, 0, 1, 1)
    assert row.rate_percent == 50


def test_member_report_lists_active_members_without_attendance(member):
    rows = selectors.member_attendance_report()
    row = next(r for r in rows if r.member_id == member.pk)
    assert row.total == 0
    assert row.rate_percent is None


def test_member_report_leaves_out_inactive_members_without_attendance():
    gone = MemberFactory(is_active=False)
    assert gone.pk not in {r.member_id for r in selectors.member_attendance_report()}


def test_trainers_and_admins_are_left_out_of_the_member_lists(role_groups):
    from members.roles import Role

    member = MemberFactory()
    staff = [MemberFactory(role=Role.TRAINER), MemberFactory(role=Role.ADMIN)]
    listed = {r.member_id for r in selectors.member_attendance_report()}
    progress = {r.member_id for r in selectors.progress_list()}

    assert member.pk in listed and member.pk in progress
    for person in staff:
        assert person.pk not in listed
        assert person.pk not in progress


def test_sessions_per_month_counts_sessions_attendances_and_people():
    sri, wati = MemberFactory(), MemberFactory()
    january = TrainingSessionFactory(date=date(2026, 1, 10))
    january_two = TrainingSessionFactory(date=date(2026, 1, 24))
    february = TrainingSessionFactory(date=date(2026, 2, 3))
    TrainingSessionFactory(date=date(2026, 3, 3))  # nobody recorded
    AttendanceFactory(session=january, member=sri, status="present")
    AttendanceFactory(session=january, member=wati, status="absent")
    AttendanceFactory(session=january_two, member=sri, status="late")
    AttendanceFactory(session=february, member=wati, status="present")
    rows = selectors.sessions_per_month()
    assert [(r.month, r.sessions, r.attendances, r.participants) for r in rows] == [
        (date(2026, 3, 1), 1, 0, 0),
        (date(2026, 2, 1), 1, 1, 1),
        (date(2026, 1, 1), 2, 2, 1),
    ]


def test_sessions_per_month_uses_one_query_per_table(django_assert_num_queries):
    for day in range(1, 20):
        AttendanceFactory(session=TrainingSessionFactory(date=date(2026, 1, day)))
    with django_assert_num_queries(2):
        selectors.sessions_per_month()


def test_progress_list_marks_members_who_joined_in_the_last_90_days():
    today = timezone.localdate()
    new = MemberFactory(join_date=today - timedelta(days=89))
    old = MemberFactory(join_date=today - timedelta(days=91))
    rows = {r.member_id: r for r in selectors.progress_list()}
    assert rows[new.pk].is_new
    assert not rows[old.pk].is_new


def test_progress_list_can_show_only_new_members():
    today = timezone.localdate()
    new = MemberFactory(join_date=today - timedelta(days=10))
    MemberFactory(join_date=today - timedelta(days=400))
    assert [r.member_id for r in selectors.progress_list(only_new=True)] == [new.pk]


def test_skill_levels_show_the_latest_and_previous_level_per_skill(member):
    tas, dompet = SkillFactory(name="Tas"), SkillFactory(name="Dompet")
    SkillAssessmentFactory(member=member, skill=tas, level=2, date=date(2026, 1, 1))
    SkillAssessmentFactory(member=member, skill=tas, level=4, date=date(2026, 3, 1))
    SkillAssessmentFactory(member=member, skill=tas, level=3, date=date(2026, 2, 1))
    SkillAssessmentFactory(member=MemberFactory(), skill=dompet, level=5)
    levels = {
        item.skill.name: item for item in selectors.member_skill_levels(member=member)
    }
    assert (levels["Tas"].level, levels["Tas"].previous_level) == (4, 3)
    assert levels["Tas"].change == 1
    assert levels["Dompet"].level is None
