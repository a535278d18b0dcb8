"""The Indonesian words are the co-op's own: no bookkeeping or web jargon, one
word for one thing, and dates written as "1 Des 2026"."""

import re
from datetime import date, datetime
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.formats import date_format

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

# What must not appear in a translation, and the word to use instead.
JARGON = {
    "posting": (re.compile(r"posting", re.IGNORECASE), "Catat final / Tercatat"),
    "Diposting": (re.compile(r"diposting", re.IGNORECASE), "Tercatat"),
    "teks alt": (re.compile(r"teks alt|alt text", re.IGNORECASE), "keterangan foto"),
    "Ready stok": (re.compile(r"ready[ -]?stok", re.IGNORECASE), "Stok siap"),
    "anda": (re.compile(r"\banda\b"), "Anda"),
    "Sandi": (re.compile(r"(?<![Kk]ata )\b[Ss]andi\b"), "Kata sandi"),
}


def _translations(catalogue):
    for entry in catalogue:
        if not entry.msgid:
            continue
        texts = [entry.msgstr] if entry.msgstr else []
        texts += list(getattr(entry, "msgstr_plural", {}).values())
        for text in texts:
            yield entry.msgid, text


@pytest.mark.parametrize("path", [PO, MO], ids=["po", "mo"])
@pytest.mark.parametrize("word", list(JARGON))
def test_no_translation_uses_the_jargon_word(path, word):
    catalogue = polib.pofile(str(path)) if path == PO else polib.mofile(str(path))
    pattern, instead = JARGON[word]
    found = [
        (msgid, text)
        for msgid, text in _translations(catalogue)
        if pattern.search(text)
    ]
    assert found == [], f"write “{instead}” instead of “{word}”"


def test_the_jargon_patterns_catch_what_they_should_and_nothing_else():
    def hits(word, text):
        return bool(JARGON[word][0].search(text))

    assert hits("posting", "Simpan & posting")
    assert hits("Diposting", "Penjualan diposting")
    assert hits("teks alt", "keterangan foto (teks alt)")
    assert hits("Ready stok", "Semua produk ready stok masih cukup.")
    assert hits("anda", "Sandi anda salah")
    assert not hits("anda", "Nama Anda")
    assert not hits("anda", "tanda hadir")
    assert hits("Sandi", "Sandi lama")
    assert hits("Sandi", "Konfirmasi sandi baru")
    assert not hits("Sandi", "Kata sandi baru")
    assert not hits("Sandi", "Ulangi kata sandi")


def _msgstr(msgid: str) -> str:
    by_id = {e.msgid: e.msgstr for e in polib.pofile(str(PO)) if not e.msgctxt}
    return by_id[msgid]


def test_posting_is_catat_final_and_a_posted_entry_is_tercatat():
    assert _msgstr("Post") == "Catat final"
    assert _msgstr("Post this sale") == "Catat final penjualan ini"
    assert _msgstr("Save and post") == "Simpan & catat final"
    assert _msgstr("Posted") == "Tercatat"


def test_stock_words_and_pre_order_stay_as_the_shop_says_them():
    assert _msgstr("Ready stock") == "Stok siap"
    assert _msgstr("Pre-order") == "Pre-order"


def test_dates_read_day_short_month_year_in_indonesian():
    with translation.override("id"):
        assert date_format(date(2026, 12, 1)) == "1 Des 2026"
        assert date_format(date(2026, 5, 17)) == "17 Mei 2026"
        assert date_format(date(2026, 12, 1), "SHORT_DATE_FORMAT") == "1 Des 2026"
        assert (
            date_format(datetime(2026, 12, 1, 9, 30), "DATETIME_FORMAT")
            == "1 Des 2026, 9.30"
        )


def test_password_page_strings_from_django_say_kata_sandi_and_anda():
    from django.contrib.auth import password_validation
    from django.contrib.auth.forms import PasswordChangeForm
    from django.contrib.auth.models import User

    with translation.override("id"):
        form = PasswordChangeForm(User(username="sari"))
        texts = [str(field.label) for field in form.fields.values()]
        texts += [str(field.help_text) for field in form.fields.values()]
        texts += [str(message) for message in form.error_messages.values()]
        texts += [
            str(text) for text in password_validation.password_validators_help_texts()
        ]
    wrong = [
        text
        for text in texts
        if JARGON["anda"][0].search(text) or JARGON["Sandi"][0].search(text)
    ]
    assert wrong == []
