from django.core.management.base import BaseCommand, CommandError

from core.once import KEEP_DAYS, clear_old_tokens


class Command(BaseCommand):
    help = "Delete one-time form tokens older than a number of days (30 by default)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=KEEP_DAYS)

    def handle(self, *args, days: int, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        deleted = clear_old_tokens(days=days)
        self.stdout.write(f"Deleted {deleted} form tokens older than {days} days.")
