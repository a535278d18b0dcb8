"""The role-aware home page and a member's own page, put together from the apps."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog import menu as catalog_menu
from core.menu import Action, action
from exports import menu as exports_menu
from members import menu as members_menu
from members.models import Member
from members.roles import Role, has_role, primary_role, role_required
from portal.selectors import dashboard_figures
from production import menu as production_menu
from production.selectors import (
    earnings_by_month,
    member_hand_ins,
    member_pieces_by_month,
)
from sales import menu as sales_menu
from sales.selectors.wages import unpaid_wages
from storefront import menu as storefront_menu
from storefront.orders.selectors import pending_count as pending_order_requests
from training import menu as training_menu
from training import selectors as training_selectors


@dataclass(frozen=True)
class Section:
    title: str
    actions: list[Action]


def _home_sections(user, member: Member | None) -> list[Section]:
    """What this user can do, grouped, her own work first; empty groups left out."""
    has_profile = member is not None and member.is_active
    is_admin = has_role(user, Role.ADMIN)
    is_trainer = has_role(user, Role.TRAINER)
    own = []
    if has_profile:
        own += production_menu.member_actions()
        own.append(
            action(
                "portal:my-history",
                gettext_lazy("My history"),
                gettext_lazy("Your hand-ins, earnings and training attendance."),
            )
        )
    training = training_menu.trainer_actions() if is_admin or is_trainer else []
    if is_trainer and not is_admin:
        # Her training work first, then the targets she may follow too.
        training += [
            a for a in production_menu.admin_actions() if a.url.endswith("/target/")
        ]
    sections = []
    if is_trainer and not is_admin:
        sections.append(Section(gettext_lazy("Training"), training))
    sections.append(Section(gettext_lazy("My work"), own))
    if is_admin:
        sections += [
            Section(gettext_lazy("Sales"), sales_menu.admin_actions()),
            Section(gettext_lazy("Online shop"), storefront_menu.admin_actions()),
            Section(gettext_lazy("Exports"), exports_menu.admin_actions()),
            Section(gettext_lazy("Production"), production_menu.admin_actions()),
            Section(gettext_lazy("Training"), training),
            Section(gettext_lazy("Catalog"), catalog_menu.admin_actions()),
        ]
    if is_admin and user.is_staff:
        sections.append(
            Section(
                gettext_lazy("Administration"),
                storefront_menu.staff_actions(user) + members_menu.staff_actions(user),
            )
        )
    sections.append(
        Section(
            gettext_lazy("Account"),
            members_menu.account_actions(has_profile=has_profile),
        )
    )
    return [section for section in sections if section.actions]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    member = Member.objects.filter(user=request.user).first()
    is_admin = has_role(request.user, Role.ADMIN)
    return render(
        request,
        "portal/home.html",
        {
            "member": member,
            "role": primary_role(request.user),
            "sections": _home_sections(request.user, member),
            "dashboard": dashboard_figures() if is_admin else None,
            # Customers waiting for an answer: one count.
            "pending_order_requests": pending_order_requests() if is_admin else None,
        },
    )


@role_required(Role.MEMBER, Role.TRAINER, Role.ADMIN)
def my_history(request: HttpRequest) -> HttpResponse:
    """Riwayat saya: her own hand-ins, earnings and attendance, nobody else's."""
    member = Member.objects.filter(user=request.user).first()
    if member is None:
        raise Http404(_("This account has no member profile."))
    page = Paginator(
        member_hand_ins(member=member).select_related("photo"), 10
    ).get_page(request.GET.get("page"))
    # A month is paid as on the wages page: nothing of it is left unpaid.
    unpaid = {row.month for row in unpaid_wages(member=member)}
    earnings = []
    for row in earnings_by_month(member=member)[:12]:
        month = row["month"]
        earnings.append({**row, "month": month, "paid": month not in unpaid})
    this_month = timezone.localdate().replace(day=1)
    current = next((row for row in earnings if row["month"] == this_month), None)
    return render(
        request,
        "portal/my_history.html",
        {
            "member": member,
            "page": page,
            "this_month": this_month,
            "this_month_pieces": current["pieces"] if current else 0,
            "this_month_amount": (current["amount"] or 0) if current else 0,
            "earnings": earnings,
            "attendance": training_selectors.member_attendance_summary(member=member),
        },
    )


@role_required(Role.TRAINER, Role.ADMIN)
def member_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's progress for her trainer: attendance, skills and pieces."""
    member = get_object_or_404(Member.objects.select_related("user"), pk=pk)
    return render(
        request,
        "training/member_progress.html",
        {
            "member": member,
            "is_new": member.join_date >= training_selectors.new_member_since(),
            "attendance": training_selectors.member_attendance_summary(member=member),
            "skills": training_selectors.member_skill_levels(member=member),
            "assessments": training_selectors.member_assessments(member=member),
            "pieces": member_pieces_by_month(member=member),
        },
    )
