"""The SKA application's status: one table of moves, each written to its history.

draft → ready (pre-flight passed) → submitted (e-SKA reference) → verified →
issued (SKA number and date), or rejected (with the reason) → draft again.
Every move locks the application first, so two admins acting at once make one
move; the other is refused as an illegal move and changes nothing.
"""

from collections.abc import Callable
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.periods import check_recorded_date

from ..models import Shipment, SkaApplication, SkaStatus, SkaStatusChange
from ..preflight import Problem, preflight

MOVES: frozenset[tuple[str, str]] = frozenset(
    {
        (SkaStatus.DRAFT, SkaStatus.READY),
        (SkaStatus.READY, SkaStatus.DRAFT),
        (SkaStatus.READY, SkaStatus.SUBMITTED),
        (SkaStatus.SUBMITTED, SkaStatus.VERIFIED),
        (SkaStatus.SUBMITTED, SkaStatus.REJECTED),
        (SkaStatus.VERIFIED, SkaStatus.ISSUED),
        (SkaStatus.VERIFIED, SkaStatus.REJECTED),
        (SkaStatus.REJECTED, SkaStatus.DRAFT),
    }
)
# Sent to e-SKA: the papers stay as sent until the application comes back rejected.
READ_ONLY_STATUSES = frozenset(
    {SkaStatus.SUBMITTED, SkaStatus.VERIFIED, SkaStatus.ISSUED}
)
MAX_TEXT = 60


class NotReady(ValidationError):
    """Mark-ready refused: ``problems`` lists what the pre-flight check found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(
            [
                ValidationError(problem.message, code=problem.code)
                for problem in problems
            ]
        )
        self.code = "not_ready"
        self.problems = problems


def allowed_moves(application: SkaApplication) -> list[str]:
    """The statuses the application may move to now, in workflow order."""
    return [to for to in SkaStatus.values if (application.status, to) in MOVES]


def is_read_only(application: SkaApplication) -> bool:
    return application.status in READ_ONLY_STATUSES


def lock_application(shipment_id: int) -> SkaApplication:
    """The shipment's application, locked until the transaction ends."""
    return SkaApplication.objects.select_for_update().get(shipment_id=shipment_id)


def record_move(
    application: SkaApplication, to: str, by: AbstractBaseUser, note: str = ""
) -> SkaStatusChange:
    """Move a locked application and write the history row of the move."""
    change = SkaStatusChange.objects.create(
        application=application,
        from_status=application.status,
        to_status=to,
        note=note,
        changed_by=by,
    )
    application.status = to
    return change


def _illegal(application: SkaApplication, to: str) -> ValidationError:
    return ValidationError(
        _("An application that is %(status)s cannot become %(to)s.")
        % {
            "status": SkaStatus(application.status).label,
            "to": SkaStatus(to).label,
        },
        code="illegal_move",
    )


def editable_application(shipment: Shipment) -> SkaApplication:
    """Lock the shipment's application; refused while it is with e-SKA."""
    application = lock_application(shipment.pk)
    if is_read_only(application):
        raise ValidationError(
            _(
                "This shipment was submitted to e-SKA and can no longer be changed "
                "(status: %(status)s). It can be changed again only if the "
                "application is rejected."
            )
            % {"status": SkaStatus(application.status).label},
            code="read_only",
        )
    return application


def after_change(application: SkaApplication, by: AbstractBaseUser) -> None:
    """A change to a ready or rejected shipment takes it back to draft."""
    if application.status in (SkaStatus.READY, SkaStatus.REJECTED):
        record_move(application, SkaStatus.DRAFT, by, _("The data was changed."))
        application.save(update_fields=["status", "updated_at"])


# What a move needs besides the status: checked once the application is locked,
# returns the fields to set and the note of the history row.
Prepare = Callable[[SkaApplication], tuple[dict, str]]


