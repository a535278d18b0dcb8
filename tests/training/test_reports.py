import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from tests.members.factories import MemberFactory
from tests.training.factories import AttendanceFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_admin(client, admin_member):
    client.force_login(admin_member.user)
    return client


@pytest.fixture
def history():
    """Two sessions in January, one in February; Sri came to all, Wati to one."""
    sri = MemberFactory(full_name="Sri Wahyuni")
    wati = MemberFactory(full_name="Wati Susanti")
    first = TrainingSessionFactory(topic="Tusuk dasar", date=date(2026, 1, 10))
    second = TrainingSessionFactory(topic="Tas selempang", date=date(2026, 1, 24))
    third = TrainingSessionFactory(topic="Dompet koin", date=date(2026, 2, 7))
    AttendanceFactory(session=first, member=sri, status="present")
    AttendanceFactory(session=first, member=wati, status="absent")
    AttendanceFactory(session=second, member=sri, status="late")
    AttendanceFactory(session=second, member=wati, status="excused")
    AttendanceFactory(session=third, member=sri, status="present")
    AttendanceFactory(session=third, member=wati, status="present")
    return {"sri": sri, "wati": wati}


def read_csv(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))


def test_reports_page_shows_the_numbers_per_session_member_and_month(as_admin, history):
    response = as_admin.get(reverse("training:reports"))
    sessions = {s.topic: s for s in response.context["sessions"]}
    assert (sessions["Tas selempang"].late, sessions["Tas selempang"].excused) == (
        1,
        1,
    )
    members = {r.full_name: r for r in response.context["members"]}
    assert (
        members["Sri Wahyuni"].rate_percent,
        members["Wati Susanti"].rate_percent,
    ) == (
        100,
        33,
    )
    months = [(m.month, m.sessions, m.participants) for m in response.context["months"]]
    assert months == [(date(2026, 2, 1), 1, 2), (date(2026, 1, 1), 2, 1)]


def test_reports_period_filter_keeps_to_the_dates(as_admin, history):
    response = as_admin.get(
        reverse("training:reports"),
        {"date_from": "2026-02-01", "date_to": "2026-02-28"},
    )
    assert [s.topic for s in response.context["sessions"]] == ["Dompet koin"]
    members = {r.full_name: r for r in response.context["members"]}
    assert members["Wati Susanti"].rate_percent == 100


def test_reports_with_a_bad_date_says_so_and_shows_no_numbers(as_admin, history):
    with translation.override("en"):
        response = as_admin.get(
            reverse("training:reports"), {"date_from": "31-31-2026", "date_to": ""}
        )
    assert response.status_code == 400
    assert response.context["form"].errors["date_from"] == [
        "Isi tanggal awal dengan benar, contoh 2026-01-31."
    ]
    assert "sessions" not in response.context
    assert 'value="31-31-2026"' in response.content.decode()


def test_reports_with_the_dates_swapped_says_so(as_admin, history):
    with translation.override("en"):
        response = as_admin.get(
            reverse("training:reports"),
            {"date_from": "2026-03-01", "date_to": "2026-01-01"},
        )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Tanggal awal lebih lambat dari tanggal akhir. Tukar keduanya lalu coba lagi."
    ]


def test_session_csv_has_a_row_per_session_with_its_counts(as_admin, history):
    response = as_admin.get(reverse("training:report-csv", args=["sesi"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = read_csv(response)
    assert len(rows) == 4
    by_topic = {row[3]: row for row in rows[1:]}
    assert by_topic["Tas selempang"][0] == "2026-01-24"
    assert by_topic["Tas selempang"][-4:] == ["0", "1", "1", "0"]


def test_member_csv_has_counts_and_rate(as_admin, history):
    rows = read_csv(as_admin.get(reverse("training:report-csv", args=["anggota"])))
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Wati Susanti"][3:] == ["1", "0", "1", "1", "3", "33"]


def test_month_csv_has_sessions_and_participants(as_admin, history):
    rows = read_csv(as_admin.get(reverse("training:report-csv", args=["bulanan"])))
    assert rows[1:] == [["2026-02", "1", "2", "2"], ["2026-01", "2", "2", "1"]]


def test_csv_is_a_download_with_a_name_that_tells_what_and_when(as_admin, history):
    response = as_admin.get(
        reverse("training:report-csv", args=["sesi"]),
        {"date_from": "2026-01-01", "date_to": "2026-01-31"},
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="hirarajut-kehadiran-per-sesi-2026-01-01_2026-01-31.csv"'
    )
    assert len(read_csv(response)) == 3


def test_csv_with_a_bad_date_is_refused_with_the_reason(as_admin):
    with translation.override("en"):
        response = as_admin.get(
            reverse("training:report-csv", args=["anggota"]), {"date_to": "kemarin"}
        )
    assert response.status_code == 400
    assert "Isi tanggal akhir dengan benar" in response.content.decode()


def test_csv_of_an_unknown_table_is_404(as_admin):
    assert as_admin.get("/pelatihan/laporan/rahasia.csv").status_code == 404


def test_csv_keeps_a_name_that_looks_like_a_formula_as_text(as_admin):
    AttendanceFactory(member=MemberFactory(full_name="=HYPERLINK(1)"))
    rows = read_csv(as_admin.get(reverse("training:report-csv", args=["anggota"])))
    assert "'=HYPERLINK(1)" in [row[0] for row in rows]
