from datetime import timedelta

from django.utils import timezone

from members.roles import Role
from production.models import HandIn
from production.services import hand_in_submit, piece_rate_set
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory


def make_hand_in(
    *, member=None, product=None, quantity=2, days_ago=1, **kwargs
) -> HandIn:
    """A hand-in waiting for its check, made through the members' own service."""
    member = member or MemberFactory(role=Role.MEMBER)
    product = product or ProductFactory(stock=0)
    return hand_in_submit(
        member=member,
        product=product,
        variant=product.variants.all()[0],
        quantity=quantity,
        made_on=timezone.localdate() - timedelta(days=days_ago),
        submitted_by=member.user,
        **kwargs,
    )


def set_rate(product, rate, *, days_ago=30):
    return piece_rate_set(
        product=product,
        rate=rate,
        set_by=None,
        valid_from=timezone.now() - timedelta(days=days_ago),
    )
