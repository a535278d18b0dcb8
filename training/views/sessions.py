"""Sessions: list, create, change, detail and the quick attendance list."""

from datetime import time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.once import one_time_form
from core.photos import PhotoRejected
from members.models import Member
from members.roles import Role, has_role

from .. import selectors, services
from ..forms import ALL_PRESENT, AttendanceForm, NewMemberForm, SessionForm
from ..models import AttendanceStatus, Kind, Level, TrainingSession
from .base import trainer_or_admin


def _own_member(request: HttpRequest) -> Member | None:
    return Member.objects.filter(user=request.user, is_active=True).first()


@trainer_or_admin
def session_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.sessions_with_counts(), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "training/session_list.html", {"page": page})


def _session_initial(request: HttpRequest) -> dict:
    last = TrainingSession.objects.order_by("-date", "-id").first()
    initial = {
        "date": timezone.localdate(),
        "start_time": time(9, 0),
        "end_time": time(12, 0),
        "kind": Kind.WORKSHOP,
        "level": Level.BEGINNER,
        "location": last.location if last else "",
    }
    member = _own_member(request)
    if member is not None and has_role(request.user, Role.TRAINER):
        initial["trainers"] = [member.pk]
    return initial


def _session_values(form: SessionForm) -> dict:
    data = form.cleaned_data
    return {
        "topic": data["topic"],
        "date": data["date"],
        "start_time": data["start_time"],
        "end_time": data["end_time"],
        "location": data["location"],
        "level": data["level"],
        "kind": data["kind"],
        "trainers": data["trainers"],
        "notes": data["notes"],
        "materials": data["materials"],
        "photo": data.get("photo_upload"),
    }


def _session_form_page(request, form, session=None, status=200) -> HttpResponse:
    return render(
        request,
        "training/session_form.html",
        {"form": form, "session": session},
        status=status,
    )


@trainer_or_admin
@one_time_form
def session_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _session_form_page(
            request, SessionForm(initial=_session_initial(request))
        )
    form = SessionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            session = services.session_create(
                **_session_values(form), created_by=request.user
            )
        except PhotoRejected as error:
            form.add_error("photo_upload", error.messages)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Session saved. Now tick who came."))
            return redirect(session.get_attendance_url())
    return _session_form_page(request, form, status=400)


@trainer_or_admin
@one_time_form
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(TrainingSession, pk=pk)
    if request.method != "POST":
        return _session_form_page(request, SessionForm(instance=session), session)
    # The form works on a copy: a refused change leaves the session as it was.
    form = SessionForm(
        request.POST, request.FILES, instance=TrainingSession.objects.get(pk=pk)
    )
    if form.is_valid():
        try:
            services.session_update(session=session, **_session_values(form))
        except PhotoRejected as error:
            form.add_error("photo_upload", error.messages)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Session changed."))
            return redirect(session.get_absolute_url())
    return _session_form_page(request, form, session, status=400)


@trainer_or_admin
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(
        selectors.sessions_with_counts().prefetch_related("trainers"), pk=pk
    )
    return render(
        request,
        "training/session_detail.html",
        {
            "session": session,
            "attendances": selectors.session_attendance(session=session),
            # Who was left out, once a list was saved; nobody to name before.
            "unmarked": (
                list(selectors.session_unmarked(session=session))
                if session.total
                else []
            ),
        },
    )


def _attendance_page(
    request: HttpRequest,
    session: TrainingSession,
    *,
    selected: dict[int, str] | None = None,
    new_member_form: NewMemberForm | None = None,
    errors: list[str] | None = None,
    all_present: bool = False,
    status: int = 200,
) -> HttpResponse:
    members = selectors.attendance_sheet(session=session)
    for member in members:
        member.selected = (
            selected.get(member.pk, member.saved_status)
            if selected is not None
            else member.saved_status
        )
        if member.selected not in AttendanceStatus.values:
            member.selected = ""
        if all_present and member.is_active and not member.selected:
            member.selected = AttendanceStatus.PRESENT
    return render(
        request,
        "training/session_attendance.html",
        {
            "session": session,
            "members": members,
            "statuses": AttendanceStatus.choices,
            "new_since": selectors.new_member_since(),
            "new_member_form": new_member_form or NewMemberForm(),
            "errors": errors or [],
            "all_present": all_present,
        },
        status=status,
    )


@trainer_or_admin
@one_time_form
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(TrainingSession, pk=pk)
    if request.method != "POST":
        return _attendance_page(request, session)

    form = AttendanceForm(request.POST)
    if ALL_PRESENT in request.POST:
        # Without JavaScript "All present" comes back to the list with everyone
        # not marked otherwise ticked present; nothing is saved until "Save".
        return _attendance_page(
            request,
            session,
            selected=form.selected(),
            new_member_form=NewMemberForm(initial=NewMemberForm.typed(request.POST)),
            errors=list(form.errors),
            all_present=form.is_valid(),
            status=200 if form.is_valid() else 400,
        )

    adding = request.POST.get("action") == "add-member"
    new_member_form = NewMemberForm(request.POST, require_name=adding)
    errors = list(form.errors)
    if not new_member_form.is_valid():
        errors.append(_("The new member could not be added; see below."))
    if errors:
        return _attendance_page(
            request,
            session,
            selected=form.selected(),
            new_member_form=new_member_form,
            errors=errors,
            status=400,
        )

    new_member = None
    try:
        with transaction.atomic():
            written = services.attendance_record(
                session=session, statuses=form.pairs, recorded_by=request.user
            )
            if new_member_form.wanted:
                new_member = services.member_add_on_the_spot(
                    full_name=new_member_form.cleaned_data["full_name"],
                    whatsapp=new_member_form.cleaned_data["whatsapp"],
                    session=session,
                    recorded_by=request.user,
                )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, field_errors in error.error_dict.items():
                new_member_form.add_error(
                    field if field in new_member_form.fields else None, field_errors
                )
            errors = [_("The new member could not be added; see below.")]
        else:
            errors = error.messages
        return _attendance_page(
            request,
            session,
            selected=form.selected(),
            new_member_form=new_member_form,
            errors=errors,
            status=400,
        )

    if new_member is not None:
        messages.success(
            request,
            _(
                "%(name)s was added as a member and marked present. The ticks you "
                "made were saved too."
            )
            % {"name": new_member.full_name},
        )
        return redirect(f"{session.get_attendance_url()}#member-{new_member.pk}")
    if written or form.pairs:
        messages.success(request, _("Attendance saved."))
    else:
        messages.info(request, _("Nothing was ticked; nothing changed."))
    return redirect(session.get_absolute_url())
