"""The import page and ``manage.py import_realisation``: what they store and say."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from exports.models import RealisationImport, RealisationRow
from members.roles import Role
from tests.conftest import with_token
from tests.exports.factories_realisation import HEADER, csv_bytes, xlsx_bytes
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

URL = "exports:realisation-import"
GOOD = [
    HEADER,
    ["1", "Hira Rajut", "Tas rajut", "1.234,5", "5.000,50", "Jepang; Belanda"],
    ["2", "Hira Rajut", "Topi rajut", "0,5", "120", "USA"],
    ["", "JUMLAH", "", "1.235,0", "5.120,50", ""],
]
SLIPPED = [*GOOD[:3], ["", "JUMLAH", "", "1.235,1", "5.100,50", ""]]
BAD = [*GOOD[:3], ["3", "", "Syal", "1", "1", "Atlantis"]]


def t(message: str, **params) -> str:
    with translation.override("id"):
        text = gettext(message)
    return text % params if params else text


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN, full_name="Bu Siti Rahayu").user


@pytest.fixture
def admin_client(admin) -> Client:
    client = Client()
    client.force_login(admin)
    return client


def upload(client, data: bytes, name="realisasi.csv", year="2024"):
    return client.post(
        reverse(URL),
        with_token({"file": SimpleUploadedFile(name, data), "year": year}),
        follow=True,
    )


def test_a_good_table_is_imported_and_its_totals_shown(admin_client, admin):
    response = upload(admin_client, csv_bytes(GOOD, delimiter=";"))

    assert response.redirect_chain[-1][0] == reverse("exports:realisation") + (
        "?year=2024"
    )
    batch = RealisationImport.objects.get()
    assert (batch.source_name, batch.year, batch.imported_by) == (
        "realisasi.csv",
        2024,
        admin,
    )
    assert batch.rows.count() == 2
    shown = [str(m) for m in response.context["messages"]]
    assert any("1.235,000 TNE" in m and "5.120,50 USD" in m for m in shown)
    assert t("The totals row matches the sum of the rows.") in shown
    # The report of the year now holds the imported rows.
    assert response.context["total"]["usd"] == "5.120,50"


def test_an_xlsx_table_is_imported_from_the_page(admin_client):
    upload(admin_client, xlsx_bytes(GOOD), name="realisasi.xlsx")

    assert RealisationRow.objects.count() == 2


def test_a_totals_slip_is_shown_with_both_figures(admin_client):
    response = upload(admin_client, csv_bytes(SLIPPED))

    assert RealisationRow.objects.count() == 2
    warnings = [
        str(m) for m in response.context["messages"] if m.level_tag == "warning"
    ]
    assert len(warnings) == 2
    assert "1.235,100" in warnings[0] and "1.235,000" in warnings[0]
    assert "+0,100" in warnings[0]
    assert "5.100,50" in warnings[1] and "5.120,50" in warnings[1]
    assert "-20,00" in warnings[1]


def test_a_bad_row_imports_nothing_and_the_page_lists_it(admin_client):
    response = upload(admin_client, csv_bytes(BAD))

    assert response.status_code == 400
    assert not RealisationImport.objects.exists()
    errors = [error["text"] for error in response.context["errors"]]
    assert errors == [
        t(
            "Line %(line)s: %(reason)s",
            line=4,
            reason=t("%(column)s is empty.", column="exporter"),
        ),
        t(
            "Line %(line)s: %(reason)s",
            line=4,
            reason=t("Unknown destination country: %(names)s.", names="“Atlantis”"),
        ),
    ]
    assert errors[0] in response.content.decode()


def test_the_same_corrected_form_can_be_sent_again(admin_client):
    token = with_token()
    url = reverse(URL)
    bad = SimpleUploadedFile("a.csv", csv_bytes(BAD))
    assert admin_client.post(url, {**token, "file": bad, "year": "2024"}).status_code
    good = SimpleUploadedFile("a.csv", csv_bytes(GOOD))
    response = admin_client.post(url, {**token, "file": good, "year": "2024"})

    assert response.status_code == 302
    assert RealisationRow.objects.count() == 2
    # Sent a third time with the same token: nothing is imported twice.
    again = SimpleUploadedFile("a.csv", csv_bytes(GOOD))
    admin_client.post(url, {**token, "file": again, "year": "2024"})
    assert RealisationImport.objects.count() == 1


def test_a_missing_year_on_the_form_and_in_the_rows_is_refused(admin_client):
    response = upload(admin_client, csv_bytes(GOOD), year="")

    assert response.status_code == 400
    assert {error["line"] for error in response.context["errors"]} == {2, 3}
    assert not RealisationRow.objects.exists()


@pytest.mark.parametrize("year", ["1800", "dua ribu", "3000"])
def test_a_bad_year_on_the_form_is_refused(admin_client, year):
    response = upload(admin_client, csv_bytes(GOOD), year=year)

    assert response.status_code == 400
    assert response.context["form"].errors["year"]
    assert not RealisationRow.objects.exists()


def test_no_file_is_refused(admin_client):
    response = admin_client.post(reverse(URL), with_token({"year": "2024"}))

    assert response.status_code == 400
    assert response.context["form"].errors["file"]


def test_the_page_shows_earlier_imports(admin_client):
    upload(admin_client, csv_bytes(GOOD), name="tabel-2024.csv")

    page = admin_client.get(reverse(URL)).content.decode()
    assert "tabel-2024.csv" in page
    assert "1.235,000 TNE" in page


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_only_an_admin_may_import(role):
    client = Client()
    client.force_login(MemberFactory(role=role).user)

    assert client.get(reverse(URL)).status_code == 403
    response = client.post(
        reverse(URL),
        with_token({"file": SimpleUploadedFile("a.csv", csv_bytes(GOOD))}),
    )
    assert response.status_code == 403
    assert not RealisationRow.objects.exists()


def test_a_visitor_is_sent_to_log_in():
    response = Client().get(reverse(URL))

    assert response.status_code == 302
    assert "/masuk/" in response["Location"]


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_realisation", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_and_prints_the_totals(tmp_path):
    path = tmp_path / "realisasi.csv"
    path.write_bytes(csv_bytes(GOOD))

    out, err = run(str(path), "--year", "2024")

    assert RealisationRow.objects.count() == 2
    assert "1.235,000 TNE" in out and "5.120,50 USD" in out
    assert "3" in out and "Jepang" in out and "Belanda" in out
    assert t("The totals row matches the sum of the rows.") in out
    assert err == ""


def test_the_command_prints_a_totals_difference(tmp_path):
    path = tmp_path / "realisasi.xlsx"
    path.write_bytes(xlsx_bytes(SLIPPED))

    out, err = run(str(path), "--year", "2024")

    assert RealisationRow.objects.count() == 2
    lines = out.splitlines()
    assert "1.235,000 TNE" in lines[0]
    assert "1.235,100 TNE" in lines[1] and "+0,100 TNE" in lines[1]
    assert "5.100,50 USD" in lines[2] and "-20,00 USD" in lines[2]
    assert t("The totals row matches the sum of the rows.") not in out
    assert err == ""


def test_the_command_exits_non_zero_and_imports_nothing_on_a_bad_row(tmp_path):
    path = tmp_path / "realisasi.csv"
    path.write_bytes(csv_bytes(BAD))
    err = StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_realisation", str(path), "--year", "2024", stderr=err)

    assert not RealisationRow.objects.exists()
    assert "Atlantis" in err.getvalue()
    assert str(error.value) == t(
        "Nothing was imported: %(count)s problems in the table.", count=2
    )
    # manage.py exits with this status (Django's handling of a CommandError).
    assert error.value.returncode == 1


def test_the_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError):
        run(str(tmp_path / "nothing.csv"))
