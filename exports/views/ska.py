"""The SKA box of a shipment: the form chosen, and each move of its status."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.once import one_time_form, release_token
from members.roles import Role, role_required

from .. import services
from ..forms import FormChoiceForm, IssueForm, RejectForm, SubmitForm
from ..models import Shipment
from ..selectors import forms_for
from .shipments import render_shipment, shipment_or_404


def _ska_box(shipment: Shipment) -> HttpResponse:
    return redirect(reverse("exports:shipment-detail", args=[shipment.pk]) + "#ska")


def _refused(request: HttpRequest, shipment: Shipment, error: ValidationError):
    """A move without anything typed: back to the box with the reason."""
    release_token(request)
    messages.error(request, " ".join(error.messages))
    return _ska_box(shipment)


def _typed_refused(request, shipment, *, name: str, form, error=None) -> HttpResponse:
    """The page again with the form of the move open, as typed, and the reason."""
    if error is not None:
        for message in error.messages:
            form.add_error(None, message)
    return render_shipment(request, shipment, status=400, opened=name, **{name: form})


def _moved(request: HttpRequest, shipment: Shipment, text: str) -> HttpResponse:
    messages.success(request, text)
    return _ska_box(shipment)


@require_POST
@role_required(Role.ADMIN)
@one_time_form
def form_choose(request: HttpRequest, pk: int) -> HttpResponse:
    shipment = shipment_or_404(pk)
    form = FormChoiceForm(
        request.POST, forms_offered=forms_for(shipment.destination), prefix="ska"
    )
    if not form.is_valid():
        return _typed_refused(request, shipment, name="form_choice", form=form)
    try:
        services.form_choose(
            application=shipment.ska, form=form.cleaned_data["form"], by=request.user
        )
    except ValidationError as error:
        return _typed_refused(
            request, shipment, name="form_choice", form=form, error=error
        )
    return _moved(
        request,
        shipment,
        _("Form chosen: %(form)s.") % {"form": form.cleaned_data["form"].name},
    )


@require_POST
@role_required(Role.ADMIN)
@one_time_form
def mark_ready(request: HttpRequest, pk: int) -> HttpResponse:
    shipment = shipment_or_404(pk)
    try:
        services.ska_mark_ready(application=shipment.ska, by=request.user)
    except services.NotReady:
        release_token(request)
        messages.error(
            request,
            _("Not ready yet: fix the problems under “Check before sending”."),
        )
        return redirect(
            reverse("exports:shipment-detail", args=[shipment.pk]) + "#preflight"
        )
    except ValidationError as error:
        return _refused(request, shipment, error)
    return _moved(request, shipment, _("Ready to submit to e-SKA."))


def _move(request: HttpRequest, pk: int, move, done: str) -> HttpResponse:
    """A move that asks for nothing typed (back to draft, verified, reopened)."""
    shipment = shipment_or_404(pk)
    try:
        move(application=shipment.ska, by=request.user)
    except ValidationError as error:
        return _refused(request, shipment, error)
    return _moved(request, shipment, done)


def _typed_move(
    request: HttpRequest, pk: int, *, form_class, name: str, move, done: str
) -> HttpResponse:
    """A move with what it asks for (its form's fields are the move's arguments)."""
    shipment = shipment_or_404(pk)
    form = form_class(request.POST, prefix=name.removesuffix("_form"))
    if not form.is_valid():
        return _typed_refused(request, shipment, name=name, form=form)
    try:
        move(application=shipment.ska, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        return _typed_refused(request, shipment, name=name, form=form, error=error)
    return _moved(request, shipment, done)


@require_POST
@role_required(Role.ADMIN)
@one_time_form
def back_to_draft(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        services.ska_back_to_draft,
        _("Back to draft: the papers can be changed."),
    )


@require_POST
@role_required(Role.ADMIN)
@one_time_form
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _typed_move(
        request,
        pk,
        form_class=SubmitForm,
        name="submit_form",
        move=services.ska_submit,
        done=_("Marked as submitted to e-SKA."),
    )


@require_POST
@role_required(Role.ADMIN)
@one_time_form
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, services.ska_verify, _("Marked as verified."))


@require_POST
@role_required(Role.ADMIN)
@one_time_form
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    return _typed_move(
        request,
        pk,
        form_class=IssueForm,
        name="issue_form",
        move=services.ska_issue,
        done=_("SKA issued."),
    )


@require_POST
@role_required(Role.ADMIN)
@one_time_form
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _typed_move(
        request,
        pk,
        form_class=RejectForm,
        name="reject_form",
        move=services.ska_reject,
        done=_("Marked as rejected."),
    )


@require_POST
@role_required(Role.ADMIN)
@one_time_form
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        services.ska_reopen,
        _("Back to draft: correct the papers, then check again."),
    )
