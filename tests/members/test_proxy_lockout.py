"""The login lockout counts the real visitor's address, also behind a proxy.

Nobody can lock out another member by sending her address in X-Forwarded-For,
nor escape her own lock by changing what she sends there.
"""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from core.middleware import client_ip
from tests.members.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("members:login")
PROXY = "10.0.0.1"
VICTIM = "203.0.113.7"
ATTACKER = "198.51.100.9"


def attempt(client, username, password, remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def logged_in(client, member) -> bool:
    return client.session.get("_auth_user_id") == str(member.user.pk)


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.PROXY_COUNT = 1
    return settings


def test_without_a_proxy_a_forged_header_does_not_lock_out_the_real_address(client):
    member = MemberFactory()
    for _ in range(5):
        attempt(client, member.user.username, "salah-sandi", ATTACKER, VICTIM)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    response = attempt(client, member.user.username, PASSWORD, VICTIM)
    assert response.status_code == 302
    assert logged_in(client, member)


def test_without_a_proxy_changing_the_header_does_not_escape_the_lock(client):
    member = MemberFactory()
    for number in range(5):
        forged = f"192.0.2.{number}"
        attempt(client, member.user.username, "salah-sandi", ATTACKER, forged)
    response = attempt(client, member.user.username, PASSWORD, ATTACKER, "192.0.2.99")
    assert response.status_code == 429
    assert not logged_in(client, member)


def test_behind_a_proxy_a_forged_header_does_not_lock_out_the_real_address(
    client, behind_proxy
):
    member = MemberFactory()
    # The attacker writes the victim's address; the proxy appends the attacker's.
    for _ in range(5):
        attempt(
            client, member.user.username, "salah-sandi", PROXY, f"{VICTIM}, {ATTACKER}"
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    response = attempt(client, member.user.username, PASSWORD, PROXY, VICTIM)
    assert response.status_code == 302
    assert logged_in(client, member)


def test_behind_a_proxy_the_locked_address_stays_locked_whatever_it_forges(
    client, behind_proxy
):
    member = MemberFactory()
    for number in range(5):
        forged = f"192.0.2.{number}, {ATTACKER}"
        attempt(client, member.user.username, "salah-sandi", PROXY, forged)
    response = attempt(
        client, member.user.username, PASSWORD, PROXY, f"{VICTIM}, {ATTACKER}"
    )
    assert response.status_code == 429
    assert not logged_in(client, member)


def test_behind_a_proxy_the_real_address_locked_does_not_lock_another_visitor(
    client, behind_proxy
):
    member = MemberFactory()
    for _ in range(5):
        attempt(client, member.user.username, "salah-sandi", PROXY, VICTIM)
    # Every visitor arrives from the proxy's address; only the header tells them apart.
    response = attempt(client, member.user.username, PASSWORD, PROXY, ATTACKER)
    assert response.status_code == 302
    assert logged_in(client, member)


def test_behind_two_proxies_the_address_the_first_proxy_saw_counts(
    client, behind_proxy
):
    behind_proxy.PROXY_COUNT = 2
    member = MemberFactory()
    # visitor's own words, then what the outer proxy saw, then the outer proxy.
    for _ in range(5):
        forwarded = f"{VICTIM}, {ATTACKER}, 10.0.0.2"
        attempt(client, member.user.username, "salah-sandi", PROXY, forwarded)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    response = attempt(
        client, member.user.username, PASSWORD, PROXY, f"{VICTIM}, 10.0.0.2"
    )
    assert response.status_code == 302


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_address_is_the_connections_own(settings):
    settings.BEHIND_PROXY = False
    assert client_ip(request_from(ATTACKER, VICTIM)) == ATTACKER


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, f"{VICTIM}, {ATTACKER}", ATTACKER),
        (1, ATTACKER, ATTACKER),
        (2, f"{VICTIM}, {ATTACKER}, 10.0.0.2", ATTACKER),
        # Fewer entries than proxies: the farthest any proxy saw.
        (2, ATTACKER, ATTACKER),
        # No header at all: the proxy itself.
        (1, None, PROXY),
        # What a proxy appended is not an address: the proxy itself.
        (1, "not-an-address", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_proxies_the_visitor_is_counted_from_the_right(
    settings, count, forwarded, expected
):
    settings.BEHIND_PROXY = True
    settings.PROXY_COUNT = count
    assert client_ip(request_from(PROXY, forwarded)) == expected


def test_axes_asks_the_portal_for_the_address(settings):
    assert settings.AXES_CLIENT_IP_CALLABLE == "core.middleware.client_ip"
