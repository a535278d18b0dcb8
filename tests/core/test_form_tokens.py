"""One-time form tokens: the same POST twice writes once, and shows the first result."""

import re
import threading
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core import once
from core.models import FormSubmission
from tests.conftest import with_token
from tests.core.urls import PREFIX
from tests.members.factories import MemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.urls")]

ALREADY_SAVED = "This was already saved; here is the result."
NO_TOKEN = "This form has no valid one-time code, so nothing was saved."
STILL_SAVING = "This form is still being saved. Wait a moment, then refresh this page"


@pytest.fixture
def user():
    return MemberFactory().user


@pytest.fixture
def client(user):
    client = Client()
    client.force_login(user)
    # The messages in English, as written in the code.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def made() -> list[str]:
    """Names of the groups the test forms wrote."""
    return [
        name.removeprefix(PREFIX)
        for name in Group.objects.filter(name__startswith=PREFIX)
        .order_by("pk")
        .values_list("name", flat=True)
    ]


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_tag_writes_a_hidden_input_with_a_fresh_token_each_time():
    template = Template("{% load core_tags %}{% form_token %}")
    first, second = (template.render(Context()) for _ in range(2))
    pattern = r'<input type="hidden" name="form_token" value="([A-Za-z0-9_-]{43})">'
    assert re.fullmatch(pattern, first)
    assert re.fullmatch(pattern, second)
    assert first != second


def test_the_same_post_twice_writes_once_and_leads_to_the_first_result(client, user):
    data = with_token({"name": "Perajut baru"})
    first = client.post(reverse("group-list"), data)
    second = client.post(reverse("group-list"), data)
    group = Group.objects.get(name=f"{PREFIX}Perajut baru")
    assert made() == ["Perajut baru"]
    assert first.status_code == 302
    assert first["Location"] == reverse("group-detail", args=[group.pk])
    assert second.status_code == 303
    assert second["Location"] == first["Location"]
    # The first answer's message was never shown: it comes along.
    assert texts(second) == ["Group saved.", ALREADY_SAVED]
    claim = FormSubmission.objects.get()
    assert (claim.token, claim.user_id, claim.completed, claim.result_url) == (
        data["form_token"],
        user.pk,
        True,
        first["Location"],
    )


def test_a_repeated_token_writes_nothing_even_with_other_data(client):
    data = with_token({"name": "Satu"})
    first = client.post(reverse("group-list"), data)
    second = client.post(reverse("group-list"), {**data, "name": "Dua"})
    assert made() == ["Satu"]
    assert second["Location"] == first["Location"]


def test_a_form_refused_with_its_errors_can_be_sent_again_with_the_same_token(client):
    data = with_token({"name": ""})
    refused = client.post(reverse("group-list"), data)
    assert refused.status_code == 400
    assert made() == []
    assert not FormSubmission.objects.exists()

    corrected = client.post(reverse("group-list"), {**data, "name": "Dibetulkan"})
    again = client.post(reverse("group-list"), {**data, "name": "Dibetulkan"})
    assert corrected.status_code == 302
    assert made() == ["Dibetulkan"]
    assert again.status_code == 303
    assert again["Location"] == corrected["Location"]


def test_a_refusal_answered_by_a_redirect_keeps_the_token_free(client):
    data = with_token({"name": "refuse"})
    refused = client.post(reverse("group-or-refuse"), data)
    assert refused.status_code == 302
    assert texts(refused) == ["Refused."]
    assert not FormSubmission.objects.exists()

    saved = client.post(reverse("group-or-refuse"), {**data, "name": "Boleh"})
    assert saved.status_code == 302
    assert made() == ["Boleh"]


@pytest.mark.parametrize(
    "token",
    [None, "", "short", "x" * 65, "has spaces but is long enough to pass as one"],
    ids=["missing", "empty", "too-short", "too-long", "bad-characters"],
)
def test_a_post_without_a_valid_token_is_refused_and_writes_nothing(client, token):
    data = (
        {"name": "Tanpa kode"} if token is None else {"name": "x", "form_token": token}
    )
    response = client.post(reverse("group-list"), data, HTTP_REFERER="/test-groups/")
    assert response.status_code == 400
    page = response.content.decode()
    assert NO_TOKEN in page
    assert 'href="/test-groups/"' in page
    assert made() == []
    assert not FormSubmission.objects.exists()


