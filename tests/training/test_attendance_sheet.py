"""Who is on a session's attendance list, and who was left unmarked."""

import pytest
from django.urls import reverse
from django.utils import translation

from members.roles import Role
from tests.members.factories import MemberFactory
from tests.training.factories import AttendanceFactory
from training import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def sheet_names(session) -> list[str]:
    return [m.full_name for m in selectors.attendance_sheet(session=session)]


def test_the_sheet_lists_active_members_only_not_trainers_or_admins(
    session, trainer, admin_member, member
):
    assert sheet_names(session) == ["Sri Wahyuni"]


def test_a_trainer_already_ticked_in_a_session_leaves_its_sheet(session, trainer):
    ani = MemberFactory(full_name="Ani Rahmawati")
    AttendanceFactory(session=session, member=trainer, status="present")
    assert sheet_names(session) == ["Ani Rahmawati"]
    assert ani.pk in {m.pk for m in selectors.attendance_sheet(session=session)}


def test_an_inactive_member_with_a_saved_row_stays_visible(session):
    gone = MemberFactory(full_name="Wati Lama", is_active=False)
    MemberFactory(full_name="Yuni Lama", is_active=False)
    AttendanceFactory(session=session, member=gone, status="late")
    [row] = selectors.attendance_sheet(session=session)
    assert (row.full_name, row.saved_status) == ("Wati Lama", "late")


def test_a_newcomer_added_on_the_spot_is_on_the_sheet(session, trainer):
    rina = services.member_add_on_the_spot(
        full_name="Rina Marlina", session=session, recorded_by=trainer.user
    )
    [row] = selectors.attendance_sheet(session=session)
    assert (row.pk, row.saved_status) == (rina.pk, "present")


def test_the_sheet_takes_two_queries(session, django_assert_num_queries):
    for n in range(5):
        MemberFactory(full_name=f"Peserta {n}")
    with django_assert_num_queries(2):
        assert len(selectors.attendance_sheet(session=session)) == 5


def test_the_attendance_page_has_no_buttons_for_trainers_or_admins(
    client, session, trainer, admin_member, member
):
    client.force_login(trainer.user)
    text = client.get(session.get_attendance_url()).content.decode()
    assert f'name="status-{member.pk}"' in text
    assert f'name="status-{trainer.pk}"' not in text
    assert f'name="status-{admin_member.pk}"' not in text
    assert "Bu Endang Lestari" not in text.split('id="att-list"')[1]


def test_unmarked_names_active_members_without_a_row(session, trainer):
    came = MemberFactory(full_name="Ani Rahmawati")
    MemberFactory(full_name="Wati Lama", is_active=False)
    MemberFactory(full_name="Dewi Sartika")
    AttendanceFactory(session=session, member=came)
    unmarked = selectors.session_unmarked(session=session)
    assert [m.full_name for m in unmarked] == ["Dewi Sartika"]


def test_unmarked_is_one_query(session, django_assert_num_queries):
    for n in range(5):
        MemberFactory(full_name=f"Peserta {n}")
    with django_assert_num_queries(1):
        assert len(list(selectors.session_unmarked(session=session))) == 5


def detail(client, session) -> str:
    return client.get(
        reverse("training:session-detail", args=[session.pk])
    ).content.decode()


def test_the_session_page_names_who_was_left_unmarked(client, session, trainer):
    came = MemberFactory(full_name="Ani Rahmawati")
    MemberFactory(full_name="Dewi Sartika")
    MemberFactory(full_name="Sri Wahyuni")
    AttendanceFactory(session=session, member=came)
    client.force_login(trainer.user)
    text = detail(client, session)
    unmarked = text.split('id="att-unmarked"')[1].split("</dd>")[0]
    assert "Dewi Sartika" in unmarked and "Sri Wahyuni" in unmarked
    assert "Ani Rahmawati" not in unmarked
    assert trainer.full_name not in unmarked
    assert "2 members were left empty" in unmarked


def test_the_session_page_says_everyone_was_marked(client, session, trainer, member):
    AttendanceFactory(session=session, member=member, status="absent")
    client.force_login(trainer.user)
    assert "Everyone on the list was marked." in detail(client, session)


def test_the_session_page_says_nothing_of_unmarked_before_any_record(
    client, session, trainer, member
):
    client.force_login(trainer.user)
    text = detail(client, session)
    assert 'id="att-unmarked"' not in text
    assert "Not recorded yet." in text


def test_a_trainer_who_is_also_a_member_stays_on_the_sheet(session, role_groups):
    """She knits too: with the member role she is on the list like the others."""
    both = MemberFactory(role=Role.TRAINER, full_name="Bu Narti")
    from django.contrib.auth.models import Group

    both.user.groups.add(Group.objects.get(name=Role.MEMBER.value))
    assert sheet_names(session) == ["Bu Narti"]
