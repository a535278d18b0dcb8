"""Loading a realisation table: every row good, or nothing at all."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.countries import country_name

from ..models import RealisationImport, RealisationRow
from .files import FileError, read_rows
from .numbers import format_number
from .table import RowError, Table, TotalsCheck, read_table


@dataclass
class Outcome:
    """What an import did, or would have done: its table and the batch if stored."""

    table: Table
    batch: RealisationImport | None = None

    @property
    def imported(self) -> bool:
        return self.batch is not None


def table_read(*, data: bytes, year: int | None = None) -> Table:
    """The file read and checked row by row; a file that is no table is one error."""
    try:
        rows = read_rows(data)
    except FileError as error:
        return Table(errors=[RowError(0, str(error))])
    return read_table(rows, year=year)


@transaction.atomic
def realisation_import(
    *, data: bytes, source_name: str, year: int | None, by=None
) -> Outcome:
    """Store every row of the table in one batch; when any row is bad, store none.

    Bad rows come back in ``Outcome.table.errors`` (by line) and nothing is
    written. A totals row that differs from the sum of the rows does not stop
    the import: the difference is reported alongside.
    """
    table = table_read(data=data, year=year)
    if table.errors:
        return Outcome(table=table)
    batch = RealisationImport.objects.create(
        source_name=source_name[:200], year=year, imported_by=by
    )
    RealisationRow.objects.bulk_create(
        RealisationRow(
            batch=batch,
            line_number=row.line,
            year=row.year,
            month=row.month,
            exporter=row.exporter,
            commodity=row.commodity,
            hs_code=row.hs_code,
            volume_kg=row.volume_kg,
            value_usd=row.value_usd,
            destinations=row.destinations,
        )
        for row in table.rows
    )
    return Outcome(table=table, batch=batch)


def realisation_import_or_refuse(**kwargs) -> Outcome:
    """As ``realisation_import``, but bad rows raise a ``ValidationError``."""
    outcome = realisation_import(**kwargs)
    if not outcome.imported:
        raise ValidationError(
            [error_text(error) for error in outcome.table.errors], code="bad_rows"
        )
    return outcome


def error_text(error: RowError) -> str:
    if not error.line:
        return error.message
    return _("Line %(line)s: %(reason)s") % {
        "line": error.line,
        "reason": error.message,
    }


def totals_text(table: Table) -> str:
    countries = ", ".join(country_name(code) for code in table.destinations)
    return _(
        "%(rows)s rows: volume %(volume)s TNE, value %(value)s USD, "
        "%(count)s destination countries (%(countries)s)."
    ) % {
        "rows": len(table.rows),
        "volume": format_number(table.volume_tne, 3),
        "value": format_number(table.value_usd, 2),
        "count": len(table.destinations),
        "countries": countries,
    }


def difference_texts(check: TotalsCheck | None) -> list[str]:
    """Each figure of the totals row that differs: both figures and the difference."""
    if check is None:
        return []
    texts = []
    figures = (
        (
            _("volume"),
            "TNE",
            check.volume_table,
            check.volume_sum,
            check.volume_difference,
            6,
        ),
        (
            _("value"),
            "USD",
            check.value_table,
            check.value_sum,
            check.value_difference,
            4,
        ),
    )
    for label, unit, in_table, in_rows, difference, places in figures:
        if difference:
            texts.append(
                _(
                    "The totals row (line %(line)s) gives %(label)s %(table)s "
                    "%(unit)s, the rows add up to %(sum)s %(unit)s: a difference "
                    "of %(difference)s %(unit)s."
                )
                % {
                    "line": check.line,
                    "label": label,
                    "unit": unit,
                    "table": _exact(in_table, places),
                    "sum": _exact(in_rows, places),
                    "difference": _signed(difference, places),
                }
            )
    return texts


def _exact(value, places: int) -> str:
    """Shown with as many decimals as the figure has (at least 2 or 3)."""
    minimum = 3 if places == 6 else 2
    shown = max(minimum, min(places, -value.normalize().as_tuple().exponent))
    return format_number(value, shown)


def _signed(value, places: int) -> str:
    text = _exact(value, places)
    return f"+{text}" if value > 0 else text
