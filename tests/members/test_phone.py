import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from members.phone import WhatsAppFormField, format_whatsapp, normalize_whatsapp


@pytest.mark.parametrize(
    "typed",
    [
        "081234567890",
        "0812-3456-7890",
        "0812 3456 7890",
        "(0812) 3456.7890",
        "+62 812-3456-7890",
        "+6281234567890",
        "6281234567890",
        "006281234567890",
        "812 3456 7890",
        "+62 0812 3456 7890",
    ],
)
def test_indonesian_forms_normalise_to_62(typed):
    assert normalize_whatsapp(typed) == "6281234567890"


def test_landline_with_area_code_normalises():
    assert normalize_whatsapp("(0281) 891234") == "62281891234"


def test_foreign_number_with_plus_keeps_its_country_code():
    assert normalize_whatsapp("+60 12-345 6789") == "60123456789"


@pytest.mark.parametrize(
    ("typed", "code", "indonesian"),
    [
        ("0812-abc-7890", "invalid_characters", "hanya boleh berisi angka"),
        ("WA saya 0812", "invalid_characters", "hanya boleh berisi angka"),
        ("0812-345", "too_short", "terlalu pendek"),
        ("+62 812", "too_short", "terlalu pendek"),
        ("0812-3456-7890-1234", "too_long", "terlalu panjang"),
        ("60123456789", "foreign_without_plus", "harus diawali +"),
        ("6591234567", "foreign_without_plus", "harus diawali +"),
        ("1 202 555 0143", "foreign_without_plus", "harus diawali +"),
        ("+1 202", "bad_length", "Panjang nomor luar negeri"),
        ("   ", "required", "Isi nomor WhatsApp"),
    ],
)
def test_bad_numbers_get_a_clear_indonesian_error(typed, code, indonesian):
    with pytest.raises(ValidationError) as caught:
        normalize_whatsapp(typed)
    assert caught.value.code == code
    with translation.override("id"):
        assert indonesian in str(caught.value.messages[0])


@given(
    digits=st.text(alphabet="0123456789", min_size=8, max_size=12).filter(
        lambda d: not d.startswith("0")
    ),
    separator=st.sampled_from(["", " ", "-", "."]),
    prefix=st.sampled_from(["0", "+62", "62", "+62 ", "0062"]),
)
def test_separators_and_prefix_do_not_change_the_stored_number(
    digits, separator, prefix
):
    typed = prefix + separator.join(digits[i : i + 4] for i in range(0, len(digits), 4))
    assert normalize_whatsapp(typed) == "62" + digits


def test_stored_number_is_shown_grouped():
    assert format_whatsapp("6281234567890") == "+62 812-3456-7890"
    assert format_whatsapp("60123456789") == "+60123456789"
    assert format_whatsapp("") == ""


def test_form_field_returns_the_normalised_number_and_keeps_empty_optional():
    field = WhatsAppFormField(required=False)
    assert field.clean("0812-3456-7890") == "6281234567890"
    assert field.clean("") == ""
    with pytest.raises(ValidationError):
        field.clean("0812-abc")
