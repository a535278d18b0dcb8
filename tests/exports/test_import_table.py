"""Importing a realisation table: good files in both number styles, each bad row,
all-or-nothing, and the table's own totals row checked against its rows."""

from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from exports.models import RealisationImport, RealisationRow
from exports.realisation.importer import (
    difference_texts,
    realisation_import,
    realisation_import_or_refuse,
    table_read,
)
from tests.exports.factories_realisation import HEADER, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


def t(message: str, **params) -> str:
    """A message as the (Indonesian) page shows it."""
    with translation.override("id"):
        text = gettext(message)
    return text % params if params else text


DECIMALS = "%(column)s %(text)s has more than %(places)s decimals."
DIFFERENCE = (
    "The totals row (line %(line)s) gives %(label)s %(table)s "
    "%(unit)s, the rows add up to %(sum)s %(unit)s: a difference "
    "of %(difference)s %(unit)s."
)
INDONESIAN_ROWS = [
    ["Realisasi Ekspor Jawa Tengah 2024"],
    [],
    ["No", "Eksportir", "Komoditi", "Volume (TNE)", "Nilai (USD)", "Negara Tujuan"],
    ["1", "PT Rambut Indah", "Rambut palsu", "137.782,70", "240.795,83", "USA; Jepang"],
    ["2", "Hira Rajut", "Tas rajut", "1.234", "5.000,50", "Belanda"],
    ["3", "CV Kayu Jati", "Mebel kayu", "0,333", "1.000.000", "Korea Selatan; UAE"],
]
PLAIN_ROWS = [
    HEADER,
    ["1", "PT Rambut Indah", "Rambut palsu", "137782.70", "240795.83", "USA; Japan"],
    ["2", "Hira Rajut", "Tas rajut", "1234", "5000.50", "Netherlands"],
    [
        "3",
        "CV Kayu Jati",
        "Mebel kayu",
        "0.333",
        "1000000",
        "Republic of Korea;United Arab Emirates",
    ],
]
EXPECTED = [
    ("PT Rambut Indah", "137782700", "240795.83", ["US", "JP"]),
    ("Hira Rajut", "1234000", "5000.50", ["NL"]),
    ("CV Kayu Jati", "333", "1000000", ["KR", "AE"]),
]


def stored() -> list[tuple]:
    return [
        (row.exporter, row.volume_kg, row.value_usd, row.destinations)
        for row in RealisationRow.objects.order_by("line_number")
    ]


def expected() -> list[tuple]:
    return [(e, Decimal(kg), Decimal(usd), d) for e, kg, usd, d in EXPECTED]


def load(data: bytes, year: int | None = 2024):
    return realisation_import(data=data, source_name="tabel", year=year)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(csv_bytes(INDONESIAN_ROWS, delimiter=";"), id="csv-id-semicolon"),
        pytest.param(csv_bytes(INDONESIAN_ROWS, bom=True), id="csv-id-comma-bom"),
        pytest.param(csv_bytes(PLAIN_ROWS), id="csv-plain-comma"),
        pytest.param(
            csv_bytes(PLAIN_ROWS, delimiter=";", bom=True), id="csv-plain-bom"
        ),
        pytest.param(xlsx_bytes(INDONESIAN_ROWS), id="xlsx-id-text"),
        pytest.param(xlsx_bytes(PLAIN_ROWS), id="xlsx-plain-text"),
    ],
)
def test_a_good_table_is_imported_exactly_in_either_number_format(data):
    outcome = load(data)

    assert outcome.imported, outcome.table.errors
    assert stored() == expected()
    assert outcome.table.volume_tne == Decimal("139017.033")
    assert outcome.table.value_usd == Decimal("1245796.33")
    assert outcome.batch.rows.count() == 3
    assert set(RealisationRow.objects.values_list("year", flat=True)) == {2024}


def test_a_spreadsheet_with_real_number_cells_is_imported():
    rows = [
        [*HEADER, "year", "month", "hs_code"],
        [1, "Hira Rajut", "Tas rajut", 1.234, 5000.5, "Jepang", 2023, 3, "4202.29.00"],
        [2, "Hira Rajut", "Topi rajut", 0.1 + 0.2, 12, "Jepang", 2024, "Mei", ""],
    ]

    outcome = load(xlsx_bytes(rows), year=None)

    assert outcome.imported, outcome.table.errors
    first, second = RealisationRow.objects.order_by("line_number")
    # A number cell is a number: 1.234 tonnes, never read as 1234.
    assert (first.volume_kg, first.value_usd) == (Decimal("1234"), Decimal("5000.5"))
    assert (first.year, first.month, first.hs_code) == (2023, 3, "42022900")
    # Binary float noise (0.30000000000000004) does not reach the table.
    assert second.volume_kg == Decimal("300")
    assert (second.year, second.month) == (2024, 5)


