"""The papers of a shipment: upload one of the checklist, download it (admins)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.files import private_storage
from core.forms import add_errors
from core.once import one_time_form, release_token
from members.roles import Role, has_role, role_required

from .. import services
from ..forms import DocumentForm
from ..models import DocumentKind, ShipmentDocument
from .shipments import is_read_only, read_only_message, shipment_or_404

# Shown in the browser; anything else is only offered as a download.
INLINE_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png", "image/webp"})


def _documents_anchor(shipment) -> str:
    return reverse("exports:shipment-detail", args=[shipment.pk]) + "#documents"


@role_required(Role.ADMIN)
@one_time_form
def document_upload(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    shipment = shipment_or_404(pk)
    if kind not in DocumentKind.values:
        raise Http404
    label = DocumentKind(kind).label
    if is_read_only(shipment):
        messages.info(request, read_only_message())
        if request.method == "POST":
            release_token(request)
        return redirect(_documents_anchor(shipment))
    existing = shipment.documents.filter(kind=kind).first()
    page = {"shipment": shipment, "kind": kind, "label": label, "existing": existing}
    if request.method != "POST":
        return render(
            request, "exports/document_form.html", {**page, "form": DocumentForm()}
        )
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document = services.document_store(
                shipment=shipment,
                kind=kind,
                upload=form.cleaned_data["upload"],
                by=request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_errors(form, error)
            else:
                form.add_error("upload", error)
        else:
            messages.success(
                request,
                _("%(document)s saved: %(name)s.")
                % {"document": label, "name": document.original_name},
            )
            return redirect(_documents_anchor(shipment))
    return render(
        request, "exports/document_form.html", {**page, "form": form}, status=400
    )


@login_required
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The file itself, for admins; to anyone else it does not exist."""
    if not has_role(request.user, Role.ADMIN):
        raise Http404
    document = get_object_or_404(ShipmentDocument, pk=pk)
    storage = private_storage()
    try:
        handle = storage.open(document.file, "rb")
    except (OSError, SuspiciousFileOperation) as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        content_type=document.content_type,
        as_attachment=document.content_type not in INLINE_TYPES,
        filename=document.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
