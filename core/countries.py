"""Countries by ISO 3166 code, named in the reader's language (pycountry's names).

Shipments store a country as its two-letter code (``MY``, ``KR``); pages show
``Malaysia``, ``Korea Selatan``. ``country_code`` reads the names people write
in tables (English, Indonesian, the common short forms) back to the code.
"""

import gettext
import unicodedata
from functools import cache

import pycountry
from django.db import models
from django.utils.translation import get_language

# Names written in trade tables that neither standard list spells that way.
ALIASES = {
    "usa": "US",
    "u.s.a.": "US",
    "us": "US",
    "america": "US",
    "amerika": "US",
    "uae": "AE",
    "uni emirat arab (uea)": "AE",
    "uea": "AE",
    "emirat arab": "AE",
    "uk": "GB",
    "england": "GB",
    "inggris": "GB",
    "great britain": "GB",
    "britania raya": "GB",
    "korea": "KR",
    "korsel": "KR",
    "south korea": "KR",
    "republic of korea": "KR",
    "korea, republic of": "KR",
    "korea selatan": "KR",
    "holland": "NL",
    "rrc": "CN",
    "tiongkok": "CN",
    "rrt": "CN",
    "taiwan": "TW",
    "vietnam": "VN",
    "viet nam": "VN",
    "hong kong": "HK",
    "hongkong": "HK",
    "russia": "RU",
    "rusia": "RU",
    "turki": "TR",
    "turkey": "TR",
    "czech republic": "CZ",
    "ceko": "CZ",
    "laos": "LA",
    "brunei": "BN",
    "iran": "IR",
    "syria": "SY",
    "tanzania": "TZ",
    "bolivia": "BO",
    "venezuela": "VE",
    "moldova": "MD",
    "macau": "MO",
    "palestine": "PS",
    "u.s.a": "US",
    "u.s.": "US",
    "united states of america (usa)": "US",
    "prancis": "FR",
    "timor leste": "TL",
    "r.r.c": "CN",
    "r.r.c.": "CN",
    "r.r.t": "CN",
    "r.r.t.": "CN",
    "prc": "CN",
    "p.r. china": "CN",
    "korea, rep.": "KR",
    "korea rep.": "KR",
    "rep. of korea": "KR",
    "republik korea": "KR",
    "korea (selatan)": "KR",
    "saudi": "SA",
    "nederland": "NL",
    "the netherlands": "NL",
    "deutschland": "DE",
    "jerman barat": "DE",
}


@cache
def _indonesian() -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=["id"], fallback=True
    )


def _english(country) -> str:
    return getattr(country, "common_name", None) or country.name


def country_name(code: str, language: str | None = None) -> str:
    """The country's name in ``language`` (default: the page's), or the code."""
    country = pycountry.countries.get(alpha_2=(code or "").upper())
    if country is None:
        return code or ""
    language = language or get_language() or "id"
    if language.startswith("id"):
        return _indonesian().gettext(country.name)
    return _english(country)


@cache
def _choices(language: str) -> tuple[tuple[str, str], ...]:
    rows = [
        (country.alpha_2, country_name(country.alpha_2, language))
        for country in pycountry.countries
    ]
    return tuple(sorted(rows, key=lambda row: _plain(row[1])))


def country_choices() -> tuple[tuple[str, str], ...]:
    """Every country, by name in the page's language (a model field's choices)."""
    return _choices("id" if (get_language() or "id").startswith("id") else "en")


def _plain(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(folded.lower().replace("’", "'").split())


@cache
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
            _indonesian().gettext(country.name),
            country.alpha_2,
            country.alpha_3,
        ):
            if name:
                names.setdefault(_plain(name), country.alpha_2)
    names.update({_plain(alias): code for alias, code in ALIASES.items()})
    return names


def country_code(text: str) -> str | None:
    """The ISO code of a country named in English or Indonesian, or None."""
    return _names().get(_plain(text or ""))


class CountryField(models.CharField):
    """A country as its ISO 3166 two-letter code, chosen by name."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 2)
        kwargs.setdefault("choices", country_choices)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        kwargs.pop("choices", None)
        return name, path, args, kwargs