def test_the_refusal_page_leads_back_only_to_this_site(client):
    response = client.post(
        reverse("group-list"), {"name": "x"}, HTTP_REFERER="https://evil.example/"
    )
    assert response.status_code == 400
    assert 'href="/"' in response.content.decode()
    assert "evil.example" not in response.content.decode()


def test_a_get_needs_no_token(client):
    assert client.get(reverse("group-list")).content == b"form"


def test_work_that_fails_after_writing_leaves_neither_the_write_nor_the_claim(client):
    with pytest.raises(RuntimeError):
        client.post(reverse("group-fail"), with_token({"name": "Setengah"}))
    assert made() == []
    assert not FormSubmission.objects.exists()


def test_a_token_claimed_by_another_account_is_refused(client, user):
    data = with_token({"name": "Milik Sri"})
    client.post(reverse("group-list"), data)
    other = Client()
    other.force_login(MemberFactory().user)
    other.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = other.post(reverse("group-list"), data)
    assert response.status_code == 400
    assert NO_TOKEN in response.content.decode()
    assert len(made()) == 1


def test_a_token_sent_to_another_form_is_refused(client):
    data = with_token({"name": "Satu"})
    client.post(reverse("group-list"), data)
    response = client.post(reverse("group-or-refuse"), data)
    assert response.status_code == 400
    assert len(made()) == 1


def test_a_post_arriving_while_the_first_is_still_saving_is_told_to_wait(client, user):
    data = with_token({"name": "Kedua"})
    FormSubmission.objects.create(
        token=data["form_token"], user=user, path=reverse("group-list")
    )
    response = client.post(reverse("group-list"), data)
    assert response.status_code == 409
    assert STILL_SAVING in response.content.decode()
    assert made() == []


def test_a_claim_lost_to_a_post_at_the_same_moment_leads_to_the_winners_result(
    client, user, monkeypatch
):
    # The winner committed between this request's first look and its claim.
    data = with_token({"name": "Kalah"})
    FormSubmission.objects.create(
        token=data["form_token"],
        user=user,
        path=reverse("group-list"),
        result_url="/test-groups/7/",
        completed=True,
    )
    looks = []
    real = once._claimed

    def first_look_finds_nothing(token):
        looks.append(token)
        return None if len(looks) == 1 else real(token)

    monkeypatch.setattr(once, "_claimed", first_look_finds_nothing)
    response = client.post(reverse("group-list"), data)
    assert len(looks) == 2
    assert response.status_code == 303
    assert response["Location"] == "/test-groups/7/"
    assert made() == []
    assert FormSubmission.objects.count() == 1


def test_clearformtokens_deletes_only_tokens_older_than_thirty_days(user, capsys):
    old, recent = (
        FormSubmission.objects.create(token=once.new_token(), path="/x/")
        for _ in range(2)
    )
    FormSubmission.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=31)
    )
    FormSubmission.objects.filter(pk=recent.pk).update(
        created_at=timezone.now() - timedelta(days=29)
    )
    call_command("clearformtokens")
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [recent.pk]
    assert "Deleted 1 form tokens older than 30 days." in capsys.readouterr().out


def test_every_page_loads_the_script_that_sends_a_form_once(client):
    page = client.get(reverse("portal:home"), follow=True).content.decode()
    assert re.search(r'<script src="[^"]*js/forms[^"]*\.js" defer></script>', page)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_posts_of_one_token_at_the_same_moment_write_once(role_groups, monkeypatch):
    user = MemberFactory().user
    real_create = Group.objects.create

    def slow_create(**kwargs):
        group = real_create(**kwargs)
        time.sleep(0.5)  # the second post arrives while this one is saving
        return group

    monkeypatch.setattr(Group.objects, "create", slow_create)
    looks = []
    real_claimed = once._claimed

    def counted(token):
        looks.append(token)
        return real_claimed(token)

    monkeypatch.setattr(once, "_claimed", counted)
    data = with_token({"name": "Serentak"})
    start = threading.Barrier(2)
    responses = []

    def post():
        try:
            client = Client()
            client.force_login(user)
            start.wait(timeout=10)
            responses.append(client.post(reverse("group-list"), data))
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    group = Group.objects.get(name=f"{PREFIX}Serentak")
    assert sorted(r.status_code for r in responses) == [302, 303]
    assert {r["Location"] for r in responses} == {
        reverse("group-detail", args=[group.pk])
    }
    # Both looked first and found nothing; the second's claim then met the unique
    # token, waited for the first to commit, and looked again.
    assert len(looks) == 3
