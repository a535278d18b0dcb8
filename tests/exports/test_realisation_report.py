"""The export realisation report: groups, exact totals, SKAs, files, access, speed."""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from core.exports import XLSX_HEADER_ROW
from exports.models import SkaStatus
from exports.realisation.selectors import (
    MONTH,
    Filters,
    realisation_report,
    report_years,
)
from members.roles import Role
from tests.exports.factories_realisation import imported_rows, realised_shipment
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

URL = "exports:realisation"
CO_OP = "Kelompok Rajut Hira Rajut"


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN).user


@pytest.fixture
def admin_client(admin) -> Client:
    client = Client()
    client.force_login(admin)
    return client


@pytest.fixture
def realisation(admin):
    """Two years of the co-op's shipments and an imported table.

    2024: S1 (Mar, JP, issued) bags 120,5 kg / 1.000,25 USD and hats 10 kg / 99,75;
          S2 (Jul, NL, submitted) bags 30 kg / 250; S3 (Dec, JP, rejected) bags
          0,333 kg / 0,33; a draft without a PEB date never counts.
    2023: S4 (Jan, US, issued) bags 5 kg / 50.
    Imported 2024: the co-op's bags 1 TNE / 10 USD to KR+JP (no month), another
    exporter's wigs in May.
    """
    realised_shipment(
        by=admin,
        peb_date=date(2024, 3, 5),
        destination="JP",
        lines=[("Tas rajut", "120.5", "1000.25"), ("Topi rajut", "10", "99.75")],
    )
    realised_shipment(
        by=admin,
        peb_date=date(2024, 7, 1),
        destination="NL",
        lines=[("Tas rajut", "30", "250")],
        status=SkaStatus.SUBMITTED,
    )
    realised_shipment(
        by=admin,
        peb_date=date(2024, 12, 31),
        destination="JP",
        lines=[("Tas rajut", "0.333", "0.33")],
        status=SkaStatus.REJECTED,
    )
    realised_shipment(by=admin, peb_date=None, lines=[("Tas rajut", "999", "999")])
    realised_shipment(
        by=admin,
        peb_date=date(2023, 1, 9),
        destination="US",
        lines=[("Tas rajut", "5", "50")],
    )
    imported_rows(
        [
            {
                "exporter": CO_OP,
                "commodity": "Tas rajut",
                "volume_kg": Decimal("1000"),
                "value_usd": Decimal("10"),
                "destinations": ["KR", "JP"],
            },
            {
                "exporter": "PT Rambut Indah",
                "commodity": "Rambut palsu",
                "month": 5,
                "volume_kg": Decimal("137782700"),
                "value_usd": Decimal("240795.83"),
                "destinations": ["US"],
            },
        ]
    )


def groups(filters: Filters) -> list[tuple]:
    report = realisation_report(filters=filters)
    return [
        (
            g.year,
            g.month,
            g.exporter,
            g.commodity,
            g.volume_kg,
            g.value_usd,
            g.skas,
            sorted(g.destination_codes),
        )
        for g in report.groups
    ]


def test_a_year_groups_shipments_and_imported_rows_by_exporter_and_commodity(
    realisation,
):
    assert groups(Filters(year=2024)) == [
        (
            2024,
            None,
            CO_OP,
            "Tas rajut",
            Decimal("1150.833"),
            Decimal("1260.58"),
            1,
            ["JP", "KR", "NL"],
        ),
        (2024, None, CO_OP, "Topi rajut", Decimal("10"), Decimal("99.75"), 1, ["JP"]),
        (
            2024,
            None,
            "PT Rambut Indah",
            "Rambut palsu",
            Decimal("137782700"),
            Decimal("240795.83"),
            0,
            ["US"],
        ),
    ]


def test_the_total_counts_a_shipment_of_two_commodities_once(realisation):
    total = realisation_report(filters=Filters(year=2024)).total

    assert total.volume_kg == Decimal("137783860.833")
    assert total.volume_tne == Decimal("137783.860833")
    assert total.value_usd == Decimal("242156.16")
    assert (total.shipments, total.skas) == (3, 1)
    assert sorted(total.destination_codes) == ["JP", "KR", "NL", "US"]


def test_all_years_are_grouped_per_year(realisation):
    report = realisation_report(filters=Filters())

    assert [(g.year, g.commodity) for g in report.groups][:1] == [(2023, "Tas rajut")]
    assert report.total.skas == 2
    assert report_years() == [2024, 2023]


def test_per_month_an_imported_row_without_a_month_comes_last(realisation):
    rows = groups(Filters(year=2024, grain=MONTH))

    assert [(year, month, commodity) for year, month, _e, commodity, *_ in rows] == [
        (2024, 3, "Tas rajut"),
        (2024, 3, "Topi rajut"),
        (2024, 5, "Rambut palsu"),
        (2024, 7, "Tas rajut"),
        (2024, 12, "Tas rajut"),
        (2024, None, "Tas rajut"),
    ]


def test_one_month_leaves_out_rows_without_a_month(realisation):
    assert groups(Filters(year=2024, month=5)) == [
        (
            2024,
            5,
            "PT Rambut Indah",
            "Rambut palsu",
            Decimal("137782700"),
            Decimal("240795.83"),
            0,
            ["US"],
        )
    ]


