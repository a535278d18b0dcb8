"""Two admins acting on one SKA application at once make one move (PostgreSQL)."""

import threading
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from exports.models import SkaApplication, SkaStatus, SkaStatusChange
from exports.services import (
    line_update,
    ska_issue,
    ska_mark_ready,
    ska_reject,
    ska_submit,
    ska_verify,
)
from tests.exports.factories import admin_user, clean_shipment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ADMINS = 8


@pytest.fixture
def forms(role_groups):
    """The agreement table, as its migration seeds it (a flush empties it)."""
    import_module("exports.migrations.0002_ska_forms").seed(apps, None)


def at_once(actions) -> list[str]:
    """Run each action in its own thread and connection, all at the same moment."""
    start = threading.Barrier(len(actions))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(action):
        try:
            start.wait(timeout=20)
            action()
            result = "done"
        except ValidationError as error:
            result = error.code
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def verified_application(by) -> SkaApplication:
    application = clean_shipment(by=by).ska
    ska_mark_ready(application=application, by=by)
    ska_submit(application=application, reference="ESKA-26-0042", by=by)
    ska_verify(application=application, by=by)
    return SkaApplication.objects.get(pk=application.pk)


def test_admins_issuing_and_rejecting_at_once_make_exactly_one_move(forms):
    admins = [admin_user() for _ in range(ADMINS)]
    application = verified_application(admins[0])

    def issue(by):
        return lambda: ska_issue(
            application=SkaApplication.objects.get(pk=application.pk),
            number=f"0001234/SMG/{by.pk}",
            date=timezone.localdate(),
            by=by,
        )

    def reject(by):
        return lambda: ska_reject(
            application=SkaApplication.objects.get(pk=application.pk),
            reason=f"Ditolak oleh {by.username}",
            by=by,
        )

    actions = [
        issue(by) if number % 2 else reject(by) for number, by in enumerate(admins)
    ]
    outcomes = at_once(actions)

    assert outcomes.count("done") == 1
    assert outcomes.count("illegal_move") == ADMINS - 1
    saved = SkaApplication.objects.get(pk=application.pk)
    moves = SkaStatusChange.objects.filter(
        application=application, from_status=SkaStatus.VERIFIED
    )
    assert moves.count() == 1
    (move,) = moves
    assert move.to_status == saved.status
    if saved.status == SkaStatus.ISSUED:
        assert saved.ska_number == f"0001234/SMG/{move.changed_by.pk}"
        assert saved.reject_reason == ""
    else:
        assert saved.status == SkaStatus.REJECTED
        assert saved.reject_reason == f"Ditolak oleh {move.changed_by.username}"
        assert saved.ska_number == ""


def test_a_change_and_a_submission_at_once_never_send_changed_data(forms):
    admin = admin_user()
    for _ in range(5):
        shipment = clean_shipment(by=admin)
        application = shipment.ska
        ska_mark_ready(application=application, by=admin)
        line = shipment.lines.first()
        outcomes = at_once(
            [
                lambda pk=application.pk: ska_submit(
                    application=SkaApplication.objects.get(pk=pk),
                    reference="ESKA-26-0042",
                    by=admin,
                ),
                lambda line=line: line_update(
                    line=line, by=admin, description="Diubah"
                ),
            ]
        )
        saved = SkaApplication.objects.get(pk=application.pk)
        line.refresh_from_db()
        if saved.status == SkaStatus.SUBMITTED:
            # Submitted first: the change came too late and was refused.
            assert sorted(outcomes) == ["done", "read_only"]
            assert line.description != "Diubah"
        else:
            # Changed first: back to draft, and the submission was refused.
            assert saved.status == SkaStatus.DRAFT
            assert sorted(outcomes) == ["done", "illegal_move"]
            assert line.description == "Diubah"
