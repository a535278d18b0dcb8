"""What training offers on the portal's home page (trainers and admins)."""

from django.utils.translation import gettext_lazy as _

from core.menu import Action, action


def trainer_actions() -> list[Action]:
    return [
        action(
            "training:session-list",
            _("Training"),
            _("Record a session and tick attendance."),
        ),
        action(
            "training:progress-list",
            _("Members' progress"),
            _("Attendance, skills and accepted pieces of each member."),
        ),
        action(
            "training:reports",
            _("Training reports"),
            _("Attendance per session and member; CSV export."),
        ),
    ]
