"""What every login finds on the portal's home page: own profile, password, admin."""

from django.utils.translation import gettext_lazy as _

from core.menu import Action, action


def staff_actions(user) -> list[Action]:
    actions = []
    if user.has_perm("members.view_member"):
        actions.append(
            action(
                "admin:members_member_changelist",
                _("Manage members"),
                _("Add members, set their role, reset a password."),
            )
        )
    actions.append(
        action(
            "admin:index",
            _("Admin panel"),
            _("Everything the co-op keeps, in one place."),
        )
    )
    return actions


def account_actions(*, has_profile: bool) -> list[Action]:
    actions = []
    if has_profile:
        actions.append(
            action(
                "members:profile",
                _("My profile"),
                _("Your details and WhatsApp number as the co-op has them."),
            )
        )
    actions.append(
        action(
            "members:password-change",
            _("Change password"),
            _("Choose a new password for your account."),
        )
    )
    return actions
