"""Countries are stored as ISO codes and read back from the names people write."""

import pytest
from django.utils import translation

from core.countries import country_choices, country_code, country_name


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("USA", "US"),
        ("United States of America", "US"),
        ("Amerika Serikat", "US"),
        ("UAE", "AE"),
        ("Uni Emirat Arab", "AE"),
        ("Republic of Korea", "KR"),
        ("Korea Selatan", "KR"),
        ("South Korea", "KR"),
        ("Jepang", "JP"),
        ("japan", "JP"),
        ("Belanda", "NL"),
        ("Netherlands", "NL"),
        ("Malaysia", "MY"),
        ("  malaysia  ", "MY"),
        ("Tiongkok", "CN"),
        ("Jerman", "DE"),
        ("Vietnam", "VN"),
        ("Viet Nam", "VN"),
        ("Côte d'Ivoire", "CI"),
        ("MY", "MY"),
        ("MYS", "MY"),
    ],
)
def test_names_in_english_indonesian_and_short_forms_give_the_code(written, code):
    assert country_code(written) == code


@pytest.mark.parametrize(
    "written", ["", "Xanadu", "Eropa", "ASEAN", "Korea Utara Selatan"]
)
def test_an_unknown_name_gives_nothing(written):
    assert country_code(written) is None


def test_names_follow_the_page_language():
    with translation.override("id"):
        assert country_name("KR") == "Korea Selatan"
        assert dict(country_choices())["NL"] == "Belanda"
    with translation.override("en"):
        assert country_name("KR") == "South Korea"
        assert dict(country_choices())["NL"] == "Netherlands"
    assert country_name("ZZ") == "ZZ"


def test_choices_hold_every_country_once_sorted_by_name():
    with translation.override("id"):
        choices = country_choices()
    codes = [code for code, _name in choices]
    assert len(codes) == len(set(codes)) >= 249
    names = [name for _code, name in choices]
    assert names.index("Afganistan") < names.index("Belanda") < names.index("Zimbabwe")
