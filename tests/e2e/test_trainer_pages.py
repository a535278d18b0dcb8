"""The trainer's pages on a small phone, held in one hand in the village hall.

At 360x740 and 320x640: nothing scrolls sideways, buttons and links stand
out of the way of a thumb, axe-core (bundled by axe-playwright-python, no
network) finds nothing serious, and the tables stand as cards, one a row,
with the member, session or month as the card's title.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from members.roles import Role
from production.services import hand_in_accept, hand_in_reject
from tests.e2e.conftest import log_in, screenshot
from tests.e2e.portal_checks import layout_problems, page_problems
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate
from tests.training.factories import (
    AttendanceFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TrainingSessionFactory,
)
from training.models import AttendanceStatus

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = [(360, 740), (320, 640)]
STATUSES = [
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
]


def assert_fits_a_thumb(page, width: int) -> None:
    """No sideways scroll, 44 px buttons and standalone links, 24 px for the rest."""
    problems = layout_problems(page, width)
    assert problems == [], "\n".join(problems)


def assert_page_is_good_on_the_phone(page, path: str, width: int, name: str) -> None:
    problems = page_problems(page, path, width)
    assert problems == [], f"{path}:\n" + "\n".join(problems)
    screenshot(page, f"{name}-{width}")


def card_titles(page, table) -> list[str]:
    """The first line of each row card: the row header, on top of its card."""
    return table.evaluate(
        """table => [...table.tBodies[0].rows].map(row => {
            const title = row.querySelector('th[scope=row]');
            const top = title.getBoundingClientRect().top;
            const others = [...row.cells].filter(cell => cell !== title);
            if (others.some(cell => cell.getBoundingClientRect().top < top - 1)) {
                return null;
            }
            const name = title.querySelector('a, strong') || title;
            return name.innerText.split('\\n')[0].trim();
        })"""
    )


def label_of(cell) -> str:
    return cell.evaluate(
        "cell => getComputedStyle(cell, '::before').content.replace(/^\"|\"$/g, '')"
    ).strip()


@pytest.fixture
def hall(role_groups):
    """A trainer, a dozen knitters (some new), four sessions over two months."""
    today = timezone.localdate()
    trainer = MemberFactory(
        role=Role.TRAINER, username="pelatih", full_name="Bu Endang"
    )
    knitters = [
        MemberFactory(
            full_name=name,
            join_date=today - timedelta(days=10 if n % 3 == 0 else 900),
        )
        for n, name in enumerate(
            [
                "Ani Rahmawati",
                "Dewi Kusumawati",
                "Eka Puspitasari",
                "Lastri Wulandari",
                "Nurul Hidayah",
                "Rina Marlina",
                "Sri Wahyuni",
                "Tuti Handayani",
                "Umi Kulsum",
                "Wati Susanti",
                "Yuni Astuti",
                "Siti Maesaroh Kusumaningtyas",
            ]
        )
    ]
    sessions = []
    for days_ago, topic in [
        (3, "Latihan dompet koin"),
        (17, "Pemeriksaan kualitas setoran"),
        (38, "Latihan tas selempang"),
        (52, "Pelatihan dasar merajut untuk anggota baru"),
    ]:
        session = TrainingSessionFactory(
            topic=topic, date=today - timedelta(days=days_ago), created_by=trainer.user
        )
        session.trainers.add(trainer)
        for n, knitter in enumerate(knitters[:-1]):
            AttendanceFactory(
                session=session,
                member=knitter,
                status=STATUSES[(n + days_ago) % 4],
            )
        sessions.append(session)
    ani = knitters[0]
    for days_ago, skill, level in [
        (3, "Finishing/kerapian", 4),
        (17, "Finishing/kerapian", 3),
        (38, "Tas", 4),
        (52, "Tusuk dasar", 2),
    ]:
        SkillAssessmentFactory(
            member=ani,
            skill=SkillFactory(name=skill),
            level=level,
            assessor=trainer.user,
            date=today - timedelta(days=days_ago),
            note="Jahitan rapi, tarikan benang rata." if level == 4 else "",
        )
    for days_ago in (5, 35, 65):
        accepted = make_hand_in(member=ani, days_ago=days_ago, quantity=3)
        set_rate(accepted.product, 20_000, days_ago=400)
        hand_in_accept(hand_in=accepted, grade="A", reviewed_by=trainer.user)
    hand_in_reject(
        hand_in=make_hand_in(member=ani, days_ago=6),
        reason="Tarikan benang belum rata.",
        reviewed_by=trainer.user,
    )
    return {"trainer": trainer, "ani": ani, "session": sessions[0]}


PAGES = {
    "sessions": lambda hall: "/pelatihan/",
    "session": lambda hall: hall["session"].get_absolute_url(),
    "attendance": lambda hall: hall["session"].get_attendance_url(),
    "new-session": lambda hall: "/pelatihan/sesi/baru/",
    "change-session": lambda hall: f"/pelatihan/sesi/{hall['session'].pk}/ubah/",
    "progress": lambda hall: "/pelatihan/anggota/",
    "member": lambda hall: f"/pelatihan/anggota/{hall['ani'].pk}/",
    "assess": lambda hall: f"/pelatihan/anggota/{hall['ani'].pk}/penilaian/",
    "reports": lambda hall: "/pelatihan/laporan/",
}


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("name", list(PAGES))
def test_trainer_page_fits_the_phone_and_has_no_serious_violation(
    phone, hall, name, width, height
):
    phone.set_viewport_size({"width": width, "height": height})
    log_in(phone, "pelatih")
    assert_page_is_good_on_the_phone(phone, PAGES[name](hall), width, f"trainer-{name}")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_training_reports_stand_as_cards_titled_by_member_session_and_month(
    phone, hall, width, height
):
    phone.set_viewport_size({"width": width, "height": height})
    log_in(phone, "pelatih")
    phone.goto("/pelatihan/laporan/")
    months, sessions, members = (
        phone.locator(f"section[aria-labelledby={key}] table")
        for key in ("per-month", "per-session", "per-member")
    )
    # No box to scroll sideways: every table is as narrow as the screen.
    assert phone.locator("main .table-responsive").count() == 0
    for table in (months, sessions, members):
        assert table.bounding_box()["width"] <= width
        # The column names are there for a screen reader, not on the screen.
        assert table.locator("thead").bounding_box()["height"] <= 1
    assert len(card_titles(phone, months)) == 2
    assert None not in card_titles(phone, months)
    assert card_titles(phone, sessions)[0] == "Latihan dompet koin"
    titles = card_titles(phone, members)
    assert "Siti Maesaroh Kusumaningtyas" in titles
    assert "Ani Rahmawati" in titles
    # Each figure says what it counts, in full words.
    ani = members.locator("tbody tr", has_text="Ani Rahmawati")
    labels = [label_of(cell) for cell in ani.locator("td[data-label]").all()]
    assert labels[:4] == ["Hadir", "Terlambat", "Izin", "Absen"]
    # The member's name is a link a finger hits: a whole line's height.
    link = ani.get_by_role("link", name="Ani Rahmawati")
    assert link.bounding_box()["height"] >= 44
    link.click()
    phone.wait_for_url(f"**/pelatihan/anggota/{hall['ani'].pk}/")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_members_skill_history_and_pieces_stand_as_cards(phone, hall, width, height):
    phone.set_viewport_size({"width": width, "height": height})
    log_in(phone, "pelatih")
    phone.goto(f"/pelatihan/anggota/{hall['ani'].pk}/")
    history, pieces = phone.locator("main table.table-stack").all()
    assert card_titles(phone, history)[:2] == ["Finishing/kerapian"] * 2
    first = history.locator("tbody tr").first
    assert [label_of(cell) for cell in first.locator("td").all()] == [
        "Tanggal",
        "Tingkat",
    ]
    assert "Jahitan rapi" in first.inner_text()
    assert len(card_titles(phone, pieces)) == 3
    month = pieces.locator("tbody tr").first
    assert [label_of(cell) for cell in month.locator("td").all()] == [
        "Diterima",
        "Ditolak",
    ]
    for table in (history, pieces):
        assert table.bounding_box()["width"] <= width
    assert phone.locator("main .table-responsive").count() == 0


def test_on_a_laptop_the_training_reports_are_tables_again(phone, hall):
    phone.set_viewport_size({"width": 1024, "height": 768})
    log_in(phone, "pelatih")
    phone.goto("/pelatihan/laporan/")
    members = phone.locator("section[aria-labelledby=per-member] table")
    assert members.locator("thead").bounding_box()["height"] > 20
    ani = members.locator("tbody tr", has_text="Ani Rahmawati")
    tops = {round(cell.bounding_box()["y"]) for cell in ani.locator("th, td").all()}
    assert len(tops) == 1  # one line, under the column names
    assert label_of(ani.locator("td").first) in ("", "none", "normal")
