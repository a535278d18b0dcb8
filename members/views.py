from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Member
from .roles import Role, has_role, primary_role


def _home_actions(request: HttpRequest) -> list[dict]:
    """What this user can do, as links to pages that exist."""
    user = request.user
    actions = []
    if Member.objects.filter(user=user).exists():
        actions.append(
            {
                "url": reverse("members:profile"),
                "title": _("My profile"),
                "text": _("Your details and WhatsApp number as the co-op has them."),
            }
        )
    if has_role(user, Role.ADMIN) and user.is_staff:
        if user.has_perm("members.view_member"):
            actions.append(
                {
                    "url": reverse("admin:members_member_changelist"),
                    "title": _("Manage members"),
                    "text": _("Add members, set their role, reset a password."),
                }
            )
        actions.append(
            {
                "url": reverse("admin:index"),
                "title": _("Admin panel"),
                "text": _("Everything the co-op keeps, in one place."),
            }
        )
    actions.append(
        {
            "url": reverse("members:password-change"),
            "title": _("Change password"),
            "text": _("Choose a new password for your account."),
        }
    )
    return actions


@login_required
def home(request: HttpRequest) -> HttpResponse:
    member = Member.objects.filter(user=request.user).first()
    return render(
        request,
        "members/home.html",
        {
            "member": member,
            "role": primary_role(request.user),
            "actions": _home_actions(request),
        },
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    # Always the logged-in user's own profile: no id in the URL to guess.
    member = Member.objects.filter(user=request.user).first()
    return render(
        request,
        "members/profile.html",
        {"member": member, "role": primary_role(request.user)},
    )
