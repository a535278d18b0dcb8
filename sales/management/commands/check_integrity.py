"""python manage.py check_integrity: the books and the stock still add up."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sales.integrity import integrity_check


class Command(BaseCommand):
    help = (
        "Check that the stock equals its movements and is never below 0, that "
        "every reversal nets its original and that payments stay within their "
        "sale. Names each record in trouble and exits with status 1 then."
    )

    def handle(self, *args, verbosity: int, **options):
        outcomes = integrity_check()
        failed = [outcome for outcome in outcomes if outcome.problems]
        for outcome in outcomes:
            if verbosity >= 2 and not outcome.problems:
                self.stdout.write(_("ok: %(check)s") % {"check": outcome.check.name})
            for problem in outcome.problems:
                self.stdout.write(self.style.ERROR(f"{outcome.check.name}: {problem}"))
        if failed:
            problems = sum(len(outcome.problems) for outcome in failed)
            raise CommandError(
                _("%(failed)s of %(checks)s checks failed, %(problems)s problems.")
                % {
                    "failed": len(failed),
                    "checks": len(outcomes),
                    "problems": problems,
                },
                returncode=1,
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("All %(checks)s checks passed.") % {"checks": len(outcomes)}
            )
        )
