"""Demo hand-ins in every status, piece rates and targets (called by seed_demo)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from catalog.models import Product
from core.periods import month_start
from demo.catalog import demo_photo
from members.models import Member
from production.models import HandIn, ProductionTarget
from production.services import (
    hand_in_accept,
    hand_in_reject,
    hand_in_submit,
    piece_rate_set,
)


def seed_production() -> None:
    if HandIn.objects.exists():
        return
    admin = get_user_model().objects.filter(username="pengurus").first()
    products = list(Product.objects.order_by("sku").prefetch_related("variants")[:6])
    members = list(Member.objects.filter(user__groups__name="Anggota")[:4])
    if not products or not members or admin is None:
        return
    start = timezone.now() - timedelta(days=90)
    for product in products:
        piece_rate_set(
            product=product,
            rate=product.price * 3 // 10 // 1000 * 1000,  # ~30 %, whole thousands
            set_by=admin,
            valid_from=start,
        )
    today = timezone.localdate()
    for month_offset, product in enumerate(products[:3]):
        ProductionTarget.objects.create(
            month=month_start(today), product=product, quantity=10 + 5 * month_offset
        )
    plan = [
        # member index, product index, quantity, days ago, outcome
        (0, 0, 3, 20, "A"),
        (1, 1, 5, 15, "B"),
        (2, 2, 2, 10, "reject"),
        (0, 3, 4, 6, "A"),
        (3, 4, 1, 3, None),
        (1, 0, 2, 1, None),
        (2, 5, 6, 2, "C"),
    ]
    for member_index, product_index, quantity, days_ago, outcome in plan:
        member = members[member_index % len(members)]
        product = products[product_index % len(products)]
        hand_in = hand_in_submit(
            member=member,
            product=product,
            variant=product.variants.all()[0],
            quantity=quantity,
            made_on=today - timedelta(days=days_ago),
            submitted_by=member.user,
            note="",
            photo=demo_photo((120, 90, 160), seed=days_ago) if not outcome else None,
        )
        if outcome == "reject":
            hand_in_reject(
                hand_in=hand_in,
                reason="Jahitan di bagian tali kurang rapat; rapikan lalu setor lagi.",
                reviewed_by=admin,
            )
        elif outcome:
            hand_in_accept(hand_in=hand_in, grade=outcome, reviewed_by=admin)
