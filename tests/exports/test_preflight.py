"""Periksa sebelum kirim: each problem found on its own, a clean shipment passes."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from exports.models import (
    DocumentKind,
    OriginCriterion,
    ShipmentLine,
    SkaFormCountry,
    TransportMode,
)
from exports.preflight import preflight
from exports.services import line_update, shipment_update
from tests.exports.factories import (
    add_documents,
    admin_user,
    clean_shipment,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return admin_user()


@pytest.fixture
def shipment(admin):
    return clean_shipment(by=admin)


def codes(shipment) -> list[str]:
    return [problem.code for problem in preflight(shipment)]


def second_line(shipment) -> ShipmentLine:
    return list(shipment.lines.order_by("position", "id"))[1]


def only_problem(shipment):
    problems = preflight(shipment)
    assert len(problems) == 1, problems
    return problems[0]


def test_a_clean_shipment_passes(shipment):
    assert preflight(shipment) == []


@pytest.mark.parametrize("destination", ["MY", "CN", "KR", "IN", "AE", "DE", "BR"])
def test_a_clean_shipment_to_any_destination_passes(admin, destination):
    assert preflight(clean_shipment(by=admin, destination=destination)) == []


def test_a_clean_shipment_by_air_passes(admin):
    assert preflight(clean_shipment(by=admin, transport=TransportMode.AIR)) == []


def test_a_shipment_without_items_is_one_problem(admin):
    problem = only_problem(clean_shipment(by=admin, lines=0))
    assert problem.code == "no_lines"
    assert problem.where == "#lines"


@pytest.mark.parametrize("missing", DocumentKind.values)
def test_each_missing_document_is_one_problem(admin, missing):
    shipment = clean_shipment(by=admin, documents=False)
    add_documents(
        shipment, by=admin, kinds=[k for k in DocumentKind.values if k != missing]
    )
    problem = only_problem(shipment)
    assert problem.code == "missing_document"
    assert problem.where == "#documents"
    with translation.override("en"):
        message = preflight(shipment)[0].message
        assert str(DocumentKind(missing).label) in message
    with translation.override("id"):
        message = preflight(shipment)[0].message
        assert str(DocumentKind(missing).label) in message
        assert "belum diunggah" in message


def test_every_missing_document_is_its_own_problem(admin):
    shipment = clean_shipment(by=admin, documents=False)
    assert codes(shipment) == ["missing_document"] * len(DocumentKind.values)


def test_an_hs_code_not_of_8_digits_names_the_item_and_the_code(shipment, admin):
    line = second_line(shipment)
    line_update(line=line, by=admin, hs_code="4202290")
    problem = only_problem(shipment)
    assert problem.code == "hs_code_format"
    assert problem.where == f"#line-{line.pk}"
    with translation.override("en"):
        assert preflight(shipment)[0].message == (
            "Item 2 (Dompet Rajut Melati): HS code 4202290 is not 8 digits."
        )


def test_an_hs_code_with_letters_is_not_8_digits(shipment, admin):
    line_update(line=second_line(shipment), by=admin, hs_code="4202290A")
    assert codes(shipment) == ["hs_code_format"]


def test_a_missing_hs_code_is_one_problem(shipment, admin):
    line_update(line=second_line(shipment), by=admin, hs_code="")
    assert codes(shipment) == ["hs_code_format"]


def test_an_hs_code_other_than_the_products_is_one_problem(shipment, admin):
    line = second_line(shipment)
    line_update(line=line, by=admin, hs_code="42021900")
    problem = only_problem(shipment)
    assert problem.code == "hs_code_mismatch"
    assert problem.where == f"#line-{line.pk}"
    with translation.override("en"):
        assert "42021900" in preflight(shipment)[0].message
        assert "42022900" in preflight(shipment)[0].message


def test_an_invoice_total_other_than_the_sum_of_the_items(shipment, admin):
    shipment_update(shipment=shipment, by=admin, invoice_total_usd=Decimal("1200.01"))
    problem = only_problem(shipment)
    assert problem.code == "invoice_total"
    assert problem.where == "#papers"
    with translation.override("en"):
        assert preflight(shipment)[0].message == (
            "The invoice total (USD 1,200.01) is not the sum of the items "
            "(USD 1,200.00); the difference is USD 0.01."
        )


def test_the_invoice_total_is_compared_exactly_to_the_cent(admin):
    shipment = clean_shipment(by=admin, lines=3)
    for line, value in zip(
        shipment.lines.order_by("position"), ["0.10", "0.20", "1234567.33"], strict=True
    ):
        line_update(line=line, by=admin, fob_usd=Decimal(value))
    shipment_update(
        shipment=shipment, by=admin, invoice_total_usd=Decimal("1234567.63")
    )
    assert preflight(shipment) == []
    shipment_update(
        shipment=shipment, by=admin, invoice_total_usd=Decimal("1234567.64")
    )
    assert codes(shipment) == ["invoice_total"]


def test_packing_list_quantity_other_than_the_invoices(shipment, admin):
    line = second_line(shipment)
    line_update(line=line, by=admin, packed_quantity=48)
    problem = only_problem(shipment)
    assert problem.code == "packed_quantity"
    assert problem.where == f"#line-{line.pk}"
    with translation.override("en"):
        assert preflight(shipment)[0].message == (
            "Item 2 (Dompet Rajut Melati): the packing list has 48 PCE, "
            "the invoice 50 PCE."
        )


def test_net_weight_over_gross_weight(shipment, admin):
    line = second_line(shipment)
    line_update(line=line, by=admin, net_kg=Decimal("12.501"))
    problem = only_problem(shipment)
    assert problem.code == "net_over_gross"
    assert problem.where == f"#line-{line.pk}"


def test_net_weight_equal_to_gross_weight_is_fine(shipment, admin):
    line_update(line=second_line(shipment), by=admin, net_kg=Decimal("12.500"))
    assert preflight(shipment) == []


def test_no_form_chosen(shipment, admin):
    # Japan's form does not go to Korea, where three fit: none is chosen for her.
    shipment_update(shipment=shipment, by=admin, destination="KR")
    problem = only_problem(shipment)
    assert problem.code == "no_form"
    assert problem.where == "#ska"


def test_a_form_no_longer_valid_for_the_destination(shipment):
    # The admin takes Japan off the chosen form in the agreement table.
    SkaFormCountry.objects.filter(form=shipment.ska.form, country="JP").delete()
    problem = only_problem(shipment)
    assert problem.code == "form_not_valid"
    assert problem.where == "#ska"


def test_an_invoice_dated_after_the_peb(shipment, admin):
    shipment_update(
        shipment=shipment, by=admin, invoice_date=shipment.peb_date + timedelta(1)
    )
    problem = only_problem(shipment)
    assert problem.code == "invoice_after_peb"
    assert problem.where == "#papers"


def test_a_peb_dated_after_the_bill_of_lading(shipment, admin):
    shipment_update(
        shipment=shipment,
        by=admin,
        peb_date=shipment.transport_doc_date + timedelta(1),
    )
    problem = only_problem(shipment)
    assert problem.code == "peb_after_transport"
    with translation.override("en"):
        assert "B/L" in preflight(shipment)[0].message


def test_papers_dated_the_same_day_are_in_order(shipment, admin):
    day = shipment.peb_date
    shipment_update(
        shipment=shipment,
        by=admin,
        invoice_date=day,
        transport_doc_date=day,
    )
    assert preflight(shipment) == []


@pytest.mark.parametrize(
    ("field", "empty"),
    [
        ("invoice_date", None),
        ("invoice_total_usd", None),
        ("peb_number", ""),
        ("peb_date", None),
        ("transport_doc_number", "  "),
        ("transport_doc_date", None),
    ],
)
def test_each_missing_paper_is_one_problem(shipment, admin, field, empty):
    shipment_update(shipment=shipment, by=admin, **{field: empty})
    problem = only_problem(shipment)
    assert problem.code == "papers_missing"
    assert problem.where == "#papers"


def test_a_missing_airway_bill_is_named_awb(admin):
    shipment = clean_shipment(by=admin, transport=TransportMode.AIR)
    shipment_update(shipment=shipment, by=admin, transport_doc_number="")
    with translation.override("en"):
        assert [p.message for p in preflight(shipment)] == [
            "The AWB number is not filled in."
        ]


def test_an_empty_goods_description(shipment, admin):
    line = second_line(shipment)
    line_update(line=line, by=admin, description="   ")
    problem = only_problem(shipment)
    assert problem.code == "empty_description"
    assert problem.where == f"#line-{line.pk}"


def test_an_item_of_zero_quantity(shipment, admin):
    line_update(line=second_line(shipment), by=admin, quantity=0, packed_quantity=0)
    assert codes(shipment) == ["zero_quantity"]


def test_an_item_of_zero_value(shipment, admin):
    line_update(line=second_line(shipment), by=admin, fob_usd=Decimal("0"))
    shipment_update(shipment=shipment, by=admin, invoice_total_usd=Decimal("600.00"))
    assert codes(shipment) == ["zero_value"]


def test_rvc_without_its_percentage(shipment, admin):
    line = second_line(shipment)
    line_update(line=line, by=admin, origin_criterion=OriginCriterion.REGIONAL_CONTENT)
    problem = only_problem(shipment)
    assert problem.code == "rvc_without_percent"
    assert problem.where == f"#line-{line.pk}"


def test_rvc_with_its_percentage_is_fine(shipment, admin):
    line_update(
        line=second_line(shipment),
        by=admin,
        origin_criterion=OriginCriterion.REGIONAL_CONTENT,
        rvc_percent=Decimal("40.00"),
    )
    assert preflight(shipment) == []


def test_problems_of_several_items_are_each_listed(shipment, admin):
    first, second = shipment.lines.order_by("position", "id")
    line_update(line=first, by=admin, description="")
    line_update(line=second, by=admin, packed_quantity=1)
    assert [(p.code, p.where) for p in preflight(shipment)] == [
        ("empty_description", f"#line-{first.pk}"),
        ("packed_quantity", f"#line-{second.pk}"),
    ]


def test_the_check_takes_as_many_queries_for_many_items_as_for_few(admin):
    few = clean_shipment(by=admin, lines=2)
    many = clean_shipment(by=admin, lines=30)
    for shipment in (few, many):
        for line in shipment.lines.all():
            line_update(line=line, by=admin, packed_quantity=1)
    counts = []
    for shipment in (few, many):
        with CaptureQueriesContext(connection) as queries:
            problems = preflight(shipment)
        counts.append(len(queries))
        assert len(problems) == shipment.lines.count()
    assert counts[0] == counts[1]
    assert counts[0] <= 5
