"""Earnings count in the local (Asia/Jakarta) month the pieces were accepted in.

The recent months are worked out by comparing moments, older ones by the
database's own month truncation; both must name the same month as the calendar
on the wall of the village hall.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from members.roles import Role
from production.models import HandIn
from production.selectors import RECENT_MONTHS, earnings_by_month
from production.services import hand_in_accept
from tests.catalog.factories import ProductFactory
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN).user


def first_of_month(months_ago: int) -> datetime:
    """Midnight in Jakarta on the first of a month this many months ago."""
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - months_ago
    return datetime(index // 12, index % 12 + 1, 1, tzinfo=JAKARTA)


def moments() -> list[tuple[str, datetime]]:
    cases = []
    for months_ago in (0, 1, 5, RECENT_MONTHS, RECENT_MONTHS + 1, 40):
        start = first_of_month(months_ago)
        cases += [
            (f"{months_ago} months ago, first moment", start),
            (f"{months_ago} months ago, last moment before", start - timedelta(0, 1)),
            # 23:30 UTC the day before is already the 1st in Jakarta (UTC+7).
            (f"{months_ago} months ago, 06:30 WIB", start + timedelta(hours=6.5)),
        ]
    return cases


@pytest.mark.parametrize(("name", "moment"), moments(), ids=[n for n, _ in moments()])
def test_a_piece_counts_in_the_month_it_was_accepted_in_jakarta(admin, name, moment):
    product = ProductFactory()
    set_rate(product, 10_000, days_ago=2000)
    hand_in = make_hand_in(product=product, quantity=3)
    hand_in_accept(hand_in=hand_in, grade="A", reviewed_by=admin)
    HandIn.objects.filter(pk=hand_in.pk).update(reviewed_at=moment)

    [row] = list(earnings_by_month())

    assert row["month"] == moment.astimezone(JAKARTA).date().replace(day=1)
    assert (row["pieces"], row["amount"]) == (3, 30_000)
