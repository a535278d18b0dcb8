"""The Indonesian catalogue is complete, compiled and matches the code."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def test_every_string_has_an_indonesian_translation():
    catalogue = polib.pofile(str(PO))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_source():
    # By context too: "Marketplace fees" is a fee taken off a sale and, with the
    # context "expense category", an expense of its own.
    source = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(PO)) if e.msgid}
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(MO)) if e.msgid
    }
    assert compiled == source, "run `make messages` and commit locale/"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext")
def test_catalogue_holds_every_string_the_code_uses(tmp_path):
    # makemessages writes into the tree it scans, so it scans a copy.
    copy = tmp_path / "portal"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "media", "staticfiles", "tests", "bench", "*.sqlite3*"
        ),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "id"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"DJANGO_SETTINGS_MODULE": "hirarajut.settings.test", "PATH": "/usr/bin"},
    )
    extracted = copy / "locale" / "id" / "LC_MESSAGES" / "django.po"
    wanted = {e.msgid for e in polib.pofile(str(extracted)) if e.msgid}
    have = {e.msgid for e in polib.pofile(str(PO)) if e.msgid}
    assert sorted(wanted - have) == [], "run `make messages` and translate"