def test_the_year_in_a_row_wins_over_the_year_on_the_form():
    rows = [[*HEADER, "tahun"], ["1", "A", "B", "1", "1", "Jepang", "2022"]]

    assert load(csv_bytes(rows), year=2024).imported
    assert RealisationRow.objects.get().year == 2022


def errors_of(rows, year=2024, **options) -> list[tuple[int, str]]:
    outcome = load(csv_bytes(rows, **options), year=year)
    assert not outcome.imported
    return [(error.line, error.message) for error in outcome.table.errors]


def test_a_table_without_a_required_column_is_refused():
    rows = [
        ["no", "exporter", "commodity", "value_usd", "destinations"],
        ["1", "A", "B", "1", "Jepang"],
    ]

    assert errors_of(rows) == [
        (1, t("Column missing from the header: %(columns)s.", columns="volume_tne"))
    ]
    assert not RealisationImport.objects.exists()


def test_a_row_missing_a_cell_is_reported_by_its_line():
    rows = [HEADER, ["1", "A", "B", "1", "1", "Jepang"], ["2", "A", "B", "1"]]

    assert errors_of(rows) == [
        (3, t("%(column)s is empty.", column="value_usd")),
        (3, t("%(column)s is empty.", column="destinations")),
    ]


def test_a_bad_number_is_reported_with_the_column_and_the_text():
    rows = [HEADER, ["1", "A", "B", "12,3x", "-5", "Jepang"]]

    assert errors_of(rows) == [
        (
            2,
            t(
                "%(column)s %(text)s is not a number.",
                column="volume_tne",
                text="12,3x",
            ),
        ),
        (2, t("%(column)s %(text)s is negative.", column="value_usd", text="-5")),
    ]


def test_an_ambiguous_number_in_a_file_without_a_style_is_refused():
    rows = [HEADER, ["1", "A", "B", "1.234", "5", "Jepang"]]

    ((line, message),) = errors_of(rows)
    assert line == 2
    assert message.startswith(
        t(
            "%(column)s %(text)s can be read two ways; write it with its decimals "
            "(e.g. 1.234,000 or 1234.000) or without separators (1234).",
            column="volume_tne",
            text="1.234",
        )
    )


def test_a_file_mixing_both_styles_refuses_the_ambiguous_numbers():
    rows = [
        HEADER,
        ["1", "A", "B", "137.782,70", "5", "Jepang"],
        ["2", "A", "B", "137782.70", "5", "Jepang"],
        ["3", "A", "B", "1.234", "5", "Jepang"],
    ]

    assert [line for line, _message in errors_of(rows)] == [4]


def test_too_many_decimals_are_refused_rather_than_rounded():
    rows = [HEADER, ["1", "A", "B", "0.1234567", "0.12345", "Jepang"]]

    assert errors_of(rows) == [
        (2, t(DECIMALS, column="volume_tne", text="0.1234567", places=6)),
        (2, t(DECIMALS, column="value_usd", text="0.12345", places=4)),
    ]


def test_an_unknown_country_is_named_in_the_error():
    rows = [HEADER, ["1", "A", "B", "1", "1", "Jepang; Atlantis; Narnia"]]

    assert errors_of(rows) == [
        (2, t("Unknown destination country: %(names)s.", names="“Atlantis”, “Narnia”"))
    ]


def test_a_row_without_a_year_is_refused_when_the_form_gives_none():
    rows = [HEADER, ["1", "A", "B", "1", "1", "Jepang"]]

    assert errors_of(rows, year=None) == [
        (2, t("No year: fill in the year column or give the year on the form."))
    ]


@pytest.mark.parametrize("month", ["13", "0", "Maretz", "3.5"])
def test_a_bad_month_is_refused(month):
    rows = [[*HEADER, "month"], ["1", "A", "B", "1", "1", "Jepang", month]]

    assert errors_of(rows) == [
        (2, t("Month %(text)s is not a month (1 to 12, or its name).", text=month))
    ]


def test_a_bad_year_is_refused():
    rows = [[*HEADER, "year"], ["1", "A", "B", "1", "1", "Jepang", "24"]]

    ((line, message),) = errors_of(rows)
    assert line == 2
    assert message == t(
        "Year %(text)s is not a year between %(first)s and %(last)s.",
        text="24",
        first=1950,
        last=timezone.localdate().year,
    )


def test_an_empty_exporter_is_refused():
    rows = [HEADER, ["1", "", "Tas rajut", "1", "1", "Jepang"]]

    assert errors_of(rows) == [(2, t("%(column)s is empty.", column="exporter"))]


def test_an_unquoted_list_of_countries_in_a_semicolon_file_is_refused():
    text = "no;exporter;commodity;volume_tne;value_usd;destinations\n"
    text += "1;A;B;1;1;Jepang;Korea Selatan\n"

    outcome = load(text.encode())

    assert [error.line for error in outcome.table.errors] == [2]
    assert outcome.table.errors[0].message == t(
        "The row has more cells than the header has columns. A cell "
        "that holds a ; (several countries) must be in quotes."
    )


