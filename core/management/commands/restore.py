from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, archive_check, backup_restore


class Command(BaseCommand):
    help = (
        "Restore the database, the media and the private files from an archive of "
        "`backup`, after checking every checksum (a damaged archive changes nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--yes",
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, archive: Path, interactive: bool, **options):
        try:
            plan = archive_check(archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = plan.manifest
        self.stdout.write(
            f"{archive}: checked, every checksum matches. "
            f"Made {manifest.data['created_at']}, "
            f"with a {manifest.database['vendor']} database, "
            f"{manifest.count('media')} media files, "
            f"{manifest.count('private')} private files."
        )
        if interactive:
            answer = input(
                "This replaces the whole database and the media and private folders "
                "of this portal. Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled. Nothing was changed.")
        try:
            backup_restore(plan)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write("Restored.")
        if plan.pending:
            self.stdout.write(
                "This checkout is newer than the archive: run "
                "`python manage.py migrate` now "
                f"({len(plan.pending)} migrations to apply)."
            )
