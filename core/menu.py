"""A link on a home page: each app offers its own, the portal puts them together."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Action:
    url: str
    title: str
    text: str


def action(url_name: str, title, text) -> Action:
    return Action(url=reverse(url_name), title=title, text=text)
