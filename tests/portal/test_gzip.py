"""Portal pages travel compressed to phones that ask for it, and stay private."""

import gzip

import pytest
from django.test import Client
from django.urls import reverse

from members.roles import Role
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def logged_in(role) -> Client:
    client = Client()
    client.force_login(MemberFactory(role=role).user)
    return client


def test_the_hand_in_chooser_is_sent_gzipped_when_the_phone_accepts_it(role_groups):
    for index in range(30):
        ProductFactory(name=f"Tas Rajut Nomor {index}")
    client = logged_in(Role.MEMBER)
    url = reverse("production:submit-choose")

    plain = client.get(url)
    packed = client.get(url, headers={"accept-encoding": "gzip, deflate, br"})

    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content)
    assert b"Tas Rajut Nomor 29" in html
    assert len(packed.content) < len(html) / 3


def test_the_admin_home_is_sent_gzipped(role_groups):
    client = logged_in(Role.ADMIN)

    response = client.get(reverse("portal:home"), headers={"accept-encoding": "gzip"})

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content).lstrip().lower().startswith(b"<!doctype")
