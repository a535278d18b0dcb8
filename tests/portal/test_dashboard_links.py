"""Every figure on the admin's dashboard opens the page behind it."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from members.roles import Role
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

VOID = {"img", "input", "br", "hr", "meta", "link", "source", "wbr"}


class Figures(HTMLParser):
    """The dashboard's figures, each with the link around it (or None)."""

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, dict]] = []
        self.figures: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "dash-value" in (attrs.get("class") or "").split():
            links = [a.get("href") for t, a in self.open if t == "a"]
            self.figures.append(links[-1] if links else None)
        if tag not in VOID:
            self.open.append((tag, attrs))

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break


def test_every_figure_tile_on_the_dashboard_is_a_link(role_groups):
    client = Client()
    client.force_login(MemberFactory(role=Role.ADMIN).user)

    parser = Figures()
    parser.feed(client.get(reverse("portal:home")).content.decode())

    assert len(parser.figures) >= 4
    assert None not in parser.figures, parser.figures
    assert reverse("sales:sale-list") in parser.figures