def test_one_bad_row_imports_nothing_and_every_bad_row_is_listed():
    rows = [
        HEADER,
        ["1", "A", "B", "1", "1", "Jepang"],
        ["2", "", "B", "1", "1", "Jepang"],
        ["3", "A", "B", "1", "1", "Jepang"],
        ["4", "A", "B", "x", "1", "Mars"],
    ]

    outcome = load(csv_bytes(rows))

    assert not outcome.imported
    assert [error.line for error in outcome.table.errors] == [3, 5, 5]
    assert not RealisationImport.objects.exists()
    assert not RealisationRow.objects.exists()


def test_refusing_raises_a_validation_error_with_each_line():
    rows = [HEADER, ["1", "", "B", "1", "1", "Jepang"]]

    with pytest.raises(Exception) as error:
        realisation_import_or_refuse(data=csv_bytes(rows), source_name="x", year=2024)
    assert error.value.messages == [
        t(
            "Line %(line)s: %(reason)s",
            line=2,
            reason=t("%(column)s is empty.", column="exporter"),
        )
    ]
    assert not RealisationRow.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel",
        b"%PDF-1.4 a pdf",
        "exporter;komoditi\n".encode("utf-16"),
        "eksportir;komoditi;volume;nilai;tujuan\nCaf\xe9".encode("latin-1"),
        b"PK\x03\x04not really a zip",
    ],
    ids=["empty", "xls", "pdf", "utf16", "latin1", "broken-xlsx"],
)
def test_a_file_that_is_no_table_is_one_clear_error(data):
    outcome = load(data)

    assert not outcome.imported
    assert len(outcome.table.errors) == 1
    assert outcome.table.errors[0].message
    assert not RealisationImport.objects.exists()


def test_a_header_only_table_has_nothing_to_import():
    outcome = load(csv_bytes([HEADER]))

    assert [e.message for e in outcome.table.errors] == [
        t("The table has no rows under its header.")
    ]


TOTALS_ROWS = [
    HEADER,
    ["1", "A", "Tas rajut", "0,333", "100,10", "Jepang"],
    ["2", "B", "Topi rajut", "0,334", "200,20", "Jepang"],
]


@pytest.mark.parametrize(
    "label_row",
    [
        ["", "TOTAL", "", "0,667", "300,30", ""],
        ["Jumlah", "", "", "0,667", "300,30", ""],
        ["", "", "jumlah", "0,667", "300,30", ""],
    ],
)
def test_a_totals_row_that_matches_is_not_imported(label_row):
    rows = [*TOTALS_ROWS, label_row, ["Sumber: Dinas Perdagangan"]]

    outcome = load(csv_bytes(rows))

    assert outcome.imported, outcome.table.errors
    assert RealisationRow.objects.count() == 2
    assert outcome.table.totals.line == 4
    assert outcome.table.totals.matches
    assert difference_texts(outcome.table.totals) == []


def test_a_totals_row_that_differs_shows_both_figures_and_the_difference():
    rows = [*TOTALS_ROWS, ["", "TOTAL", "", "0,670", "300,00", ""]]

    outcome = load(csv_bytes(rows))

    # The rows are good: they are imported; the slip of the table is shown.
    assert outcome.imported
    assert RealisationRow.objects.count() == 2
    check = outcome.table.totals
    assert (check.volume_table, check.volume_sum) == (
        Decimal("0.670"),
        Decimal("0.667"),
    )
    assert check.volume_difference == Decimal("0.003")
    assert (check.value_table, check.value_sum) == (
        Decimal("300.00"),
        Decimal("300.30"),
    )
    assert check.value_difference == Decimal("-0.30")
    assert difference_texts(check) == [
        t(
            DIFFERENCE,
            line=4,
            label=t("volume"),
            unit="TNE",
            table="0,670",
            sum="0,667",
            difference="+0,003",
        ),
        t(
            DIFFERENCE,
            line=4,
            label=t("value"),
            unit="USD",
            table="300,00",
            sum="300,30",
            difference="-0,30",
        ),
    ]


def test_a_second_totals_row_is_a_row_error():
    rows = [
        *TOTALS_ROWS,
        ["", "TOTAL", "", "0,667", "300,30", ""],
        ["", "JUMLAH", "", "0,667", "300,30", ""],
    ]

    outcome = load(csv_bytes(rows))

    assert not outcome.imported
    assert [error.line for error in outcome.table.errors] == [5]


def test_a_row_under_the_totals_row_with_figures_is_still_checked():
    rows = [*TOTALS_ROWS, ["", "TOTAL", "", "0,667", "300,30", ""], ["3", "", "", "1"]]

    outcome = load(csv_bytes(rows))

    assert not outcome.imported
    assert {error.line for error in outcome.table.errors} == {5}


def test_reading_alone_writes_nothing():
    table = table_read(data=csv_bytes(PLAIN_ROWS), year=2024)

    assert len(table.rows) == 3
    assert not RealisationRow.objects.exists()
