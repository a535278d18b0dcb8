"""A realisation table read row by row: each good row, each bad one and why.

Columns (header names in any case, English or Indonesian): ``exporter``
(eksportir), ``commodity`` (komoditi), ``volume_tne`` (volume (tne)),
``value_usd`` (nilai (usd)), ``destinations`` (negara tujuan); optional ``no``
(ignored), ``hs_code`` (kode hs), ``year`` (tahun), ``month`` (bulan). Rows above
the header (a title) are skipped. A row labelled TOTAL or JUMLAH is the table's
own total: it is not imported, only compared with the sum of the rows.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from core.countries import country_code

from .columns import HEADER_OF, MONTHS, REQUIRED, TOTAL, fold
from .files import FileRow
from .numbers import (
    PLAIN,
    NumberError,
    decimal_places,
    parse_number,
    style_of,
)

# Tonnes to the gram; dollars to the hundredth of a cent (the stored precision).
TNE_PLACES = 6
USD_PLACES = 4
MAX_KG = Decimal(10) ** 14
MAX_USD = Decimal(10) ** 16
FIRST_YEAR = 1950


@dataclass
class Row:
    line: int
    year: int
    month: int | None
    exporter: str
    commodity: str
    hs_code: str
    volume_tne: Decimal
    value_usd: Decimal
    destinations: list[str]

    @property
    def volume_kg(self) -> Decimal:
        return self.volume_tne * 1000


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass(frozen=True)
class TotalsCheck:
    """The table's own totals row against the sum of its rows."""

    line: int
    volume_table: Decimal | None
    volume_sum: Decimal
    value_table: Decimal | None
    value_sum: Decimal

    @property
    def volume_difference(self) -> Decimal | None:
        if self.volume_table is None:
            return None
        return self.volume_table - self.volume_sum

    @property
    def value_difference(self) -> Decimal | None:
        if self.value_table is None:
            return None
        return self.value_table - self.value_sum

    @property
    def matches(self) -> bool:
        return not self.volume_difference and not self.value_difference


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    totals: TotalsCheck | None = None

    @property
    def volume_tne(self) -> Decimal:
        return sum((row.volume_tne for row in self.rows), Decimal(0))

    @property
    def value_usd(self) -> Decimal:
        return sum((row.value_usd for row in self.rows), Decimal(0))

    @property
    def destinations(self) -> list[str]:
        """Every destination country of the table, once, in order of first use."""
        seen: dict[str, None] = {}
        for row in self.rows:
            seen.update(dict.fromkeys(row.destinations))
        return list(seen)

    @property
    def years(self) -> list[int]:
        return sorted({row.year for row in self.rows})


def _header(rows: list[FileRow]) -> tuple[int, dict[str, int]] | None:
    """The first row naming the exporter or commodity column, and its columns."""
    for index, row in enumerate(rows[:30]):
        columns: dict[str, int] = {}
        for position, cell in enumerate(row.cells):
            key = HEADER_OF.get(fold(cell))
            if key and key not in columns:
                columns[key] = position
        if "exporter" in columns or "commodity" in columns:
            return index, columns
    return None


def _file_style(rows: list[FileRow], columns: dict[str, int]) -> str | None:
    """Indonesian or plain, as the table's own unambiguous numbers show."""
    styles = set()
    for row in rows:
        for key in ("volume_tne", "value_usd"):
            position = columns[key]
            if position < len(row.cells) and position not in row.numeric:
                style = style_of(row.cells[position])
                if style:
                    styles.add(style)
    return styles.pop() if len(styles) == 1 else None


class _RowReader:
    """Reads one row's cells; collects every problem of the row, not just the first."""

    def __init__(self, row: FileRow, columns: dict[str, int], style: str | None):
        self.row, self.columns, self.style = row, columns, style
        self.problems: list[str] = []

    def text(self, key: str) -> str:
        position = self.columns.get(key)
        if position is None or position >= len(self.row.cells):
            return ""
        return self.row.cells[position].strip()

    def number(self, key: str, label: str, places: int) -> Decimal | None:
        text = self.text(key)
        numeric = self.columns.get(key) in self.row.numeric
        try:
            value = parse_number(text, PLAIN if numeric else self.style)
        except NumberError as error:
            self.problems.append(_number_problem(error.code, label, text))
            return None
        if decimal_places(value) > places:
            self.problems.append(
                _("%(column)s %(text)s has more than %(places)s decimals.")
                % {"column": label, "text": text, "places": places}
            )
            return None
        return value

    def need(self, key: str, label: str) -> str:
        value = self.text(key)
        if not value:
            self.problems.append(_("%(column)s is empty.") % {"column": label})
        return value


def _number_problem(code: str, label: str, text: str) -> str:
    if code == "empty":
        return _("%(column)s is empty.") % {"column": label}
    if code == "negative":
        return _("%(column)s %(text)s is negative.") % {"column": label, "text": text}
    if code == "ambiguous":
        return _(
            "%(column)s %(text)s can be read two ways; write it with its decimals "
            "(e.g. 1.234,000 or 1234.000) or without separators (1234)."
        ) % {"column": label, "text": text}
    return _("%(column)s %(text)s is not a number.") % {"column": label, "text": text}


