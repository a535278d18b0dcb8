"""The co-op's password rule: not like the person's own name, username or village.

Django's own check knows only the login account's fields (the username, and
first and last names the portal leaves empty); a member's name and village live
on her profile. Neighbours know both, so neither may be the password.
"""

import re
from difflib import SequenceMatcher

from django.contrib.auth.password_validation import (
    UserAttributeSimilarityValidator,
    exceeds_maximum_length_ratio,
)
from django.core.exceptions import (
    FieldDoesNotExist,
    ObjectDoesNotExist,
    ValidationError,
)
from django.utils.translation import gettext as _

from .models import Member

# Account fields Django compares, then the profile's.
USER_FIELDS = ("username", "first_name", "last_name", "email")
MEMBER_FIELDS = ("full_name", "village")
# Shorter names ("Sri") are only refused when the password is nearly just them.
CONTAINED_MIN_LENGTH = 4


def _profile(user) -> Member | None:
    try:
        member = user.member
    except (AttributeError, ObjectDoesNotExist):
        return None
    return member if isinstance(member, Member) else None


def _compact(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


class MemberSimilarityValidator(UserAttributeSimilarityValidator):
    """Refuse a password like the username, full name or village of its owner.

    ``user`` may be unsaved, with an unsaved ``Member`` attached as
    ``user.member`` (the admin's form for a new member checks before saving).
    """

    def __init__(self, max_similarity: float = 0.7):
        super().__init__(user_attributes=USER_FIELDS, max_similarity=max_similarity)

    def _values(self, user) -> list[tuple[str, str]]:
        found = []
        for owner, fields in ((user, USER_FIELDS), (_profile(user), MEMBER_FIELDS)):
            if owner is None:
                continue
            for name in fields:
                value = getattr(owner, name, None)
                if not isinstance(value, str) or not value.strip():
                    continue
                try:
                    label = str(owner._meta.get_field(name).verbose_name)
                except FieldDoesNotExist:
                    label = name
                found.append((value, label))
        return found

    def _is_like(self, password: str, value: str) -> bool:
        value = value.lower()
        compact = _compact(value)
        if len(compact) >= CONTAINED_MIN_LENGTH and compact in _compact(password):
            return True
        for part in {*re.split(r"\W+", value), value, compact}:
            if not part or exceeds_maximum_length_ratio(
                password, self.max_similarity, part
            ):
                continue
            ratio = SequenceMatcher(a=password, b=part).quick_ratio()
            if ratio >= self.max_similarity:
                return True
        return False

    def validate(self, password: str, user=None) -> None:
        if not user:
            return
        lowered = password.lower()
        for value, label in self._values(user):
            if self._is_like(lowered, value):
                raise ValidationError(
                    self.get_error_message(),
                    code="password_too_similar",
                    params={"verbose_name": label},
                )

    def get_error_message(self) -> str:
        return _(
            "The password is too much like the %(verbose_name)s. Choose one that "
            "neighbours and friends cannot guess."
        )

    def get_help_text(self) -> str:
        return _("Your password can’t be like your name, username or village.")


def password_check_account(
    *, username: str, full_name: str = "", village: str = "", user=None
):
    """An unsaved account carrying the given name and village, to check a password.

    Stands in for ``user`` (or a member not yet created) with the profile as it
    is about to be saved, without touching the real account's cached profile.
    """
    from django.contrib.auth import get_user_model

    account_model = get_user_model()
    account = account_model(username=username)
    if user is not None:
        for field in USER_FIELDS:
            if hasattr(user, field):
                setattr(account, field, getattr(user, field))
    Member(user=account, full_name=full_name or "", village=village or "")
    return account
