from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.members.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("members:login")


def attempt(client, username, password, ip="10.1.2.3"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def lock_out(client, username, ip="10.1.2.3"):
    for _ in range(5):
        attempt(client, username, "salah-sandi", ip)


def test_four_wrong_passwords_do_not_lock(client):
    member = MemberFactory()
    for _ in range(4):
        attempt(client, member.user.username, "salah-sandi")
    response = attempt(client, member.user.username, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.user.pk)


def test_fifth_wrong_password_shows_the_lockout_page_in_indonesian(client):
    member = MemberFactory()
    for _ in range(4):
        attempt(client, member.user.username, "salah-sandi")
    response = attempt(client, member.user.username, "salah-sandi")
    assert response.status_code == 429
    assert "dikunci selama 15 menit" in response.content.decode()


def test_right_password_is_refused_after_five_wrong_ones(client):
    member = MemberFactory()
    lock_out(client, member.user.username)
    response = attempt(client, member.user.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_another_user_on_the_same_address_still_logs_in(client):
    locked = MemberFactory()
    other = MemberFactory()
    lock_out(client, locked.user.username)
    response = attempt(client, other.user.username, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.user.pk)


def test_same_user_from_another_address_still_logs_in(client):
    member = MemberFactory()
    lock_out(client, member.user.username, ip="10.1.2.3")
    response = attempt(client, member.user.username, PASSWORD, ip="10.9.9.9")
    assert response.status_code == 302


def test_lock_is_released_after_fifteen_minutes(client):
    member = MemberFactory()
    lock_out(client, member.user.username)
    # Move the failures 16 minutes into the past instead of waiting.
    for row in AccessAttempt.objects.all():
        row.attempt_time -= timedelta(minutes=16)
        row.save()
    response = attempt(client, member.user.username, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.user.pk)


def test_lock_holds_at_fourteen_minutes(client):
    member = MemberFactory()
    lock_out(client, member.user.username)
    for row in AccessAttempt.objects.all():
        row.attempt_time -= timedelta(minutes=14)
        row.save()
    response = attempt(client, member.user.username, PASSWORD)
    assert response.status_code == 429
