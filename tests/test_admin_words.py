"""The Django admin the co-op uses on her phone speaks Indonesian in plain words.

Every add and change form opens in Indonesian, each field's help text is
translated (so an English-only help text added later fails here), and nothing
asks for a keyboard or a mouse: no “Hold down Control”, no two-box pickers.
"""

import re
from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import AdminReadonlyField
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

# The apps whose admin pages the co-op's pengurus works with.
COOP_APPS = {
    "members",
    "catalog",
    "production",
    "training",
    "sales",
    "storefront",
    "exports",
}
# Words written the same in both languages.
SAME = {
    "sku",
    "status",
    "subtotal (rp)",
    "total (rp)",
    "whatsapp",
}
# Instructions only a keyboard or a mouse can follow, in English or Indonesian.
DESKTOP_ONLY = re.compile(
    r"Hold down|Control|Command|Ctrl|Shift|\bdrag|\bhover|\bseret|arahkan kursor",
    re.IGNORECASE,
)

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
COOP_ADMINS = [(m, a) for m, a in REGISTERED if m._meta.app_label in COOP_APPS]


def _ids(items):
    return [model._meta.label for model, _admin in items]


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo co-op (products, sales, sessions...), once for this module."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):
            call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def pengurus(demo_data, db):
    return get_user_model().objects.get(username="pengurus")


@pytest.fixture
def superuser(demo_data, db):
    return get_user_model().objects.create_superuser("teknisi", password="x" * 12)


def _form_pages(model, model_admin, user, rf):
    """The add and change pages of ``model`` that ``user`` may open."""
    opts = model._meta
    request = rf.get("/")
    request.user = user
    pages = []
    if model_admin.has_add_permission(request):
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    obj = model._default_manager.order_by("pk").first()
    if obj is not None and model_admin.has_view_or_change_permission(request, obj):
        pages.append(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )
    return pages


def _open(client, user, url):
    client.force_login(user)
    with translation.override("id"):
        response = client.get(url, headers={"accept-language": "id"})
    assert response.status_code == 200, url
    return response


def _visible_text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    return re.sub(r"<[^>]+>", " ", html)


def _fields(response):
    """(name, label, help text) of every field on the page, inlines included."""
    context = response.context
    forms = [context["adminform"]]
    for inline in context.get("inline_admin_formsets", []):
        forms.extend(inline)
    found = []
    for form in forms:
        for fieldset in form:
            for line in fieldset:
                for field in line:
                    if isinstance(field, AdminReadonlyField):
                        found.append(
                            (
                                field.field["name"],
                                field.field["label"],
                                field.field["help_text"],
                            )
                        )
                    else:
                        bound = field.field
                        found.append((bound.name, bound.label, bound.help_text))
    return found


def _in_both(text) -> tuple[str, str]:
    with translation.override("en"):
        english = str(text)
    with translation.override("id"):
        indonesian = str(text)
    return english, indonesian


def _english_left(response) -> list[str]:
    left = []
    for name, label, help_text in _fields(response):
        english, indonesian = _in_both(label)
        if english == indonesian and indonesian.strip(" :").casefold() not in SAME:
            left.append(f"{name}: label “{english}”")
        if help_text:
            english, indonesian = _in_both(help_text)
            if english == indonesian:
                left.append(f"{name}: help “{english}”")
    return left


@pytest.mark.parametrize(("model", "model_admin"), COOP_ADMINS, ids=_ids(COOP_ADMINS))
def test_each_coop_admin_form_opens_in_indonesian_for_the_pengurus(
    model, model_admin, pengurus, client, rf
):
    pages = _form_pages(model, model_admin, pengurus, rf)
    assert pages, f"the pengurus sees no form of {model._meta.label}"
    for url in pages:
        html = _open(client, pengurus, url).content.decode()
        assert '<html lang="id"' in html


@pytest.mark.parametrize(("model", "model_admin"), COOP_ADMINS, ids=_ids(COOP_ADMINS))
@pytest.mark.parametrize("who", ["pengurus", "superuser"])
def test_each_coop_admin_form_has_indonesian_labels_and_help_texts(
    model, model_admin, who, pengurus, superuser, client, rf
):
    user = pengurus if who == "pengurus" else superuser
    for url in _form_pages(model, model_admin, user, rf):
        assert _english_left(_open(client, user, url)) == [], url


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=_ids(REGISTERED))
def test_no_admin_form_asks_for_a_keyboard_or_a_mouse(
    model, model_admin, superuser, client, rf
):
    for url in _form_pages(model, model_admin, superuser, rf):
        response = _open(client, superuser, url)
        assert DESKTOP_ONLY.findall(_visible_text(response)) == [], url
        # A tabular inline hides each column's help in a tooltip shown on hover.
        assert "help-tooltip" not in response.content.decode(), url


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=_ids(REGISTERED))
def test_no_admin_uses_the_two_box_picker(model, model_admin):
    assert not model_admin.filter_horizontal
    assert not model_admin.filter_vertical
    for inline in model_admin.inlines:
        assert not inline.filter_horizontal
        assert not inline.filter_vertical


def test_the_help_text_check_catches_an_english_only_help_text(pengurus, client, rf):
    from catalog.models import Category

    model_admin = admin.site._registry[Category]
    url = _form_pages(Category, model_admin, pengurus, rf)[0]
    field = Category._meta.get_field("name")
    original = field.help_text
    field.help_text = "The category as the shop shows it."
    try:
        left = _english_left(_open(client, pengurus, url))
    finally:
        field.help_text = original
    assert left == ["name: help “The category as the shop shows it.”"]


def test_the_desktop_words_are_caught_and_plain_words_are_not():
    assert DESKTOP_ONLY.search(
        "Hold down “Control”, or “Command” on a Mac, to select more than one."
    )
    assert DESKTOP_ONLY.search(
        "Tekan “Control”, atau “Command” pada Mac, untuk memilih lebih dari satu."
    )
    assert DESKTOP_ONLY.search("Seret foto ke sini")
    assert not DESKTOP_ONLY.search("Centang semua pembuat produk ini.")
