"""The agreement table proposes the certificate forms of a destination."""

import pytest
from django.core.exceptions import ValidationError

from exports.models import SkaApplication, SkaForm, SkaFormCountry
from exports.selectors import forms_for
from exports.services import form_choose
from tests.exports.factories import admin_user, make_shipment

pytestmark = pytest.mark.django_db


def proposed(destination: str) -> list[str]:
    return [form.code for form in forms_for(destination)]


@pytest.mark.parametrize(
    ("destination", "forms"),
    [
        ("MY", ["form-d", "rcep"]),
        ("CN", ["form-e", "rcep"]),
        ("JP", ["ijepa", "ajcep", "rcep"]),
        ("KR", ["form-ak", "ik-cepa", "rcep"]),
        ("IN", ["form-ai"]),
        ("AU", ["aanz", "ia-cepa", "rcep"]),
        ("NZ", ["aanz", "rcep"]),
        ("AE", ["iuae-cepa"]),
        ("PK", ["form-ip"]),
        ("DE", ["rex"]),
        ("NL", ["rex"]),
        ("BR", ["form-b"]),
        ("US", ["form-b"]),
    ],
)
def test_the_forms_proposed_for_a_destination(destination, forms):
    assert proposed(destination) == forms


def test_a_destination_written_in_small_letters_is_the_same_country():
    assert proposed("my") == ["form-d", "rcep"]


def test_the_eu_gets_a_statement_on_origin_not_a_certificate():
    (rex,) = forms_for("DE")
    assert rex.kind == "statement"


def test_form_b_is_the_non_preferential_one():
    (form_b,) = forms_for("BR")
    assert not form_b.preferential


def test_a_new_agreement_in_the_table_replaces_form_b():
    form = SkaForm.objects.create(code="ib-cepa", name="IB-CEPA", position=20)
    SkaFormCountry.objects.create(form=form, country="BR")
    assert proposed("BR") == ["ib-cepa"]


def test_a_country_taken_off_a_form_is_no_longer_proposed():
    SkaFormCountry.objects.filter(form__code="ik-cepa", country="KR").delete()
    assert proposed("KR") == ["form-ak", "rcep"]


def test_the_table_order_is_the_order_proposed():
    SkaForm.objects.filter(code="rcep").update(position=0)
    SkaForm.objects.filter(code="form-d").update(position=30)
    assert proposed("MY") == ["rcep", "form-d"]


def test_a_destination_with_one_form_gets_it_chosen():
    shipment = make_shipment(destination="IN")
    assert SkaApplication.objects.get(shipment=shipment).form.code == "form-ai"


def test_a_destination_with_no_agreement_gets_form_b_chosen():
    shipment = make_shipment(destination="BR")
    assert shipment.ska.form.code == "form-b"


def test_a_destination_with_several_forms_waits_for_the_admin_to_choose():
    shipment = make_shipment(destination="JP")
    assert shipment.ska.form is None


def test_the_admin_chooses_one_of_the_proposed_forms():
    admin = admin_user()
    shipment = make_shipment(by=admin, destination="JP")
    form_choose(
        application=shipment.ska, form=SkaForm.objects.get(code="ajcep"), by=admin
    )
    assert SkaApplication.objects.get(shipment=shipment).form.code == "ajcep"


@pytest.mark.parametrize(("destination", "form"), [("JP", "form-e"), ("MY", "form-b")])
def test_a_form_that_does_not_fit_the_destination_is_refused(destination, form):
    admin = admin_user()
    shipment = make_shipment(by=admin, destination=destination)
    with pytest.raises(ValidationError) as refused:
        form_choose(
            application=shipment.ska, form=SkaForm.objects.get(code=form), by=admin
        )
    assert refused.value.code == "form_not_valid"
    assert SkaApplication.objects.get(shipment=shipment).form is None
