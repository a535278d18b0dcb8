"""A realisation table file as rows of text cells: CSV (comma or semicolon) or XLSX."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 60
_HEADER_WORDS = re.compile(r"(?i)export|eksport|commodit|komodit")


class FileError(ValueError):
    """The file cannot be read as a table; the message says why."""


@dataclass(frozen=True)
class FileRow:
    number: int  # as a spreadsheet shows it: the first row is 1
    cells: list[str]
    # Cells that were numbers in a spreadsheet: plain digits, never ambiguous.
    numeric: frozenset[int] = frozenset()


def _cell_text(value) -> str:
    """An XLSX cell as the text a CSV would hold; numbers exact, never floats' noise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Excel keeps 15 significant digits; more is the noise of binary floats.
        return _decimal_text(Decimal(format(value, ".15g")))
    if isinstance(value, Decimal):
        return _decimal_text(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _decimal_text(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _xlsx_rows(data: bytes) -> list[FileRow]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise FileError(
            _("This XLSX file cannot be read; open it in Excel and save it again.")
        ) from error
    try:
        sheet = book.worksheets[0]
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                raise FileError(_too_many_rows())
            values = values[:MAX_COLUMNS]
            numeric = frozenset(
                index
                for index, value in enumerate(values)
                if isinstance(value, int | float | Decimal)
                and not isinstance(value, bool)
            )
            cells = [_cell_text(value) for value in values]
            rows.append(FileRow(number, cells, numeric))
        return rows
    finally:
        book.close()


def _delimiter(text: str) -> str:
    """The header line decides: more semicolons (or tabs) than commas wins.

    The header is the first line naming the exporter or the commodity; a title
    above it has no separators to count.
    """
    lines = [line for line in text.splitlines()[:40] if line.strip()]
    header = next(
        (
            line
            for line in lines
            if _HEADER_WORDS.search(line) and any(sign in line for sign in ";\t,")
        ),
        lines[0] if lines else "",
    )
    counts = {";": header.count(";"), "\t": header.count("\t"), ",": header.count(",")}
    return max(counts, key=lambda sign: (counts[sign], sign == ","))


def _csv_rows(data: bytes) -> list[FileRow]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileError(
            _(
                "This CSV file is not in UTF-8. In Excel choose Save As, "
                "'CSV UTF-8 (Comma delimited)', and upload that file."
            )
        ) from error
    if "\x00" in text:
        raise FileError(_("This file is not a CSV or XLSX table."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows = []
    try:
        for number, cells in enumerate(reader, start=1):
            if number > MAX_ROWS:
                raise FileError(_too_many_rows())
            rows.append(FileRow(number, [c.strip() for c in cells[:MAX_COLUMNS]]))
    except csv.Error as error:
        raise FileError(
            _("This CSV file cannot be read: %(reason)s") % {"reason": error}
        ) from error
    return rows


def _too_many_rows() -> str:
    return _("The table has more than %(limit)s rows; split it into smaller files.") % {
        "limit": f"{MAX_ROWS:,}".replace(",", ".")
    }


def read_rows(data: bytes) -> list[FileRow]:
    """The file's rows; its kind is told by its content, not by its name."""
    if not data:
        raise FileError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise FileError(_("The file is larger than 5 MB; split it into smaller files."))
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_rows(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileError(
            _(
                "This is an old Excel file (XLS). Open it in Excel and save it "
                "as XLSX or CSV UTF-8."
            )
        )
    if data.startswith(b"%PDF"):
        raise FileError(
            _("This is a PDF. Copy the table into Excel and save it as XLSX or CSV.")
        )
    return _csv_rows(data)
