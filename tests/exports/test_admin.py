"""The exports admin for the pengurus: every page opens, the SKA status stays put.

The status of an SKA application moves on the shipment page only; document files
are kept outside the public media and the admin never links to them.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from exports.models import (
    Buyer,
    DocumentKind,
    RealisationImport,
    RealisationRow,
    Shipment,
    ShipmentDocument,
    ShipmentLine,
    SkaApplication,
    SkaForm,
    SkaStatus,
    SkaStatusChange,
)
from members.roles import Role
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

STORED_NAME = "exports/5f0c2a9e1b7d4c3a8e6f9d0b2c4a6e8f.pdf"
MODELS = [Buyer, SkaForm, Shipment, SkaApplication, RealisationImport]


@pytest.fixture
def pengurus(role_groups):
    return MemberFactory(role=Role.ADMIN).user


@pytest.fixture
def admin_client(client, pengurus):
    client.force_login(pengurus)
    return client


def _shipment(pengurus, status=SkaStatus.DRAFT) -> Shipment:
    buyer = Buyer.objects.create(
        name="Kraf Nusantara Sdn. Bhd.", address="Kuala Lumpur", country="MY"
    )
    shipment = Shipment.objects.create(
        buyer=buyer,
        destination="MY",
        invoice_number=f"INV-{Shipment.objects.count() + 1}",
        invoice_date=date(2026, 10, 1),
        created_by=pengurus,
    )
    ShipmentLine.objects.create(
        shipment=shipment,
        product=ProductFactory(hs_code="42022900"),
        hs_code="42022900",
        quantity=10,
        packed_quantity=10,
        net_kg=Decimal("1.500"),
        gross_kg=Decimal("1.800"),
        fob_usd=Decimal("145.00"),
    )
    ShipmentDocument.objects.create(
        shipment=shipment,
        kind=DocumentKind.INVOICE,
        file=STORED_NAME,
        original_name="invoice-kraf.pdf",
        content_type="application/pdf",
        size=1234,
        uploaded_by=pengurus,
    )
    application = SkaApplication.objects.create(
        shipment=shipment, form=SkaForm.objects.get(code="form-d"), status=status
    )
    if status != SkaStatus.DRAFT:
        SkaStatusChange.objects.create(
            application=application,
            from_status=SkaStatus.DRAFT,
            to_status=status,
            changed_by=pengurus,
        )
    return shipment


@pytest.fixture
def exports_data(pengurus):
    shipment = _shipment(pengurus, SkaStatus.READY)
    batch = RealisationImport.objects.create(
        source_name="realisasi-2025.csv", year=2025, imported_by=pengurus
    )
    RealisationRow.objects.create(
        batch=batch,
        line_number=1,
        year=2025,
        month=2,
        exporter="Kelompok Rajut Hira Rajut",
        commodity="Tas rajut",
        hs_code="42022900",
        volume_kg=Decimal("120.5"),
        value_usd=Decimal("3450"),
        destinations=["MY", "JP"],
    )
    return shipment


def _url(model, action, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_exports_changelist_opens_for_the_pengurus(
    model, admin_client, exports_data
):
    response = admin_client.get(_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_exports_change_form_opens_for_the_pengurus(
    model, admin_client, exports_data
):
    obj = model.objects.order_by("pk").first()
    response = admin_client.get(_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert '<html lang="id"' in response.content.decode()


def test_a_member_cannot_open_the_exports_admin(client, role_groups, exports_data):
    client.force_login(MemberFactory(role=Role.MEMBER).user)
    response = client.get(_url(Shipment, "changelist"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_form_list_shows_each_forms_country_codes(admin_client):
    response = admin_client.get(_url(SkaForm, "changelist"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<td class="field-country_codes">BN KH LA MM MY PH SG TH VN</td>' in html
    assert '<td class="field-country_codes">JP</td>' in html


def test_a_form_gets_a_new_country_in_the_admin(admin_client):
    form = SkaForm.objects.get(code="form-e")
    url = _url(SkaForm, "change", form.pk)
    page = admin_client.get(url)
    data = {
        "code": form.code,
        "name": form.name,
        "kind": form.kind,
        "preferential": "on",
        "position": form.position,
        "countries-TOTAL_FORMS": "2",
        "countries-INITIAL_FORMS": "1",
        "countries-MIN_NUM_FORMS": "0",
        "countries-MAX_NUM_FORMS": "1000",
        "countries-0-id": form.countries.get().pk,
        "countries-0-form": form.pk,
        "countries-0-country": "CN",
        "countries-1-form": form.pk,
        "countries-1-country": "HK",
    }
    assert page.status_code == 200
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert sorted(form.countries.values_list("country", flat=True)) == ["CN", "HK"]


def test_the_application_status_cannot_be_changed_in_the_admin(
    admin_client, exports_data
):
    application = exports_data.ska
    url = _url(SkaApplication, "change", application.pk)
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    response = admin_client.post(
        url, {"status": SkaStatus.ISSUED, "ska_number": "0001/SKA/2026"}
    )
    application.refresh_from_db()
    assert response.status_code == 403
    assert application.status == SkaStatus.READY
    assert application.ska_number == ""
    assert application.history.count() == 1


def test_no_application_is_added_or_deleted_in_the_admin(admin_client, exports_data):
    application = exports_data.ska
    assert admin_client.get(_url(SkaApplication, "add")).status_code == 403
    response = admin_client.post(
        _url(SkaApplication, "delete", application.pk), {"post": "yes"}
    )
    assert response.status_code == 403
    assert SkaApplication.objects.filter(pk=application.pk).exists()


def test_document_files_are_named_but_never_linked_publicly(admin_client, exports_data):
    html = admin_client.get(_url(Shipment, "change", exports_data.pk)).content.decode()
    assert "invoice-kraf.pdf" in html
    assert STORED_NAME not in html
    assert STORED_NAME.split("/")[-1] not in html
    assert f'href="{settings.MEDIA_URL}exports' not in html
    # The only link is the portal's download, which only the pengurus may open.
    document = exports_data.documents.get()
    assert reverse("exports:document-download", args=[document.pk]) in html
    # No field to replace the file or its name in the admin.
    assert 'name="documents-0-file"' not in html
    assert 'name="documents-0-original_name"' not in html


def test_a_draft_shipment_can_be_corrected_in_the_admin(admin_client, pengurus):
    shipment = _shipment(pengurus, SkaStatus.DRAFT)
    html = admin_client.get(_url(Shipment, "change", shipment.pk)).content.decode()
    assert 'name="invoice_number"' in html
    assert 'name="lines-0-hs_code"' in html


def test_a_submitted_shipment_is_shown_but_not_changed(admin_client, pengurus):
    shipment = _shipment(pengurus, SkaStatus.SUBMITTED)
    url = _url(Shipment, "change", shipment.pk)
    html = admin_client.get(url).content.decode()
    assert 'name="invoice_number"' not in html
    assert 'name="lines-0-hs_code"' not in html
    response = admin_client.post(url, {"invoice_number": "CHANGED", "buyer": 1})
    shipment.refresh_from_db()
    assert response.status_code == 403
    assert shipment.invoice_number.startswith("INV-")


def test_a_realisation_import_is_read_only_in_the_admin(admin_client, exports_data):
    batch = RealisationImport.objects.get()
    url = _url(RealisationImport, "change", batch.pk)
    html = admin_client.get(url).content.decode()
    assert "Malaysia, Jepang" in html
    assert 'name="source_name"' not in html
    response = admin_client.post(url, {"source_name": "other.csv", "year": 2024})
    batch.refresh_from_db()
    assert response.status_code == 403
    assert (batch.source_name, batch.year) == ("realisasi-2025.csv", 2025)


def _post_data(page) -> dict:
    """The change form's data as the page shows it, inlines included."""
    data = {}
    form = page.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is not None:
            data[name] = value
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for line_form in formset.initial_forms:
            for name in line_form.fields:
                value = line_form[name].value()
                if value is not None:
                    data[line_form.add_prefix(name)] = value
    return {key: value for key, value in data.items() if value != ""}


