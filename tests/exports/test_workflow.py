"""The SKA workflow: moves allowed and refused, and read-only once sent."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from exports.models import (
    DocumentKind,
    Shipment,
    ShipmentDocument,
    ShipmentLine,
    SkaApplication,
    SkaForm,
    SkaStatus,
    SkaStatusChange,
)
from exports.services import (
    MOVES,
    NotReady,
    allowed_moves,
    document_store,
    form_choose,
    is_read_only,
    line_add,
    line_delete,
    line_update,
    shipment_update,
    ska_back_to_draft,
    ska_issue,
    ska_mark_ready,
    ska_reject,
    ska_reopen,
    ska_submit,
    ska_verify,
)
from tests.exports.factories import (
    admin_user,
    clean_shipment,
    export_product,
    make_shipment,
    pdf_bytes,
    upload,
)

pytestmark = pytest.mark.django_db

S = SkaStatus
# Each move with what it needs, and the status it leads to.
ACTIONS = {
    "mark_ready": (lambda app, by: ska_mark_ready(application=app, by=by), S.READY),
    "back_to_draft": (
        lambda app, by: ska_back_to_draft(application=app, by=by),
        S.DRAFT,
    ),
    "submit": (
        lambda app, by: ska_submit(application=app, reference="ESKA-26-0042", by=by),
        S.SUBMITTED,
    ),
    "verify": (lambda app, by: ska_verify(application=app, by=by), S.VERIFIED),
    "issue": (
        lambda app, by: ska_issue(
            application=app,
            number="0001234/SMG/2026",
            date=timezone.localdate(),
            by=by,
        ),
        S.ISSUED,
    ),
    "reject": (
        lambda app, by: ska_reject(
            application=app, reason="Tanda tangan invoice tidak ada.", by=by
        ),
        S.REJECTED,
    ),
    "reopen": (lambda app, by: ska_reopen(application=app, by=by), S.DRAFT),
}
# How a clean shipment gets to each status.
PATH = {
    S.DRAFT: [],
    S.READY: ["mark_ready"],
    S.SUBMITTED: ["mark_ready", "submit"],
    S.VERIFIED: ["mark_ready", "submit", "verify"],
    S.ISSUED: ["mark_ready", "submit", "verify", "issue"],
    S.REJECTED: ["mark_ready", "submit", "reject"],
}
# The function of each move that takes an application from one status to another.
ALLOWED = {
    (S.DRAFT, "mark_ready"),
    (S.READY, "back_to_draft"),
    (S.READY, "submit"),
    (S.SUBMITTED, "verify"),
    (S.SUBMITTED, "reject"),
    (S.VERIFIED, "issue"),
    (S.VERIFIED, "reject"),
    (S.REJECTED, "reopen"),
}
REFUSED = sorted(
    (status, action)
    for status in PATH
    for action in ACTIONS
    if (status, action) not in ALLOWED
)
READ_ONLY = [S.SUBMITTED, S.VERIFIED, S.ISSUED]


@pytest.fixture
def admin():
    return admin_user()


def application_in(status: str, by) -> SkaApplication:
    application = clean_shipment(by=by).ska
    for action in PATH[status]:
        ACTIONS[action][0](application, by)
    assert application.status == status
    return SkaApplication.objects.get(pk=application.pk)


def state(application: SkaApplication) -> dict:
    row = SkaApplication.objects.filter(pk=application.pk).values().get()
    row.pop("updated_at")
    return row


def test_the_table_of_moves_is_the_one_of_the_workflow():
    assert {(S(a), S(b)) for a, b in MOVES} == {
        (S.DRAFT, S.READY),
        (S.READY, S.DRAFT),
        (S.READY, S.SUBMITTED),
        (S.SUBMITTED, S.VERIFIED),
        (S.SUBMITTED, S.REJECTED),
        (S.VERIFIED, S.ISSUED),
        (S.VERIFIED, S.REJECTED),
        (S.REJECTED, S.DRAFT),
    }


@pytest.mark.parametrize(("status", "action"), sorted(ALLOWED))
def test_each_allowed_move_changes_the_status_and_writes_its_history(
    admin, status, action
):
    application = application_in(status, admin)
    before = application.history.count()
    move, target = ACTIONS[action]
    returned = move(application, admin)
    assert returned.status == target
    assert application.status == target  # the caller's object follows
    assert SkaApplication.objects.get(pk=application.pk).status == target
    assert application.history.count() == before + 1
    last = application.history.last()
    assert (last.from_status, last.to_status) == (status, target)


@pytest.mark.parametrize(("status", "action"), REFUSED)
def test_each_illegal_move_is_refused_and_changes_nothing(admin, status, action):
    application = application_in(status, admin)
    before = state(application)
    history = application.history.count()
    with pytest.raises(ValidationError) as refused:
        ACTIONS[action][0](application, admin)
    assert refused.value.code == "illegal_move"
    assert state(application) == before
    assert application.history.count() == history


def test_an_illegal_move_says_what_the_application_is(admin):
    application = application_in(S.DRAFT, admin)
    with pytest.raises(ValidationError) as refused:
        ska_verify(application=application, by=admin)
    assert str(S.DRAFT.label) in refused.value.message


def test_a_stale_object_cannot_move_twice(admin):
    application = application_in(S.VERIFIED, admin)
    stale = SkaApplication.objects.get(pk=application.pk)
    ska_issue(
        application=application,
        number="0001234/SMG/2026",
        date=timezone.localdate(),
        by=admin,
    )
    with pytest.raises(ValidationError) as refused:
        ska_reject(application=stale, reason="Terlambat", by=admin)
    assert refused.value.code == "illegal_move"
    assert SkaApplication.objects.get(pk=application.pk).status == S.ISSUED
    assert application.history.filter(to_status=S.REJECTED).count() == 0


def test_the_history_records_who_moved_it_and_when(admin):
    other = admin_user()
    application = application_in(S.DRAFT, admin)
    start = timezone.now()
    ska_mark_ready(application=application, by=admin)
    ska_submit(application=application, reference="ESKA-26-0042", by=other)
    end = timezone.now()
    rows = list(application.history.order_by("changed_at", "id"))
    assert [(r.from_status, r.to_status, r.changed_by) for r in rows] == [
        (S.DRAFT, S.READY, admin),
        (S.READY, S.SUBMITTED, other),
    ]
    assert all(start <= row.changed_at <= end for row in rows)
    assert rows[1].note == "ESKA-26-0042"


def test_allowed_moves_follow_the_status(admin):
    application = application_in(S.VERIFIED, admin)
    assert allowed_moves(application) == [S.ISSUED, S.REJECTED]
    assert allowed_moves(application_in(S.ISSUED, admin)) == []


# Mark ready: only with nothing to fix.


def test_mark_ready_is_refused_with_the_problems_listed(admin):
    shipment = clean_shipment(by=admin)
    line = shipment.lines.first()
    line_update(line=line, by=admin, hs_code="4202290")
    shipment_update(shipment=shipment, by=admin, peb_number="")
    with pytest.raises(NotReady) as refused:
        ska_mark_ready(application=shipment.ska, by=admin)
    assert refused.value.code == "not_ready"
    assert [p.code for p in refused.value.problems] == [
        "papers_missing",
        "hs_code_format",
    ]
    assert len(refused.value.messages) == 2
    assert isinstance(refused.value, ValidationError)
    application = SkaApplication.objects.get(shipment=shipment)
    assert application.status == S.DRAFT
    assert application.history.count() == 0


def test_a_fixed_shipment_can_be_marked_ready(admin):
    shipment = clean_shipment(by=admin)
    line = shipment.lines.first()
    line_update(line=line, by=admin, packed_quantity=1)
    with pytest.raises(NotReady):
        ska_mark_ready(application=shipment.ska, by=admin)
    line_update(line=line, by=admin, packed_quantity=line.quantity)
    ska_mark_ready(application=shipment.ska, by=admin)
    assert SkaApplication.objects.get(shipment=shipment).status == S.READY


# What each move needs.


@pytest.mark.parametrize("reference", ["", "   "])
def test_submit_needs_the_e_ska_reference(admin, reference):
    application = application_in(S.READY, admin)
    with pytest.raises(ValidationError) as refused:
        ska_submit(application=application, reference=reference, by=admin)
    assert refused.value.code == "reference_required"
    assert SkaApplication.objects.get(pk=application.pk).status == S.READY
    assert application.history.count() == 1


def test_submit_keeps_the_reference(admin):
    application = application_in(S.READY, admin)
    ska_submit(application=application, reference="  ESKA-26-0042 ", by=admin)
    assert SkaApplication.objects.get(pk=application.pk).eska_reference == (
        "ESKA-26-0042"
    )


@pytest.mark.parametrize(
    ("number", "days", "code"),
    [
        ("", 0, "number_required"),
        ("   ", 0, "number_required"),
        ("0001234/SMG/2026", None, "date_required"),
        ("0001234/SMG/2026", 1, "future_date"),
        ("0001234/SMG/2026", -1, "date_before_submission"),
    ],
)
def test_issue_needs_a_number_and_a_date_not_before_submission_nor_future(
    admin, number, days, code
):
    application = application_in(S.VERIFIED, admin)
    before = state(application)
    day = None if days is None else timezone.localdate() + timedelta(days=days)
    with pytest.raises(ValidationError) as refused:
        ska_issue(application=application, number=number, date=day, by=admin)
    assert refused.value.code == code
    assert state(application) == before
    assert not application.history.filter(to_status=S.ISSUED).exists()


def test_issue_keeps_the_number_and_date(admin):
    application = application_in(S.VERIFIED, admin)
    today = timezone.localdate()
    ska_issue(application=application, number="0001234/SMG/2026", date=today, by=admin)
    saved = SkaApplication.objects.get(pk=application.pk)
    assert (saved.status, saved.ska_number, saved.ska_date) == (
        S.ISSUED,
        "0001234/SMG/2026",
        today,
    )


@pytest.mark.parametrize("status", [S.SUBMITTED, S.VERIFIED])
@pytest.mark.parametrize("reason", ["", "  \n "])
def test_reject_needs_a_reason(admin, status, reason):
    application = application_in(status, admin)
    before = state(application)
    with pytest.raises(ValidationError) as refused:
        ska_reject(application=application, reason=reason, by=admin)
    assert refused.value.code == "reason_required"
    assert state(application) == before


def test_reject_keeps_the_reason_until_submitted_again(admin):
    application = application_in(S.REJECTED, admin)
    assert application.reject_reason == "Tanda tangan invoice tidak ada."
    assert application.history.last().note == "Tanda tangan invoice tidak ada."
    ska_reopen(application=application, by=admin)
    assert SkaApplication.objects.get(pk=application.pk).reject_reason
    ska_mark_ready(application=application, by=admin)
    ska_submit(application=application, reference="ESKA-26-0043", by=admin)
    saved = SkaApplication.objects.get(pk=application.pk)
    assert (saved.reject_reason, saved.eska_reference) == ("", "ESKA-26-0043")


# Read-only while with e-SKA.


def _edits(shipment: Shipment, by):
    line = shipment.lines.first()
    return {
        "shipment_update": lambda: shipment_update(
            shipment=shipment, by=by, note="Ubah"
        ),
        "line_add": lambda: line_add(
            shipment=shipment, product=export_product(), by=by, quantity=5
        ),
        "line_update": lambda: line_update(line=line, by=by, quantity=51),
        "line_delete": lambda: line_delete(line=line, by=by),
        "document_store": lambda: document_store(
            shipment=shipment,
            kind=DocumentKind.INVOICE,
            upload=upload("invoice-baru.pdf", pdf_bytes("new")),
            by=by,
        ),
        "form_choose": lambda: form_choose(
            application=shipment.ska, form=SkaForm.objects.get(code="rcep"), by=by
        ),
    }


EDITS = [
    "shipment_update",
    "line_add",
    "line_update",
    "line_delete",
    "document_store",
    "form_choose",
]


def snapshot(shipment: Shipment) -> tuple:
    return (
        Shipment.objects.filter(pk=shipment.pk).values().get(),
        list(ShipmentLine.objects.filter(shipment=shipment).values()),
        list(ShipmentDocument.objects.filter(shipment=shipment).values()),
        state(shipment.ska),
        SkaStatusChange.objects.filter(application__shipment=shipment).count(),
    )


def stored_files(settings) -> list:
    return sorted(p for p in settings.PRIVATE_ROOT.rglob("*") if p.is_file())


@pytest.mark.parametrize("status", READ_ONLY)
@pytest.mark.parametrize("edit", EDITS)
def test_after_submission_nothing_can_be_changed(admin, settings, status, edit):
    application = application_in(status, admin)
    shipment = Shipment.objects.get(pk=application.shipment_id)
    before = snapshot(shipment)
    files = stored_files(settings)
    with pytest.raises(ValidationError) as refused:
        _edits(shipment, admin)[edit]()
    assert refused.value.code == "read_only"
    assert snapshot(shipment) == before
    assert stored_files(settings) == files
    assert is_read_only(application)


@pytest.mark.parametrize("edit", EDITS)
def test_a_change_to_a_ready_shipment_takes_it_back_to_draft(admin, edit):
    application = application_in(S.READY, admin)
    shipment = Shipment.objects.get(pk=application.shipment_id)
    _edits(shipment, admin)[edit]()
    saved = SkaApplication.objects.get(pk=application.pk)
    assert saved.status == S.DRAFT
    last = saved.history.last()
    assert (last.from_status, last.to_status, last.changed_by) == (
        S.READY,
        S.DRAFT,
        admin,
    )


@pytest.mark.parametrize("edit", EDITS)
def test_a_rejected_shipment_can_be_corrected_and_goes_back_to_draft(admin, edit):
    application = application_in(S.REJECTED, admin)
    shipment = Shipment.objects.get(pk=application.shipment_id)
    assert not is_read_only(application)
    _edits(shipment, admin)[edit]()
    saved = SkaApplication.objects.get(pk=application.pk)
    assert saved.status == S.DRAFT
    assert saved.history.last().from_status == S.REJECTED


def test_a_reopened_shipment_can_be_changed_and_sent_again(admin):
    application = application_in(S.REJECTED, admin)
    shipment = Shipment.objects.get(pk=application.shipment_id)
    ska_reopen(application=application, by=admin)
    line = shipment.lines.first()
    line_update(line=line, by=admin, description="Tas rajut tangan, katun")
    ska_mark_ready(application=application, by=admin)
    ska_submit(application=application, reference="ESKA-26-0043", by=admin)
    assert [
        (r.from_status, r.to_status) for r in application.history.order_by("id")
    ] == [
        (S.DRAFT, S.READY),
        (S.READY, S.SUBMITTED),
        (S.SUBMITTED, S.REJECTED),
        (S.REJECTED, S.DRAFT),
        (S.DRAFT, S.READY),
        (S.READY, S.SUBMITTED),
    ]


def test_saving_a_ready_shipment_unchanged_keeps_it_ready(admin):
    application = application_in(S.READY, admin)
    shipment = Shipment.objects.get(pk=application.shipment_id)
    shipment_update(shipment=shipment, by=admin, note=shipment.note)
    line = shipment.lines.first()
    line_update(line=line, by=admin, net_kg=Decimal("10.0"))
    assert SkaApplication.objects.get(pk=application.pk).status == S.READY


def test_a_draft_shipment_stays_draft_when_changed_without_history(admin):
    shipment = clean_shipment(by=admin)
    shipment_update(shipment=shipment, by=admin, note="Kirim sebelum Natal")
    assert shipment.ska.history.count() == 0
    assert Shipment.objects.get(pk=shipment.pk).note == "Kirim sebelum Natal"


def test_a_bad_change_is_refused_and_changes_nothing(admin):
    shipment = clean_shipment(by=admin)
    other = clean_shipment(by=admin)
    before = snapshot(shipment)
    with pytest.raises(ValidationError) as refused:
        shipment_update(
            shipment=shipment, by=admin, invoice_number=other.invoice_number
        )
    assert "invoice_number" in refused.value.message_dict
    assert snapshot(shipment) == before


def test_a_new_item_takes_the_products_hs_code_and_name(admin):
    shipment = clean_shipment(by=admin, lines=0)
    product = export_product(name="Tas Rajut Mawar", hs_code="42022100")
    line = line_add(shipment=shipment, product=product, by=admin, quantity=3)
    assert (line.hs_code, line.description) == ("42022100", "Tas Rajut Mawar")
    second = line_add(shipment=shipment, product=product, by=admin)
    assert second.position > line.position


def test_a_new_shipment_starts_as_a_draft_application_without_history(admin):
    shipment = clean_shipment(by=admin)
    application = SkaApplication.objects.get(shipment=shipment)
    assert application.status == S.DRAFT
    assert application.history.count() == 0
    assert not is_read_only(application)


def test_a_shipment_to_an_unknown_country_is_refused(admin):
    with pytest.raises(ValidationError) as refused:
        make_shipment(by=admin, destination="XX")
    assert "destination" in refused.value.message_dict
    assert not Shipment.objects.exists()
