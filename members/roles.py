"""The three roles of the portal, kept as Django groups."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # The value is the group's name, as the co-op calls it.
    ADMIN = "Pengurus", _("Admin (pengurus)")
    TRAINER = "Pelatih", _("Trainer (pelatih)")
    MEMBER = "Anggota", _("Member (anggota)")


def grant_permissions(apps, role: str, codenames: list[str]) -> None:
    """Give a role's group the named permissions; for use inside data migrations.

    Each app's migrations grant the permissions of its own models, so a fresh
    database gets them in order.
    """
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran; make sure the
    # ones named here exist already.
    for app_config in apps.get_app_configs():
        # Historical app configs have no models module, which create_permissions
        # takes for "no models"; the app registry's own configs keep theirs.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=role)
    for dotted in codenames:
        app_label, codename = dotted.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def user_roles(user: AbstractBaseUser | AnonymousUser) -> set[Role]:
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return {Role.ADMIN}
    names = getattr(user, "_role_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._role_names = names
    return {role for role in Role if role.value in names}


def has_role(user, *roles: Role) -> bool:
    return bool(user_roles(user) & set(roles))


def primary_role(user) -> Role | None:
    roles = user_roles(user)
    for role in (Role.ADMIN, Role.TRAINER, Role.MEMBER):
        if role in roles:
            return role
    return None


def role_required(*roles: Role):
    """View decorator: log in first, then 403 unless the user has one of the roles."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator
