"""Writes of the export papers: shipments, items, documents and the SKA workflow."""

from .documents import document_store
from .shipments import (
    form_choose,
    line_add,
    line_delete,
    line_update,
    shipment_create,
    shipment_update,
)
from .workflow import (
    MOVES,
    READ_ONLY_STATUSES,
    NotReady,
    allowed_moves,
    is_read_only,
    ska_back_to_draft,
    ska_issue,
    ska_mark_ready,
    ska_reject,
    ska_reopen,
    ska_submit,
    ska_verify,
)

__all__ = [
    "MOVES",
    "READ_ONLY_STATUSES",
    "NotReady",
    "allowed_moves",
    "document_store",
    "form_choose",
    "is_read_only",
    "line_add",
    "line_delete",
    "line_update",
    "shipment_create",
    "shipment_update",
    "ska_back_to_draft",
    "ska_issue",
    "ska_mark_ready",
    "ska_reject",
    "ska_reopen",
    "ska_submit",
    "ska_verify",
]