def _destinations(reader: _RowReader) -> list[str]:
    text = reader.need("destinations", "destinations")
    codes: dict[str, None] = {}
    unknown = []
    for name in (part.strip() for part in text.split(";")):
        if not name:
            continue
        code = country_code(name)
        if code is None:
            unknown.append(name)
        else:
            codes[code] = None
    if unknown:
        reader.problems.append(
            _("Unknown destination country: %(names)s.")
            % {"names": ", ".join(f"“{name}”" for name in unknown)}
        )
    elif text and not codes:
        reader.problems.append(_("destinations is empty."))
    return list(codes)


def _year(reader: _RowReader, default_year: int | None) -> int | None:
    text = reader.text("year")
    if not text:
        if default_year is None:
            reader.problems.append(
                _("No year: fill in the year column or give the year on the form.")
            )
        return default_year
    latest = timezone.localdate().year
    if text.isdigit() and FIRST_YEAR <= int(text) <= latest:
        return int(text)
    reader.problems.append(
        _("Year %(text)s is not a year between %(first)s and %(last)s.")
        % {"text": text, "first": FIRST_YEAR, "last": latest}
    )
    return None


def _month(reader: _RowReader) -> int | None:
    text = reader.text("month")
    if not text:
        return None
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    month = MONTHS.get(fold(text))
    if month is None:
        reader.problems.append(
            _("Month %(text)s is not a month (1 to 12, or its name).") % {"text": text}
        )
    return month


def _hs_code(reader: _RowReader) -> str:
    text = reader.text("hs_code")
    digits = re.sub(r"[\s.]", "", text)
    if text and not (digits.isdigit() and 2 <= len(digits) <= 10):
        reader.problems.append(
            _("HS code %(text)s is not 2 to 10 digits.") % {"text": text}
        )
        return ""
    return digits


def _is_total(reader: _RowReader) -> bool:
    first = reader.row.cells[0].strip() if reader.row.cells else ""
    labels = (first, reader.text("exporter"), reader.text("commodity"))
    return any(TOTAL.match(fold(label)) for label in labels if label)


def _is_empty(row: FileRow) -> bool:
    return not any(cell.strip() for cell in row.cells)


def read_table(rows: list[FileRow], *, year: int | None = None) -> Table:
    """Each data row read and checked; ``year`` goes to rows without their own."""
    table = Table()
    found = _header(rows)
    if found is None:
        table.errors.append(
            RowError(
                1,
                _(
                    "No header row found. The first row of the table must name "
                    "the columns: %(columns)s."
                )
                % {"columns": ", ".join(REQUIRED)},
            )
        )
        return table
    header_index, columns = found
    header = rows[header_index]
    missing = [key for key in REQUIRED if key not in columns]
    if missing:
        table.errors.append(
            RowError(
                header.number,
                _("Column missing from the header: %(columns)s.")
                % {"columns": ", ".join(missing)},
            )
        )
        return table
    body = [row for row in rows[header_index + 1 :] if not _is_empty(row)]
    style = _file_style(body, columns)
    totals: list[tuple[int, Decimal | None, Decimal | None]] = []
    for row in body:
        reader = _RowReader(row, columns, style)
        if _is_total(reader):
            # A totals row may leave a figure out; what it gives is checked.
            volume = value = None
            if reader.text("volume_tne"):
                volume = reader.number("volume_tne", "volume_tne", TNE_PLACES)
            if reader.text("value_usd"):
                value = reader.number("value_usd", "value_usd", USD_PLACES)
            if totals:
                reader.problems = [
                    _("A second totals row; keep only the one for the whole table.")
                ]
            totals.append((row.number, volume, value))
        elif totals and not (reader.text("volume_tne") or reader.text("value_usd")):
            continue  # a note under the totals row, such as the source
        else:
            parsed = _read_row(reader, year)
            if parsed is not None and not reader.problems:
                table.rows.append(parsed)
        table.errors.extend(RowError(row.number, p) for p in reader.problems)
    if not table.rows and not table.errors:
        table.errors.append(
            RowError(header.number, _("The table has no rows under its header."))
        )
    # Against the sum of every row only: with a bad row the sum means nothing yet.
    if totals and not table.errors:
        line, volume, value = totals[0]
        table.totals = TotalsCheck(
            line=line,
            volume_table=volume,
            volume_sum=table.volume_tne,
            value_table=value,
            value_sum=table.value_usd,
        )
    return table


def _read_row(reader: _RowReader, default_year: int | None) -> Row | None:
    width = max(reader.columns.values()) + 1
    if any(cell.strip() for cell in reader.row.cells[width:]):
        reader.problems.append(
            _(
                "The row has more cells than the header has columns. A cell "
                "that holds a ; (several countries) must be in quotes."
            )
        )
    exporter = reader.need("exporter", "exporter")
    commodity = reader.need("commodity", "commodity")
    volume = reader.number("volume_tne", "volume_tne", TNE_PLACES)
    value = reader.number("value_usd", "value_usd", USD_PLACES)
    destinations = _destinations(reader)
    year = _year(reader, default_year)
    month = _month(reader)
    hs_code = _hs_code(reader)
    if volume is not None and volume * 1000 >= MAX_KG:
        reader.problems.append(_("volume_tne is too large; check the number."))
    if value is not None and value >= MAX_USD:
        reader.problems.append(_("value_usd is too large; check the number."))
    if len(exporter) > 200 or len(commodity) > 200:
        reader.problems.append(_("exporter or commodity is longer than 200 letters."))
    if reader.problems:
        return None
    return Row(
        line=reader.row.number,
        year=year,
        month=month,
        exporter=exporter,
        commodity=commodity,
        hs_code=hs_code,
        volume_tne=volume,
        value_usd=value,
        destinations=destinations,
    )
