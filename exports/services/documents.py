"""The papers of a shipment's checklist: checked by content, kept private."""

from typing import BinaryIO

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.files import (
    private_file_save,
    private_files_delete_on_commit,
    private_files_removed_on_error,
    read_document,
    upload_name,
)

from ..models import DocumentKind, Shipment, ShipmentDocument
from .workflow import after_change, editable_application

FOLDER = "exports/documents"


def document_store(
    *, shipment: Shipment, kind: str, upload: BinaryIO, by: AbstractBaseUser
) -> ShipmentDocument:
    """Keep the paper of ``kind``, replacing an earlier one of the same kind.

    A file that is not a PDF or a photo, is empty or over 10 MB raises
    ``DocumentRejected`` (a ValidationError) and nothing is stored.
    """
    if kind not in DocumentKind.values:
        raise ValidationError(_("Unknown kind of document."), code="bad_kind")
    checked = read_document(upload)  # raises DocumentRejected; nothing stored yet
    saved: list[str] = []
    with private_files_removed_on_error(saved), transaction.atomic():
        application = editable_application(shipment)
        saved.append(
            private_file_save(
                folder=FOLDER, extension=checked.extension, data=checked.data
            )
        )
        document = (
            ShipmentDocument.objects.select_for_update()
            .filter(shipment_id=shipment.pk, kind=kind)
            .first()
        )
        if document is None:
            document = ShipmentDocument(shipment_id=shipment.pk, kind=kind)
        else:
            private_files_delete_on_commit([document.file])
            document.uploaded_at = timezone.now()
        document.file = saved[0]
        document.original_name = upload_name(upload, f"{kind}.{checked.extension}")
        document.content_type = checked.content_type
        document.size = len(checked.data)
        document.uploaded_by = by
        document.save()
        after_change(application, by)
    return document