def test_a_change_in_the_admin_takes_a_ready_shipment_back_to_draft(
    admin_client, exports_data
):
    url = _url(Shipment, "change", exports_data.pk)
    data = _post_data(admin_client.get(url))
    data["lines-0-quantity"] = 12
    data["lines-0-packed_quantity"] = 12
    response = admin_client.post(url, data)
    assert response.status_code == 302
    application = SkaApplication.objects.get(pk=exports_data.ska.pk)
    assert application.status == SkaStatus.DRAFT
    last = application.history.order_by("-id").first()
    assert (last.from_status, last.to_status) == (SkaStatus.READY, SkaStatus.DRAFT)
    assert exports_data.lines.get().quantity == 12


def test_a_negative_weight_in_the_admin_is_refused_and_nothing_changes(
    admin_client, exports_data
):
    url = _url(Shipment, "change", exports_data.pk)
    data = _post_data(admin_client.get(url))
    data["lines-0-net_kg"] = "-1"
    data["invoice_number"] = "INV-CHANGED"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors[0]["net_kg"]
    exports_data.refresh_from_db()
    assert exports_data.invoice_number.startswith("INV-")
    assert exports_data.lines.get().net_kg == Decimal("1.500")
    assert SkaApplication.objects.get(pk=exports_data.ska.pk).status == SkaStatus.READY
