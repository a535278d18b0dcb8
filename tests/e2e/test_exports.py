"""The pengurus prepares an export shipment on her phone, in Chromium at 360 px.

She makes the shipment, fills in its papers and its goods, reads "Periksa sebelum
kirim", fixes what it lists (the missing documents, a wrong HS code, the form),
marks it ready and sees it so. Every export page, in every state of its SKA,
passes the portal's phone checks at 360x740 and 320x640.
"""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.countries import country_name
from exports.models import DocumentKind, Shipment, SkaStatus
from exports.selectors import forms_for
from exports.services import ska_mark_ready, ska_reject, ska_submit, ska_verify
from members.roles import Role
from tests.e2e.conftest import assert_fits_the_phone, log_in, screenshot
from tests.e2e.portal_checks import SIZES, page_problems, report
from tests.exports.factories import (
    BuyerFactory,
    add_line,
    clean_shipment,
    export_product,
    make_shipment,
    pdf_bytes,
)
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pengurus(role_groups):
    # The agreement table, as its migration seeds it (a flush empties it).
    import_module("exports.migrations.0002_ska_forms").seed(apps, None)
    return MemberFactory(role=Role.ADMIN, username="pengurus", full_name="Bu Sri")


def _pdf(kind: str) -> dict:
    return {"name": f"{kind}.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}


def _problems(phone) -> list[str]:
    return phone.locator("[data-problems] li").evaluate_all(
        "items => items.map(item => item.dataset.code)"
    )


def test_the_admin_prepares_a_shipment_and_marks_it_ready(phone, pengurus):
    buyer = BuyerFactory(name="Kaori Trading Co., Ltd.", country="JP")
    bag = export_product(name="Tas Rajut Mawar", hs_code="42022900")
    today = timezone.localdate()
    log_in(phone, "pengurus")

    phone.goto("/ekspor/")
    phone.get_by_role("link", name=f"+ {_('New shipment')}").click()
    phone.get_by_label(_("Buyer")).select_option(str(buyer.pk))
    phone.get_by_label(_("Destination country")).select_option("JP")
    phone.get_by_label(capfirst(_("invoice number"))).fill("INV/HR/2026/120")
    phone.get_by_label(capfirst(_("invoice date"))).fill(str(today - timedelta(days=6)))
    assert_fits_the_phone(phone)
    phone.get_by_role("button", name=_("Make shipment")).click()
    shipment = Shipment.objects.get(invoice_number="INV/HR/2026/120")
    phone.wait_for_url(f"**{shipment.get_absolute_url()}")

    # The papers: total, ports, PEB and the bill of lading.
    phone.locator("#papers").get_by_role("link", name=_("Change")).click()
    phone.get_by_label(_("Invoice total (USD, FOB)")).fill("1.250,50")
    phone.get_by_label(capfirst(_("port of loading"))).fill("Tanjung Emas, Semarang")
    phone.get_by_label(capfirst(_("port of destination"))).fill("Tokyo")
    phone.get_by_label(capfirst(_("PEB number"))).fill("000123")
    phone.get_by_label(capfirst(_("PEB date"))).fill(str(today - timedelta(days=4)))
    phone.get_by_label(capfirst(_("B/L or AWB number"))).fill("SMGTYO2611001")
    phone.get_by_label(capfirst(_("B/L or AWB date"))).fill(
        str(today - timedelta(days=2))
    )
    assert_fits_the_phone(phone)
    phone.get_by_role("button", name=_("Save papers")).click()
    phone.wait_for_url("**#papers")

    # One line of goods, with an HS code typed wrong.
    phone.get_by_role("link", name=f"+ {_('Add goods')}").click()
    phone.get_by_label(_("Product")).select_option(str(bag.pk))
    phone.get_by_label(capfirst(_("HS code"))).fill("42029900")
    phone.locator("#id_quantity").fill("50")
    phone.get_by_label(capfirst(_("quantity on the packing list"))).fill("50")
    phone.get_by_label(capfirst(_("net weight (kg)"))).fill("10,000")
    phone.get_by_label(capfirst(_("gross weight (kg)"))).fill("12,500")
    phone.get_by_label(capfirst(_("FOB value (USD)"))).fill("1.250,50")
    phone.get_by_label(capfirst(_("origin criterion"))).select_option("WO")
    assert_fits_the_phone(phone)
    phone.get_by_role("button", name=_("Add goods line")).click()
    line = shipment.lines.get()
    phone.wait_for_url(f"**#line-{line.pk}")

    # "Periksa sebelum kirim" lists what is wrong, each a link to its place.
    preflight = phone.locator("#preflight")
    assert preflight.get_by_role("heading", name=_("Check before sending")).is_visible()
    codes = _problems(phone)
    assert codes.count("missing_document") == 7
    assert "hs_code_mismatch" in codes
    assert "no_form" in codes
    screenshot(phone, "exports-preflight-360")
    hs_problem = preflight.locator(f'a[href="#line-{line.pk}"]')
    assert hs_problem.count() == 1
    hs_problem.click()
    phone.wait_for_url(f"**#line-{line.pk}")
    phone.locator(f"#line-{line.pk}").get_by_role("link").click()
    phone.get_by_label(capfirst(_("HS code"))).fill("42022900")
    phone.get_by_role("button", name=_("Save goods line")).click()
    phone.wait_for_url(f"**#line-{line.pk}")
    assert f'a[href="#line-{line.pk}"]' not in phone.content()

    # The form for Japan, and the seven documents.
    phone.locator("#ska").get_by_label(forms_for("JP")[0].name).check()
    phone.get_by_role("button", name=_("Choose this form")).click()
    phone.wait_for_url("**#ska")
    for kind in DocumentKind.values:
        phone.locator(f"#upload-{kind}").set_input_files(_pdf(kind))
        phone.locator(f'[data-upload="{kind}"]').click()
        phone.wait_for_url("**#documents")
        assert phone.locator(f"#document-{kind}.has-file").count() == 1
    assert_fits_the_phone(phone)

    # Nothing left to fix: it says so, and offers "Tandai siap".
    assert phone.locator("[data-problems]").count() == 0
    assert phone.locator("[data-no-problems]").is_visible()
    phone.locator('[data-action="ready"]').click()
    phone.wait_for_url("**#ska")
    badge = phone.locator("[data-status]")
    assert badge.get_attribute("data-status") == SkaStatus.READY
    assert badge.inner_text() == capfirst(_(SkaStatus.READY.label))
    screenshot(phone, "exports-ready-360")
    shipment.ska.refresh_from_db()
    assert shipment.ska.status == SkaStatus.READY

    # Its PEB date makes it a realised export: the report counts it.
    phone.goto("/ekspor/")
    phone.get_by_role("link", name=f"{_('Export realisation')} →").click()
    phone.wait_for_url("**/ekspor/realisasi/**")
    figures = phone.locator("main").inner_text()
    assert "1.250,50" in figures
    assert country_name("JP", "id") in figures
    assert_fits_the_phone(phone)
    screenshot(phone, "exports-realisation-360")


@pytest.fixture
def shipments(pengurus):
    """A shipment in each state of its SKA, and one full of problems."""
    admin = pengurus.user
    draft = make_shipment(by=admin, destination="JP")
    add_line(draft, by=admin, hs_code="42029900", packed_quantity=48)
    ready = clean_shipment(by=admin, destination="MY")
    ska_mark_ready(application=ready.ska, by=admin)
    submitted = clean_shipment(by=admin, destination="DE")
    ska_mark_ready(application=submitted.ska, by=admin)
    ska_submit(application=submitted.ska, reference="ESKA-2026-000981", by=admin)
    verified = clean_shipment(by=admin, destination="CN")
    ska_mark_ready(application=verified.ska, by=admin)
    ska_submit(application=verified.ska, reference="ESKA-2026-000982", by=admin)
    ska_verify(application=verified.ska, by=admin)
    rejected = clean_shipment(by=admin, destination="KR")
    ska_mark_ready(application=rejected.ska, by=admin)
    ska_submit(application=rejected.ska, reference="ESKA-2026-000983", by=admin)
    ska_reject(
        application=rejected.ska,
        reason="Kriteria asal barang baris 2 tidak sesuai dengan struktur biaya.",
        by=admin,
    )
    line = draft.lines.get()
    return {
        "list": "/ekspor/",
        "new": "/ekspor/baru/",
        "buyer": "/ekspor/pembeli/baru/",
        "draft": draft.get_absolute_url(),
        "ready": ready.get_absolute_url(),
        "submitted": submitted.get_absolute_url(),
        "verified": verified.get_absolute_url(),
        "rejected": rejected.get_absolute_url(),
        "edit": f"/ekspor/{draft.pk}/ubah/",
        "line-new": f"/ekspor/{draft.pk}/barang/baru/",
        "line": f"/ekspor/barang/{line.pk}/",
        "upload": f"/ekspor/{draft.pk}/dokumen/{DocumentKind.COST_STRUCTURE}/",
    }


@pytest.mark.parametrize("size", SIZES, ids=str)
def test_every_export_page_passes_the_phone_checks(phone, shipments, size):
    log_in(phone, "pengurus")
    phone.set_viewport_size(size.viewport)
    found = {}
    for name, path in shipments.items():
        found[name] = page_problems(phone, path, size.width)
        screenshot(phone, f"exports-{name}-{size.width}")
    assert not any(found.values()), report(found)


def test_the_confirm_boxes_open_and_still_fit(phone, shipments):
    """The moves behind a confirm (with what they ask) fit the phone when open."""
    log_in(phone, "pengurus")
    for state, box in [("ready", "#ska-submit"), ("verified", "#ska-issue")]:
        phone.goto(shipments[state])
        phone.locator(f"{box} > summary").click()
        assert phone.locator(f"{box} form").is_visible()
        assert_fits_the_phone(phone)
        screenshot(phone, f"exports-{state}-confirm-360")
