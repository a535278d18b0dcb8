from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Member
from .roles import Role, has_role, primary_role


def _action(url_name: str, title, text) -> dict:
    return {"url": reverse(url_name), "title": title, "text": text}


def _home_actions(request: HttpRequest, member: Member | None) -> list[dict]:
    """What this user can do, as links to pages that exist, most used first."""
    user = request.user
    has_profile = member is not None and member.is_active
    is_admin = has_role(user, Role.ADMIN)
    is_trainer = has_role(user, Role.TRAINER)
    actions = []
    if has_profile:
        actions += [
            _action(
                "production:submit-choose",
                _("Hand in finished pieces"),
                _("Report the pieces you knitted, with a photo."),
            ),
            _action(
                "production:history",
                _("My history"),
                _("Your hand-ins, earnings and training attendance."),
            ),
        ]
    if is_admin:
        actions += [
            _action(
                "sales:sale-create",
                _("Record a sale"),
                _("WhatsApp, Shopee, bazaar…: the stock goes down when posted."),
            ),
            _action(
                "sales:sale-list",
                _("Sales"),
                _("Every sale, unpaid ones, reversals."),
            ),
            _action(
                "sales:expense-list",
                _("Expenses"),
                _("Yarn, packaging, shipping, ads and other costs."),
            ),
            _action(
                "sales:wages",
                _("Member wages"),
                _("Piece-rate wages still to pay, per member and month."),
            ),
            _action(
                "sales:reports",
                _("Financial reports"),
                _("Profit and loss, channels, products, receivables; CSV and Excel."),
            ),
            _action(
                "production:review",
                _("Check hand-ins"),
                _("Accept or reject finished pieces; stock goes up on accept."),
            ),
            _action(
                "production:targets",
                _("Production targets"),
                _("Accepted pieces against this month's targets."),
            ),
        ]
    if is_admin or is_trainer:
        actions += [
            _action(
                "training:session-list",
                _("Training"),
                _("Record a session and tick attendance."),
            ),
            _action(
                "training:progress-list",
                _("Members' progress"),
                _("Attendance, skills and accepted pieces of each member."),
            ),
            _action(
                "training:reports",
                _("Training reports"),
                _("Attendance per session and member; CSV export."),
            ),
        ]
    if is_admin and user.is_staff:
        if user.has_perm("members.view_member"):
            actions.append(
                _action(
                    "admin:members_member_changelist",
                    _("Manage members"),
                    _("Add members, set their role, reset a password."),
                )
            )
        actions.append(
            _action(
                "admin:index",
                _("Admin panel"),
                _("Everything the co-op keeps, in one place."),
            )
        )
    if has_profile:
        actions.append(
            _action(
                "members:profile",
                _("My profile"),
                _("Your details and WhatsApp number as the co-op has them."),
            )
        )
    actions.append(
        _action(
            "members:password-change",
            _("Change password"),
            _("Choose a new password for your account."),
        )
    )
    return actions


@login_required
def home(request: HttpRequest) -> HttpResponse:
    member = Member.objects.filter(user=request.user).first()
    dashboard = None
    if has_role(request.user, Role.ADMIN):
        from sales.selectors import dashboard_figures

        dashboard = dashboard_figures()
    return render(
        request,
        "members/home.html",
        {
            "member": member,
            "role": primary_role(request.user),
            "actions": _home_actions(request, member),
            "dashboard": dashboard,
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
