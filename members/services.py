"""Writes that keep a member's profile, login account and role in step."""

from datetime import date

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import AbstractUser, Group
from django.db import transaction

from .models import Member
from .passwords import password_check_account
from .roles import Role

User = get_user_model()


def _apply_role(user: AbstractUser, role: Role) -> None:
    user.groups.set([Group.objects.get(name=role.value)])
    # Only admins (pengurus) work in the Django admin.
    user.is_staff = role == Role.ADMIN or user.is_superuser


@transaction.atomic
def member_create(
    *,
    username: str,
    password: str | None,
    full_name: str,
    role: Role,
    whatsapp: str = "",
    village: str = "",
    address: str = "",
    join_date: date | None = None,
    is_active: bool = True,
    notes: str = "",
) -> Member:
    user = User(username=username, is_active=is_active)
    if password:
        # Every way in checks the co-op's password rules, not only the forms.
        password_validation.validate_password(
            password,
            password_check_account(
                username=username, full_name=full_name, village=village
            ),
        )
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    _apply_role(user, role)
    user.save(update_fields=["is_staff"])
    member = Member(
        user=user,
        full_name=full_name,
        whatsapp=whatsapp,
        village=village,
        address=address,
        is_active=is_active,
        notes=notes,
    )
    if join_date is not None:
        member.join_date = join_date
    member.full_clean(exclude=["user"])
    member.save()
    return member


@transaction.atomic
def member_update_account(
    *, member: Member, role: Role, new_password: str | None = None
) -> Member:
    """Bring the login account in line with the profile: role, active flag, password."""
    user = member.user
    _apply_role(user, role)
    user.is_active = member.is_active
    if new_password:
        password_validation.validate_password(new_password, user)
        user.set_password(new_password)
    user.save()
    return member
