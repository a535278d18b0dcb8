"""The export pages for the pengurus: every page opens for admins only, a bad form
says why and changes nothing, papers sent to e-SKA are read-only, and a document
is streamed from the private folder to admins alone.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from exports.menu import admin_actions
from exports.models import (
    Buyer,
    DocumentKind,
    Shipment,
    ShipmentDocument,
    ShipmentLine,
    SkaForm,
    SkaStatus,
)
from exports.selectors import forms_for
from exports.services import (
    ska_mark_ready,
    ska_reject,
    ska_submit,
    ska_verify,
)
from exports.views.shipments import read_only_message
from members.roles import Role
from tests.conftest import forms_without_token, with_token
from tests.exports.factories import (
    BuyerFactory,
    add_documents,
    add_line,
    clean_shipment,
    export_product,
    make_shipment,
    pdf_bytes,
    upload,
)
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(role_groups):
    return MemberFactory(role=Role.ADMIN).user


@pytest.fixture
def pengurus(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture
def draft(admin):
    """A draft with one line and nothing else: the pre-flight finds plenty."""
    shipment = make_shipment(by=admin, destination="JP")
    add_line(shipment, by=admin)
    return shipment


def _submitted(admin) -> Shipment:
    shipment = clean_shipment(by=admin)
    ska_mark_ready(application=shipment.ska, by=admin)
    ska_submit(application=shipment.ska, reference="ESKA-0001", by=admin)
    shipment.ska.refresh_from_db()
    return shipment


def _pages(shipment: Shipment) -> dict[str, str]:
    line = shipment.lines.first()
    return {
        "list": reverse("exports:shipment-list"),
        "new": reverse("exports:shipment-create"),
        "buyer": reverse("exports:buyer-create"),
        "detail": reverse("exports:shipment-detail", args=[shipment.pk]),
        "edit": reverse("exports:shipment-update", args=[shipment.pk]),
        "line-new": reverse("exports:line-create", args=[shipment.pk]),
        "line": reverse("exports:line-update", args=[line.pk]),
        "upload": reverse(
            "exports:document-upload", args=[shipment.pk, DocumentKind.NIB]
        ),
    }


PAGE_NAMES = ["list", "new", "buyer", "detail", "edit", "line-new", "line", "upload"]


def _text(response) -> str:
    return response.content.decode()


# --- who may open the pages ---------------------------------------------------


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_each_page_opens_for_an_admin(pengurus, draft, name):
    response = pengurus.get(_pages(draft)[name])
    assert response.status_code == 200
    assert forms_without_token(response) == []


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_members_and_trainers_are_refused_every_page(client, draft, role, name):
    client.force_login(MemberFactory(role=role).user)
    assert client.get(_pages(draft)[name]).status_code == 403


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_a_visitor_is_sent_to_log_in(client, draft, name):
    response = client.get(_pages(draft)[name])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("members:login"))


def test_a_member_cannot_move_the_ska(client, admin):
    shipment = clean_shipment(by=admin)
    client.force_login(MemberFactory(role=Role.MEMBER).user)
    response = client.post(
        reverse("exports:ska-ready", args=[shipment.pk]), with_token()
    )
    assert response.status_code == 403
    shipment.ska.refresh_from_db()
    assert shipment.ska.status == SkaStatus.DRAFT


def test_the_home_page_actions_lead_to_the_shipments_and_the_realisation():
    assert [action.url for action in admin_actions()] == [
        reverse("exports:shipment-list"),
        reverse("exports:realisation"),
    ]


# --- the list -------------------------------------------------------------------


def test_the_list_shows_status_buyer_destination_invoice_and_fob_total(pengurus, admin):
    shipment = make_shipment(
        by=admin,
        buyer=BuyerFactory(name="Kraf Nusantara Sdn Bhd", country="MY"),
        destination="MY",
        invoice_number="INV/HR/2026/077",
    )
    add_line(shipment, by=admin, fob_usd=Decimal("240000.50"))
    add_line(shipment, by=admin, fob_usd=Decimal("795.33"))
    page = _text(pengurus.get(reverse("exports:shipment-list")))
    assert "INV/HR/2026/077" in page
    assert "Kraf Nusantara Sdn Bhd" in page
    assert "Malaysia" in page
    assert "USD 240.795,83" in page
    assert str(capfirst(SkaStatus.DRAFT.label)) in page


def test_the_list_filters_by_status(pengurus, admin):
    make_shipment(by=admin, invoice_number="INV-DRAFT")
    ready = clean_shipment(by=admin)
    ska_mark_ready(application=ready.ska, by=admin)
    page = _text(pengurus.get(reverse("exports:shipment-list"), {"status": "ready"}))
    assert ready.invoice_number in page
    assert "INV-DRAFT" not in page


@pytest.mark.parametrize("rows", [10, 40])
def test_the_list_reads_the_same_few_queries_for_any_number(
    pengurus, admin, rows, django_assert_max_num_queries
):
    buyer = BuyerFactory()
    for number in range(rows):
        make_shipment(by=admin, buyer=buyer, invoice_number=f"INV-{number}")
    with django_assert_max_num_queries(8):
        response = pengurus.get(reverse("exports:shipment-list"))
    assert response.status_code == 200


# --- a new shipment and a new buyer -----------------------------------------------


def test_an_admin_makes_a_shipment_and_lands_on_its_page(pengurus, admin):
    buyer = BuyerFactory(country="MY")
    response = pengurus.post(
        reverse("exports:shipment-create"),
        with_token(
            {
                "buyer": buyer.pk,
                "destination": "MY",
                "invoice_number": "INV/HR/2026/120",
                "invoice_date": "2026-11-20",
                "incoterm": "FOB",
                "transport": "sea",
            }
        ),
    )
    shipment = Shipment.objects.get(invoice_number="INV/HR/2026/120")
    assert response.status_code == 302
    assert response["Location"] == shipment.get_absolute_url()
    assert shipment.created_by == admin
    assert shipment.ska.status == SkaStatus.DRAFT


def test_a_shipment_without_invoice_number_is_refused_and_keeps_what_was_typed(
    pengurus,
):
    buyer = BuyerFactory()
    response = pengurus.post(
        reverse("exports:shipment-create"),
        with_token(
            {
                "buyer": buyer.pk,
                "destination": "JP",
                "invoice_number": "",
                "invoice_date": "2026-11-20",
                "incoterm": "CIF",
                "transport": "air",
            }
        ),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "invoice_number" in form.errors
    assert 'value="2026-11-20"' in _text(response)
    assert form["incoterm"].value() == "CIF"
    assert not Shipment.objects.exists()


def test_a_second_shipment_with_the_same_invoice_number_is_refused(pengurus, admin):
    existing = make_shipment(by=admin, invoice_number="INV-SAME")
    response = pengurus.post(
        reverse("exports:shipment-create"),
        with_token(
            {
                "buyer": existing.buyer.pk,
                "destination": "JP",
                "invoice_number": "INV-SAME",
                "incoterm": "FOB",
                "transport": "sea",
            }
        ),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["invoice_number"]
    assert Shipment.objects.count() == 1


def test_the_destination_list_names_countries_in_indonesian(pengurus):
    page = _text(pengurus.get(reverse("exports:shipment-create")))
    assert '<option value="KR">Korea Selatan</option>' in page
    assert '<option value="NL">Belanda</option>' in page


def test_a_new_buyer_leads_back_to_the_new_shipment_with_the_buyer_chosen(pengurus):
    response = pengurus.post(
        reverse("exports:buyer-create"),
        with_token(
            {
                "name": "Seoul Craft Co.",
                "address": "12 Insadong-gil, Seoul",
                "country": "KR",
                "kembali": reverse("exports:shipment-create"),
            }
        ),
    )
    buyer = Buyer.objects.get(name="Seoul Craft Co.")
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("exports:shipment-create") + f"?pembeli={buyer.pk}"
    )
    form = pengurus.get(response["Location"]).context["form"]
    assert form["buyer"].value() == buyer.pk
    assert form["destination"].value() == "KR"


def test_a_new_buyer_from_the_papers_page_leads_back_to_them(pengurus, draft):
    edit = reverse("exports:shipment-update", args=[draft.pk])
    response = pengurus.post(
        reverse("exports:buyer-create"),
        with_token(
            {"name": "Osaka Knit", "address": "Osaka", "country": "JP", "kembali": edit}
        ),
    )
    buyer = Buyer.objects.get(name="Osaka Knit")
    assert response["Location"] == f"{edit}?pembeli={buyer.pk}"
    form = pengurus.get(response["Location"]).context["form"]
    assert form["buyer"].value() == buyer.pk
    draft.refresh_from_db()
    assert draft.buyer != buyer


def test_a_buyer_page_never_leads_away_from_the_portal(pengurus):
    response = pengurus.post(
        reverse("exports:buyer-create"),
        with_token(
            {
                "name": "Far Away Ltd",
                "address": "1 Road",
                "country": "GB",
                "kembali": "https://example.com/ekspor/",
            }
        ),
    )
    assert response["Location"].startswith(reverse("exports:shipment-create"))


def test_a_buyer_without_country_is_refused(pengurus):
    response = pengurus.post(
        reverse("exports:buyer-create"),
        with_token({"name": "No Country", "address": "Somewhere", "country": ""}),
    )
    assert response.status_code == 400
    assert "country" in response.context["form"].errors
    assert 'value="No Country"' in _text(response)
    assert not Buyer.objects.exists()


# --- papers and lines ---------------------------------------------------------------


def test_the_papers_are_saved_with_an_indonesian_invoice_total(pengurus, draft):
    data = {
        "buyer": draft.buyer.pk,
        "destination": "JP",
        "incoterm": "FOB",
        "invoice_number": draft.invoice_number,
        "invoice_date": "2026-11-01",
        "invoice_total_usd": "1.250,50",
        "port_of_loading": "Tanjung Emas, Semarang",
        "port_of_destination": "Tokyo",
        "transport": "sea",
        "peb_number": "000777",
        "peb_date": "2026-11-03",
        "transport_doc_number": "SMGTYO-1",
        "transport_doc_date": "2026-11-05",
        "note": "",
    }
    response = pengurus.post(
        reverse("exports:shipment-update", args=[draft.pk]), with_token(data)
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.invoice_total_usd == Decimal("1250.50")
    assert draft.peb_number == "000777"


def test_a_total_with_a_dot_for_decimals_is_refused_and_nothing_changes(
    pengurus, draft
):
    response = pengurus.post(
        reverse("exports:shipment-update", args=[draft.pk]),
        with_token(
            {
                "buyer": draft.buyer.pk,
                "destination": "JP",
                "incoterm": "FOB",
                "invoice_number": draft.invoice_number,
                "invoice_total_usd": "12.50",
                "transport": "sea",
                "port_of_loading": "Semarang",
            }
        ),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["invoice_total_usd"] == [
        _("Write a number with a comma before the decimals, e.g. 1.250,50.")
    ]
    assert 'value="Semarang"' in _text(response)
    draft.refresh_from_db()
    assert draft.invoice_total_usd is None
    assert draft.port_of_loading == ""


def _line_data(product, **changes) -> dict:
    data = {
        "product": product.pk,
        "hs_code": "",
        "description": "",
        "quantity": "24",
        "unit": "PCE",
        "packed_quantity": "24",
        "net_kg": "4,800",
        "gross_kg": "5,250",
        "fob_usd": "1.250,50",
        "origin_criterion": "WO",
        "rvc_percent": "",
    }
    return {**data, **changes}


def test_a_line_takes_the_products_hs_code_and_name_when_left_empty(pengurus, draft):
    product = export_product(name="Tas Rajut Mawar", hs_code="42022900")
    response = pengurus.post(
        reverse("exports:line-create", args=[draft.pk]), with_token(_line_data(product))
    )
    line = draft.lines.get(product=product)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#line-{line.pk}")
    assert line.hs_code == "42022900"
    assert line.description == "Tas Rajut Mawar"
    assert line.fob_usd == Decimal("1250.50")
    assert line.net_kg == Decimal("4.800")


def test_the_product_list_shows_each_hs_code(pengurus, draft):
    export_product(name="Topi Rajut Kenanga", hs_code="65050090")
    page = _text(pengurus.get(reverse("exports:line-create", args=[draft.pk])))
    assert "Topi Rajut Kenanga · HS 65050090" in page


def test_a_line_with_a_short_hs_code_is_refused_and_nothing_is_added(pengurus, draft):
    product = export_product()
    response = pengurus.post(
        reverse("exports:line-create", args=[draft.pk]),
        with_token(_line_data(product, hs_code="420229", quantity="31")),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["hs_code"]
    assert 'value="31"' in _text(response)
    assert draft.lines.count() == 1


def test_correcting_an_hs_code_on_the_line_page(pengurus, draft):
    line = draft.lines.get()
    response = pengurus.post(
        reverse("exports:line-update", args=[line.pk]),
        with_token(_line_data(line.product, hs_code="4202.29.00")),
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.hs_code == "42022900"


def test_removing_a_line(pengurus, draft):
    line = draft.lines.get()
    response = pengurus.post(
        reverse("exports:line-delete", args=[line.pk]), with_token()
    )
    assert response.status_code == 302
    assert not ShipmentLine.objects.filter(pk=line.pk).exists()


# --- documents ---------------------------------------------------------------


def test_a_pdf_is_uploaded_for_its_place_on_the_checklist(pengurus, draft):
    response = pengurus.post(
        reverse("exports:document-upload", args=[draft.pk, DocumentKind.INVOICE]),
        with_token({"upload": upload("invoice.pdf", pdf_bytes())}),
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#documents")
    document = draft.documents.get()
    assert document.kind == DocumentKind.INVOICE
    assert document.original_name == "invoice.pdf"


def test_a_program_renamed_to_pdf_is_refused_with_the_reason(pengurus, draft):
    response = pengurus.post(
        reverse("exports:document-upload", args=[draft.pk, DocumentKind.NIB]),
        with_token({"upload": upload("nib.pdf", b"MZ\x90\x00" + b"\x00" * 200)}),
    )
    assert response.status_code == 400
    [error] = response.context["form"].errors.as_data()["upload"]
    assert error.code == "program"
    assert str(error.message) in _text(response)
    assert not ShipmentDocument.objects.exists()


def test_an_unknown_kind_of_document_is_not_found(pengurus, draft):
    url = reverse("exports:document-upload", args=[draft.pk, "passport"])
    assert pengurus.get(url).status_code == 404


def test_each_kind_on_the_checklist_has_an_upload_that_takes_pdfs_and_photos(
    pengurus, draft
):
    page = _text(pengurus.get(draft.get_absolute_url()))
    for kind in DocumentKind.values:
        assert reverse("exports:document-upload", args=[draft.pk, kind]) in page
    assert page.count('accept="application/pdf,image/*"') == len(DocumentKind.values)


@pytest.fixture
def stored(admin, draft) -> ShipmentDocument:
    add_documents(draft, by=admin, kinds=[DocumentKind.INVOICE])
    return draft.documents.get()


def _download(client, document):
    return client.get(reverse("exports:document-download", args=[document.pk]))


def test_an_admin_downloads_the_stored_bytes(pengurus, stored):
    response = _download(pengurus, stored)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes(DocumentKind.INVOICE)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert 'filename="invoice.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_no_one_but_an_admin_finds_a_document(client, stored, role):
    client.force_login(MemberFactory(role=role).user)
    assert _download(client, stored).status_code == 404


def test_a_visitor_is_asked_to_log_in_for_a_document(client, stored):
    response = _download(client, stored)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("members:login"))


def test_a_document_whose_file_is_gone_is_not_found(pengurus, stored):
    ShipmentDocument.objects.filter(pk=stored.pk).update(file="exports/gone.pdf")
    assert _download(pengurus, stored).status_code == 404


# --- the pre-flight list and the SKA ------------------------------------------


def test_the_preflight_list_links_each_problem_to_its_place(pengurus, draft):
    line = draft.lines.get()
    ShipmentLine.objects.filter(pk=line.pk).update(hs_code="4202290")
    response = pengurus.get(draft.get_absolute_url())
    problems = response.context["problems"]
    page = _text(response)
    assert problems
    for problem in problems:
        assert f'href="{problem.where}"' in page
    wheres = {problem.where for problem in problems}
    assert "#documents" in wheres
    assert f"#line-{line.pk}" in wheres
    assert f'id="line-{line.pk}"' in page
    for anchor in ("papers", "documents", "ska", "preflight", "lines"):
        assert f'id="{anchor}"' in page
    assert reverse("exports:ska-ready", args=[draft.pk]) not in page


def test_a_clean_shipment_says_so_and_offers_mark_ready(pengurus, admin):
    shipment = clean_shipment(by=admin)
    response = pengurus.get(shipment.get_absolute_url())
    page = _text(response)
    assert response.context["problems"] == []
    assert _("No problems found: the papers agree with each other.") in page
    assert reverse("exports:ska-ready", args=[shipment.pk]) in page
    response = pengurus.post(
        reverse("exports:ska-ready", args=[shipment.pk]), with_token()
    )
    assert response["Location"].endswith("#ska")
    shipment.ska.refresh_from_db()
    assert shipment.ska.status == SkaStatus.READY
    page = _text(pengurus.get(shipment.get_absolute_url()))
    assert str(capfirst(SkaStatus.READY.label)) in page


def test_mark_ready_with_problems_is_refused_and_leads_to_the_list(pengurus, draft):
    response = pengurus.post(
        reverse("exports:ska-ready", args=[draft.pk]), with_token()
    )
    assert response["Location"].endswith("#preflight")
    draft.ska.refresh_from_db()
    assert draft.ska.status == SkaStatus.DRAFT
    assert not draft.ska.history.exists()


def test_the_forms_for_the_destination_are_offered_with_the_chosen_one(pengurus, admin):
    shipment = clean_shipment(by=admin, destination="JP")
    form_choice = pengurus.get(shipment.get_absolute_url()).context["form_choice"]
    offered = {choice.pk for choice in form_choice.fields["form"].queryset}
    assert offered == {form.pk for form in forms_for("JP")}
    assert form_choice["form"].value() == shipment.ska.form_id


def test_a_form_not_for_the_destination_is_refused(pengurus, admin):
    shipment = clean_shipment(by=admin, destination="JP")
    chosen = shipment.ska.form_id
    other = SkaForm.objects.exclude(pk__in=[f.pk for f in forms_for("JP")]).first()
    response = pengurus.post(
        reverse("exports:ska-form", args=[shipment.pk]),
        with_token({"ska-form": other.pk}),
    )
    assert response.status_code == 400
    assert response.context["form_choice"].errors
    shipment.ska.refresh_from_db()
    assert shipment.ska.form_id == chosen


def test_submitted_needs_the_e_ska_reference(pengurus, admin):
    shipment = clean_shipment(by=admin)
    ska_mark_ready(application=shipment.ska, by=admin)
    response = pengurus.post(
        reverse("exports:ska-submit", args=[shipment.pk]),
        with_token({"submit-reference": " "}),
    )
    assert response.status_code == 400
    assert response.context["opened"] == "submit_form"
    assert 'id="ska-submit" open' in _text(response)
    shipment.ska.refresh_from_db()
    assert shipment.ska.status == SkaStatus.READY


def test_submitted_with_its_reference(pengurus, admin):
    shipment = clean_shipment(by=admin)
    ska_mark_ready(application=shipment.ska, by=admin)
    pengurus.post(
        reverse("exports:ska-submit", args=[shipment.pk]),
        with_token({"submit-reference": "ESKA-2026-0042"}),
    )
    shipment.ska.refresh_from_db()
    assert shipment.ska.status == SkaStatus.SUBMITTED
    assert shipment.ska.eska_reference == "ESKA-2026-0042"


def test_an_ska_dated_in_the_future_is_refused_and_keeps_its_number(pengurus, admin):
    shipment = _submitted(admin)
    ska_verify(application=shipment.ska, by=admin)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = pengurus.post(
        reverse("exports:ska-issue", args=[shipment.pk]),
        with_token({"issue-number": "0001234/SKA/2026", "issue-date": str(tomorrow)}),
    )
    assert response.status_code == 400
    assert response.context["issue_form"].non_field_errors()
    assert 'value="0001234/SKA/2026"' in _text(response)
    shipment.ska.refresh_from_db()
    assert shipment.ska.status == SkaStatus.VERIFIED


def test_the_ska_is_issued_with_number_and_date(pengurus, admin):
    shipment = _submitted(admin)
    ska_verify(application=shipment.ska, by=admin)
    today = timezone.localdate()
    pengurus.post(
        reverse("exports:ska-issue", args=[shipment.pk]),
        with_token({"issue-number": "0001234/SKA/2026", "issue-date": str(today)}),
    )
    shipment.ska.refresh_from_db()
    assert shipment.ska.status == SkaStatus.ISSUED
    assert shipment.ska.ska_number == "0001234/SKA/2026"


def test_a_rejection_needs_its_reason(pengurus, admin):
    shipment = _submitted(admin)
    response = pengurus.post(
        reverse("exports:ska-reject", args=[shipment.pk]),
        with_token({"reject-reason": ""}),
    )
    assert response.status_code == 400
    shipment.ska.refresh_from_db()
    assert shipment.ska.status == SkaStatus.SUBMITTED


def test_a_rejected_application_is_corrected_again(pengurus, admin):
    shipment = _submitted(admin)
    ska_reject(application=shipment.ska, reason="Kriteria asal salah.", by=admin)
    page = _text(pengurus.get(shipment.get_absolute_url()))
    assert "Kriteria asal salah." in page
    pengurus.post(reverse("exports:ska-reopen", args=[shipment.pk]), with_token())
    shipment.ska.refresh_from_db()
    assert shipment.ska.status == SkaStatus.DRAFT


def test_an_illegal_move_is_refused_with_its_message(pengurus, draft):
    response = pengurus.post(
        reverse("exports:ska-verify", args=[draft.pk]), with_token(), follow=True
    )
    draft.ska.refresh_from_db()
    assert draft.ska.status == SkaStatus.DRAFT
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_the_history_shows_who_moved_the_status_and_when(pengurus, admin):
    shipment = _submitted(admin)
    page = _text(pengurus.get(shipment.get_absolute_url()))
    history = page[page.index('id="history"') :]
    assert admin.member.full_name in history
    assert str(SkaStatus.SUBMITTED.label) in history
    assert "→" in history


@pytest.mark.parametrize("status", ["draft", "ready", "submitted", "verified"])
def test_every_form_on_the_shipment_page_carries_its_token(pengurus, admin, status):
    shipment = clean_shipment(by=admin)
    if status != "draft":
        ska_mark_ready(application=shipment.ska, by=admin)
    if status in ("submitted", "verified"):
        ska_submit(application=shipment.ska, reference="ESKA-1", by=admin)
    if status == "verified":
        ska_verify(application=shipment.ska, by=admin)
    response = pengurus.get(shipment.get_absolute_url())
    assert response.status_code == 200
    assert forms_without_token(response) == []


# --- read-only after submission -----------------------------------------------------


def test_after_submission_the_page_says_why_and_offers_no_changes(pengurus, admin):
    shipment = _submitted(admin)
    page = _text(pengurus.get(shipment.get_absolute_url()))
    assert read_only_message() in page
    assert reverse("exports:shipment-update", args=[shipment.pk]) not in page
    assert reverse("exports:line-create", args=[shipment.pk]) not in page
    assert 'type="file"' not in page
    for line in shipment.lines.all():
        assert reverse("exports:line-update", args=[line.pk]) not in page
    # The documents can still be read.
    for document in shipment.documents.all():
        assert reverse("exports:document-download", args=[document.pk]) in page


def test_after_submission_the_edit_pages_lead_back_with_the_reason(pengurus, admin):
    shipment = _submitted(admin)
    response = pengurus.get(
        reverse("exports:shipment-update", args=[shipment.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == shipment.get_absolute_url()
    assert read_only_message() in [str(m) for m in response.context["messages"]]


def test_after_submission_a_line_cannot_be_changed(pengurus, admin):
    shipment = _submitted(admin)
    line = shipment.lines.first()
    response = pengurus.post(
        reverse("exports:line-update", args=[line.pk]),
        with_token(_line_data(line.product, quantity="999", packed_quantity="999")),
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.quantity != 999


def test_after_submission_no_document_is_replaced(pengurus, admin):
    shipment = _submitted(admin)
    before = shipment.documents.get(kind=DocumentKind.INVOICE).file
    pengurus.post(
        reverse("exports:document-upload", args=[shipment.pk, DocumentKind.INVOICE]),
        with_token({"upload": upload("new.pdf", pdf_bytes("new"))}),
    )
    assert shipment.documents.get(kind=DocumentKind.INVOICE).file == before


def test_after_submission_no_line_is_removed(pengurus, admin):
    shipment = _submitted(admin)
    line = shipment.lines.first()
    pengurus.post(reverse("exports:line-delete", args=[line.pk]), with_token())
    assert ShipmentLine.objects.filter(pk=line.pk).exists()
