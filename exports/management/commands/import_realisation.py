"""python manage.py import_realisation FILE [--year YYYY]: load a realisation table."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from exports.realisation.importer import (
    difference_texts,
    error_text,
    realisation_import,
    totals_text,
)


class Command(BaseCommand):
    help = (
        "Import an export realisation table (CSV or XLSX). Nothing is imported "
        "when any row is bad; exits with status 1 then."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the CSV or XLSX file")
        parser.add_argument(
            "--year", type=int, default=None, help="for rows without a year"
        )

    def handle(self, *args, file: Path, year: int | None, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s")
                % {"file": file, "reason": error.strerror or error}
            ) from error
        outcome = realisation_import(data=data, source_name=file.name, year=year)
        table = outcome.table
        if not outcome.imported:
            for error in table.errors:
                self.stderr.write(error_text(error))
            raise CommandError(
                _("Nothing was imported: %(count)s problems in the table.")
                % {"count": len(table.errors)}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported %(name)s. %(totals)s")
                % {"name": file.name, "totals": totals_text(table)}
            )
        )
        for text in difference_texts(table.totals):
            self.stdout.write(self.style.WARNING(text))
        if table.totals is not None and table.totals.matches:
            self.stdout.write(_("The totals row matches the sum of the rows."))
