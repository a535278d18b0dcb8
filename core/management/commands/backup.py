from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_create


def size_text(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


class Command(BaseCommand):
    help = (
        "Write one archive with the database, the media and the private files "
        "(with a manifest of checksums); print the archive's path last."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Archive file (*.zip), or a folder for a dated name (default: "
            "backups/ in the checkout, or DJANGO_BACKUP_DIR).",
        )

    def handle(self, *args, output: Path | None, **options):
        try:
            result = backup_create(output=output)
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = result.manifest
        files = manifest["files"]
        self.stdout.write(
            f"Backed up the {manifest['database']['vendor']} database, "
            f"{files['media']} media files and {files['private']} private files "
            f"({size_text(result.path.stat().st_size)})."
        )
        self.stdout.write(str(result.path))
