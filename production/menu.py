"""What production offers on the portal's home page, by role."""

from django.utils.translation import gettext_lazy as _

from core.menu import Action, action


def member_actions() -> list[Action]:
    return [
        action(
            "production:submit-choose",
            _("Hand in finished pieces"),
            _("Report the pieces you knitted, with a photo."),
        ),
    ]


def _targets() -> Action:
    return action(
        "production:targets",
        _("Production targets"),
        _("Accepted pieces against this month's targets."),
    )


def trainer_actions() -> list[Action]:
    """Trainers follow the targets too (they may not check hand-ins)."""
    return [_targets()]


def admin_actions() -> list[Action]:
    return [
        action(
            "production:review",
            _("Check hand-ins"),
            _("Accept or reject finished pieces; stock goes up on accept."),
        ),
        _targets(),
    ]
