"""Django's own texts on the password pages, marked here so the portal's catalogue
can word them as the co-op does ("Kata sandi", "Anda") and `make messages` keeps
them. Nothing imports this module; only the catalogue reads these strings."""

from django.utils.translation import gettext_noop

DJANGO_PASSWORD_TEXTS = [
    gettext_noop("Old password"),
    gettext_noop("New password confirmation"),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    gettext_noop(
        "Your password can’t be too similar to your other personal information."
    ),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("Password changed successfully."),
]
