"""Members' progress: attendance, skills, pieces; skill assessments."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.once import one_time_form, release_token
from members.models import Member

from .. import selectors, services
from ..forms import AssessmentForm
from .base import trainer_or_admin


@trainer_or_admin
def progress_list(request: HttpRequest) -> HttpResponse:
    only_new = request.GET.get("baru") == "1"
    rows = selectors.progress_list(only_new=only_new)
    return render(
        request,
        "training/progress_list.html",
        {
            "rows": rows,
            "only_new": only_new,
            "new_count": sum(1 for row in rows if row.is_new),
            "new_member_days": selectors.NEW_MEMBER_DAYS,
        },
    )


def _progress_member(pk: int) -> Member:
    return get_object_or_404(Member.objects.select_related("user"), pk=pk)


@trainer_or_admin
@one_time_form
def assessment_create(request: HttpRequest, pk: int) -> HttpResponse:
    member = _progress_member(pk)
    if not member.is_active:
        release_token(request)
        messages.error(
            request,
            _("%(name)s is no longer an active member; she cannot be assessed.")
            % {"name": member.full_name},
        )
        return redirect("portal:member-progress", pk=member.pk)
    if request.method != "POST":
        form = AssessmentForm(initial={"skill": request.GET.get("skill")})
        return render(
            request,
            "training/assessment_form.html",
            {"member": member, "form": form},
        )
    form = AssessmentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.assessment_record(
                member=member,
                skill=data["skill"],
                level=data["level"],
                date=data["date"],
                note=data["note"],
                assessor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Assessment saved: %(skill)s, level %(level)s.")
                % {"skill": data["skill"], "level": data["level"]},
            )
            return redirect("portal:member-progress", pk=member.pk)
    return render(
        request,
        "training/assessment_form.html",
        {"member": member, "form": form},
        status=400,
    )