def _move(
    application: SkaApplication,
    to: str,
    by: AbstractBaseUser,
    prepare: Prepare | None = None,
    *,
    only_from: str | None = None,
) -> SkaApplication:
    with transaction.atomic():
        locked = lock_application(application.shipment_id)
        if (locked.status, to) not in MOVES or (
            only_from is not None and locked.status != only_from
        ):
            raise _illegal(locked, to)
        fields, note = prepare(locked) if prepare else ({}, "")
        for name, value in fields.items():
            setattr(locked, name, value)
        record_move(locked, to, by, note)
        locked.save(update_fields=["status", "updated_at", *fields])
    for name in ("status", "updated_at", *fields):
        setattr(application, name, getattr(locked, name))
    return locked


def _required_text(value: str | None, message: str, code: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(message, code=code)
    if len(text) > MAX_TEXT:
        raise ValidationError(
            _("At most %(max)s characters.") % {"max": MAX_TEXT}, code="too_long"
        )
    return text


def ska_mark_ready(
    *, application: SkaApplication, by: AbstractBaseUser
) -> SkaApplication:
    """Draft → ready, only when the pre-flight check finds nothing (NotReady)."""

    def passes(locked: SkaApplication) -> tuple[dict, str]:
        problems = preflight(Shipment.objects.get(pk=locked.shipment_id))
        if problems:
            raise NotReady(problems)
        return {}, ""

    return _move(application, SkaStatus.READY, by, passes)


def ska_back_to_draft(
    *, application: SkaApplication, by: AbstractBaseUser
) -> SkaApplication:
    """Ready → draft, to change something before it is submitted."""
    return _move(application, SkaStatus.DRAFT, by, only_from=SkaStatus.READY)


def ska_submit(
    *, application: SkaApplication, reference: str, by: AbstractBaseUser
) -> SkaApplication:
    """Ready → submitted, with the reference e-SKA gave the application."""

    def with_reference(locked: SkaApplication) -> tuple[dict, str]:
        text = _required_text(
            reference,
            _("Enter the e-SKA reference of the application."),
            "reference_required",
        )
        return {"eska_reference": text, "reject_reason": ""}, text

    return _move(application, SkaStatus.SUBMITTED, by, with_reference)


def ska_verify(*, application: SkaApplication, by: AbstractBaseUser) -> SkaApplication:
    return _move(application, SkaStatus.VERIFIED, by)


def _submitted_on(application: SkaApplication) -> date | None:
    change = (
        application.history.filter(to_status=SkaStatus.SUBMITTED)
        .order_by("-changed_at", "-id")
        .first()
    )
    return timezone.localdate(change.changed_at) if change else None


def ska_issue(
    *,
    application: SkaApplication,
    number: str,
    date: date | None,
    by: AbstractBaseUser,
) -> SkaApplication:
    """Verified → issued, with the SKA number and the date on the certificate."""

    def with_number(locked: SkaApplication) -> tuple[dict, str]:
        text = _required_text(
            number, _("Enter the SKA number on the certificate."), "number_required"
        )
        if date is None:
            raise ValidationError(
                _("Enter the date on the certificate."), code="date_required"
            )
        check_recorded_date(date)
        submitted = _submitted_on(locked)
        if submitted and date < submitted:
            raise ValidationError(
                _(
                    "The SKA date (%(date)s) is before the application was "
                    "submitted (%(submitted)s)."
                )
                % {"date": date_format(date), "submitted": date_format(submitted)},
                code="date_before_submission",
            )
        return {"ska_number": text, "ska_date": date}, f"{text} · {date.isoformat()}"

    return _move(application, SkaStatus.ISSUED, by, with_number)


def ska_reject(
    *, application: SkaApplication, reason: str, by: AbstractBaseUser
) -> SkaApplication:
    """Submitted or verified → rejected, with the reason IPSKA gave."""

    def with_reason(locked: SkaApplication) -> tuple[dict, str]:
        text = (reason or "").strip()
        if not text:
            raise ValidationError(
                _("Enter the reason the application was rejected."),
                code="reason_required",
            )
        return {"reject_reason": text}, text

    return _move(application, SkaStatus.REJECTED, by, with_reason)


def ska_reopen(*, application: SkaApplication, by: AbstractBaseUser) -> SkaApplication:
    """Rejected → draft, to correct the data and send it again."""
    return _move(application, SkaStatus.DRAFT, by, only_from=SkaStatus.REJECTED)
