"""Reports as files: CSV for anything, XLSX for Excel with real numbers."""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RUPIAH_FORMAT = '"Rp" #,##0'
NUMBER_FORMATS = {
    "money": RUPIAH_FORMAT,
    "int": "#,##0",
    "date": "yyyy-mm-dd",
    "month": "mmm yyyy",
    "year": "yyyy",
}
# The sheet opens with the report's title and period; the table starts below.
XLSX_HEADER_ROW = 4
HEADER_FILL = PatternFill("solid", fgColor="F3ECE7")


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "text"  # text, money, int, date, month or year


@dataclass
class Table:
    """One report as rows of plain values: ints for amounts, dates for dates."""

    title: str
    subtitle: str
    columns: Sequence[Column]
    rows: list[list] = field(default_factory=list)
    total: list | None = None  # the last, bold line; None for no total


def filename(slug: str, period_slug: str, extension: str) -> str:
    """hirarajut-laba-rugi-2025-04-01_2026-03-31.csv: ASCII, no spaces."""
    name = slugify(f"hirarajut-{slug}-{period_slug}")
    return f"{name}.{extension}"


def _attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _safe_text(value):
    """Text that a spreadsheet would run as a formula (=, +, -, @) stays text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _plain(value):
    """Lazy translations become text; everything else stays as it is."""
    return str(value) if isinstance(value, Promise) else value


def _csv_cell(value, kind: str):
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, date):
        if kind == "month":
            return value.strftime("%Y-%m")
        if kind == "year":
            return str(value.year)
        return value.isoformat()
    return _safe_text(value)


def csv_response(table: Table, name: str) -> HttpResponse:
    """UTF-8 with a byte order mark, so Excel reads names with é or ’ right."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response)
    kinds = [column.kind for column in table.columns]
    writer.writerow([_safe_text(str(column.title)) for column in table.columns])
    rows = table.rows + ([table.total] if table.total else [])
    writer.writerows(
        [_csv_cell(value, kind) for value, kind in zip(row, kinds, strict=True)]
        for row in rows
    )
    return _attachment(response, name)


def _display_width(value, kind: str) -> int:
    if value is None:
        return 0
    if kind == "money":
        return len(f"Rp {value:,}") + 1
    if kind == "int":
        return len(f"{value:,}")
    if kind in ("date", "month"):
        return 11
    return len(str(value))


def workbook(table: Table) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "".join(c for c in table.title if c not in "[]:*?/\\")[:31]
    sheet["A1"] = str(table.title)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = str(table.subtitle)
    sheet["A1"].data_type = sheet["A2"].data_type = "s"
    bold = Font(bold=True)
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=XLSX_HEADER_ROW, column=index, value=str(column.title))
        cell.data_type = "s"
        cell.font = bold
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(
            horizontal="left" if column.kind == "text" else "right", wrap_text=True
        )
    rows = [(row, False) for row in table.rows]
    if table.total:
        rows.append((table.total, True))
    for offset, (row, is_total) in enumerate(rows, start=1):
        for index, (value, column) in enumerate(
            zip(row, table.columns, strict=True), start=1
        ):
            value = _plain(value)
            cell = sheet.cell(row=XLSX_HEADER_ROW + offset, column=index, value=value)
            if isinstance(value, str):
                # Never a formula, whatever a customer typed as her name.
                cell.data_type = "s"
            elif column.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[column.kind]
            if is_total:
                cell.font = bold
    for index, column in enumerate(table.columns, start=1):
        widest = max(
            [len(column.title) * 0.9]
            + [_display_width(row[index - 1], column.kind) for row, _total in rows],
        )
        sheet.column_dimensions[get_column_letter(index)].width = min(
            max(10, widest + 2), 48
        )
    sheet.freeze_panes = sheet.cell(row=XLSX_HEADER_ROW + 1, column=1)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{XLSX_HEADER_ROW}:{XLSX_HEADER_ROW}"
    return book


def xlsx_response(table: Table, name: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook(table).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    return _attachment(response, name)
