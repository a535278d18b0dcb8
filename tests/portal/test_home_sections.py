"""The home page groups what each role can do, her own work first."""

import re

import pytest
from django.urls import reverse

from members.roles import Role
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _sections(client, role):
    member = MemberFactory(role=role)
    client.force_login(member.user)
    page = client.get(reverse("portal:home")).content.decode()
    return re.findall(
        r'<h3 class="h6 action-section-title"[^>]*>([^<]+)</h3>', page
    ), page


def test_a_trainer_sees_her_training_first_and_the_targets(client, role_groups):
    titles, page = _sections(client, Role.TRAINER)
    assert titles[0] == "Pelatihan"
    assert reverse("production:targets") in page
    assert reverse("production:review") not in page


def test_an_admin_sees_her_work_in_groups(client, role_groups):
    titles, page = _sections(client, Role.ADMIN)
    assert titles[:6] == [
        "Pekerjaan saya",
        "Penjualan",
        "Toko online",
        "Ekspor",
        "Produksi",
        "Pelatihan",
    ]
    assert titles[-1] == "Akun"


def test_a_member_sees_her_own_work_and_her_account(client, role_groups):
    titles, _page = _sections(client, Role.MEMBER)
    assert titles == ["Pekerjaan saya", "Akun"]


def test_waiting_hand_ins_lead_the_dashboard_and_wages_link_to_their_page(
    client, role_groups
):
    from tests.production.factories import make_hand_in

    _titles, page = _sections(client, Role.ADMIN)
    assert "dash-first" not in page
    assert f'href="{reverse("sales:wages")}"' in page
    make_hand_in()
    page = client.get(reverse("portal:home")).content.decode()
    assert 'dash-attention dash-first" href="/produksi/periksa/"' in page