def test_totals_of_many_decimals_are_exact(admin):
    third_kg, third_usd = Decimal("333.333333"), Decimal("0.3333")
    imported_rows(
        [
            {
                "commodity": f"Komoditi {n % 3}",
                "volume_kg": third_kg,
                "value_usd": third_usd,
            }
            for n in range(90)
        ]
    )
    for day in range(1, 8):
        realised_shipment(
            by=admin,
            peb_date=date(2024, 2, day),
            lines=[("Tas rajut", "0.333", "0.33"), ("Syal", "0.001", "0.01")],
        )

    report = realisation_report(filters=Filters(year=2024))

    assert report.total.volume_kg == 90 * third_kg + 7 * Decimal("0.334")
    assert report.total.volume_kg == Decimal("30002.337970")
    assert report.total.value_usd == Decimal("29.997") + 7 * Decimal("0.34")
    assert report.total.volume_tne == Decimal("30.00233797")
    assert sum(g.volume_kg for g in report.groups) == report.total.volume_kg
    imported = [g for g in report.groups if g.exporter == "PT Lain"]
    assert [g.volume_kg for g in imported] == [30 * third_kg] * 3
    assert [g.value_usd for g in imported] == [Decimal("9.999")] * 3


def test_large_figures_with_many_decimals_add_up_to_the_last_decimal():
    big_kg, big_usd = Decimal("98765432.123457"), Decimal("1234567891.2345")
    imported_rows(
        [{"volume_kg": big_kg, "value_usd": big_usd} for _n in range(7)]
        + [{"volume_kg": Decimal("0.000001"), "value_usd": Decimal("0.0001")}]
    )

    total = realisation_report(filters=Filters(year=2024)).total

    assert total.volume_kg == Decimal("691358024.864200")
    assert total.value_usd == Decimal("8641975238.6416")


def test_the_page_shows_indonesian_numbers_and_the_totals_row(
    admin_client, realisation
):
    response = admin_client.get(reverse(URL), {"year": "2024"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "137.782,700" in page  # TNE of the wigs
    assert "137.782.700,000" in page  # and in kilograms
    assert "240.795,83" in page
    assert "242.156,16" in page  # the total value
    assert response.context["total"]["destination_count"] == 4
    assert "Korea Selatan" in page and "Belanda" in page


def test_the_csv_holds_plain_numbers_and_a_total(admin_client, realisation):
    response = admin_client.get(reverse(URL), {"year": "2024", "format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        gettext(title)
        for title in (
            "Year",
            "Exporter",
            "Commodity",
            "Volume (TNE)",
            "Volume (kg)",
            "FOB value (USD)",
            "SKAs",
            "Number of countries",
            "Destination countries",
            "Shipments",
            "Imported rows",
        )
    ]
    assert rows[1][:9] == [
        "2024",
        CO_OP,
        "Tas rajut",
        "1.150833",
        "1150.833",
        "1260.58",
        "1",
        "3",
        "Belanda; Jepang; Korea Selatan",
    ]
    assert rows[-1][3:8] == ["137783.860833", "137783860.833", "242156.16", "1", "4"]


def test_the_xlsx_holds_real_numbers(admin_client, realisation):
    response = admin_client.get(
        reverse(URL), {"year": "2024", "grain": "month", "format": "xlsx"}
    )

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    rows = list(sheet.iter_rows(min_row=XLSX_HEADER_ROW + 1, values_only=True))
    first = rows[0]
    assert first[:4] == (2024, 3, CO_OP, "Tas rajut")
    assert first[4:7] == (pytest.approx(0.1205), pytest.approx(120.5), 1000.25)
    assert all(isinstance(value, int | float) for value in first[4:9])
    assert rows[-1][6] == pytest.approx(242156.16)
    assert rows[-1][4] == pytest.approx(137783.860833)


def test_an_unknown_format_is_refused(admin_client):
    assert admin_client.get(reverse(URL), {"format": "pdf"}).status_code == 400


@pytest.mark.parametrize(
    "query", [{"year": "1999"}, {"month": "5"}, {"year": "2024", "grain": "week"}]
)
def test_a_bad_choice_shows_the_form_again(admin_client, realisation, query):
    response = admin_client.get(reverse(URL), query)

    assert response.status_code == 400
    assert response.context["form"].errors


def test_an_empty_report_says_so(admin_client):
    response = admin_client.get(reverse(URL))

    assert response.status_code == 200
    assert response.context["rows"] == []
    assert response.context["total"]["usd"] == "0,00"


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_only_an_admin_sees_the_report(role):
    client = Client()
    client.force_login(MemberFactory(role=role).user)

    assert client.get(reverse(URL)).status_code == 403
    assert client.get(reverse(URL), {"format": "csv"}).status_code == 403


def test_a_visitor_is_sent_to_log_in():
    response = Client().get(reverse(URL), {"format": "xlsx"})

    assert response.status_code == 302
    assert "/masuk/" in response["Location"]


def queries_for(client, query) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(URL), query).status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", [{}, {"year": "2024", "grain": "month"}])
def test_the_number_of_queries_does_not_grow_with_the_data(admin, admin_client, query):
    def add(count: int, start: int):
        for n in range(count):
            realised_shipment(
                by=admin,
                peb_date=date(2024, 1 + n % 12, 1),
                destination=["JP", "NL", "US"][n % 3],
                lines=[(f"Kategori {start + n % 4}", "1", "1")],
            )
        imported_rows(
            [{"commodity": f"K{n}", "month": 1 + n % 12} for n in range(count)]
        )

    add(10, 0)
    small = queries_for(admin_client, query)
    add(60, 10)
    assert queries_for(admin_client, query) == small
