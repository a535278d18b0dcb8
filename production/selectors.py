"""Reads of production: earnings, pieces per month, progress against targets.

Earnings count in the month the pieces were accepted (when they are paid for);
pieces per month count in the month they were made.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    DateField,
    Exists,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.utils import timezone

from catalog.models import Product, ProductPhoto, Status
from core.periods import month_start, months_back
from members.models import Member

from .models import HandIn, HandInStatus, PieceRate, ProductionTarget


def _local_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


# Months compared one by one; older moments take TruncMonth's slower way.
RECENT_MONTHS = 24


def _local_month(field: str) -> Case:
    """The first day of the local month a moment falls in, as a date.

    For the recent months the bounds are worked out here, in the co-op's time
    zone, and the database only compares moments: SQLite would otherwise call
    back into Python for every row to shift its time zone (TruncMonth), which was
    most of the wages page's time. Newest month first, as most rows are recent.
    """
    tz = _local_tz()
    start = months_back(timezone.localdate(), -1)  # next month: clocks may differ
    whens = []
    for _ in range(RECENT_MONTHS + 1):
        ends = datetime.combine(months_back(start, -1), time.min, tzinfo=tz)
        begins = datetime.combine(start, time.min, tzinfo=tz)
        whens.append(
            When(**{f"{field}__gte": begins, f"{field}__lt": ends}, then=Value(start))
        )
        start = months_back(start, 1)
    return Case(
        *whens,
        # A date on every database (PostgreSQL's DATE_TRUNC gives a timestamp).
        default=Cast(
            TruncMonth(field, output_field=DateField(), tzinfo=tz), DateField()
        ),
        output_field=DateField(),
    )


def earnings_by_month(*, member: Member | None = None) -> QuerySet:
    """Accepted pieces × the rate recorded at acceptance, per member and month.

    ``month`` is the first day of the month (a date) the pieces were accepted in.
    """
    rows = HandIn.objects.accepted()
    if member is not None:
        rows = rows.filter(member=member)
    return (
        rows.annotate(month=_local_month("reviewed_at"))
        .values("month", "member_id", "member__full_name")
        .annotate(
            pieces=Sum("quantity"),
            # In 64 bits: PostgreSQL multiplies 32-bit columns in 32.
            amount=Sum(
                Cast("quantity", BigIntegerField())
                * Cast("piece_rate", BigIntegerField())
            ),
        )
        .order_by("-month", "member__full_name")
    )


def member_pieces_by_month(*, member: Member, months: int = 12) -> list[dict]:
    """Accepted and rejected pieces per month made, newest first."""
    since = months_back(timezone.localdate(), months - 1)
    rows = (
        HandIn.objects.filter(member=member, made_on__gte=since)
        .annotate(month=TruncMonth("made_on"))
        .values("month")
        .annotate(
            accepted=Coalesce(
                Sum("quantity", filter=Q(status=HandInStatus.ACCEPTED)), 0
            ),
            rejected=Coalesce(
                Sum("quantity", filter=Q(status=HandInStatus.REJECTED)), 0
            ),
        )
        .order_by("-month")
    )
    return [
        {
            "month": row["month"],
            "accepted": row["accepted"],
            "rejected": row["rejected"],
        }
        for row in rows
    ]


def member_hand_ins(*, member: Member) -> QuerySet:
    return HandIn.objects.of_member(member).select_related(
        "product", "variant__product"
    )


def pending_hand_ins() -> QuerySet:
    """Waiting hand-ins, oldest first; ``has_rate``: a piece rate is in force."""
    rates = PieceRate.objects.filter(
        product=OuterRef("product"), valid_from__lte=timezone.now()
    )
    return (
        HandIn.objects.pending()
        .select_related("member", "product", "variant__product", "photo")
        .annotate(has_rate=Exists(rates))
        .order_by("submitted_at", "id")
    )


@dataclass
class TargetProgress:
    target: ProductionTarget
    accepted: int

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.accepted / self.target.quantity))

    @property
    def reached(self) -> bool:
        return self.accepted >= self.target.quantity


def target_progress(*, month: date) -> list[TargetProgress]:
    """Each target of the month with the accepted pieces made that month."""
    month = month_start(month)
    next_month = months_back(month, -1)
    targets = list(
        ProductionTarget.objects.filter(month=month).select_related("product", "member")
    )
    made = (
        HandIn.objects.accepted()
        .filter(made_on__gte=month, made_on__lt=next_month)
        .values("product_id", "member_id")
        .annotate(pieces=Sum("quantity"))
    )
    by_member = {(r["product_id"], r["member_id"]): r["pieces"] for r in made}
    by_product: dict[int, int] = {}
    for (product_id, _member_id), pieces in by_member.items():
        by_product[product_id] = by_product.get(product_id, 0) + pieces
    return [
        TargetProgress(
            target=target,
            accepted=by_member.get((target.product_id, target.member_id), 0)
            if target.member_id
            else by_product.get(target.product_id, 0),
        )
        for target in targets
    ]


def pending_count() -> int:
    return HandIn.objects.pending().aggregate(n=Count("id"))["n"]


def recently_reviewed_hand_ins(*, since, limit: int = 10):
    """Hand-ins checked since ``since``, newest first: the ones that may be undone."""
    return (
        HandIn.objects.filter(reviewed_at__gte=since)
        .exclude(status=HandInStatus.SUBMITTED)
        .select_related("member", "variant__product")
        .order_by("-reviewed_at", "-id")[:limit]
    )


# What a product tile on the hand-in chooser shows: name, SKU and one photo.
_TILE_FIELDS = ("pk", "name", "sku")


def _with_first_photo_id(products: QuerySet) -> QuerySet:
    first = ProductPhoto.objects.filter(product=OuterRef("pk")).order_by(
        "position", "id"
    )
    return products.only(*_TILE_FIELDS).annotate(
        tile_photo_id=Subquery(first.values("id")[:1])
    )


def products_for_hand_in(*, query: str = "", exclude_pks=()) -> QuerySet:
    """Products still made, in catalogue order; ``query`` searches name and SKU."""
    products = Product.objects.exclude(status=Status.ARCHIVED).order_by(
        "category__position", "name", "pk"
    )
    if query:
        products = products.filter(Q(name__icontains=query) | Q(sku__icontains=query))
    if exclude_pks:
        products = products.exclude(pk__in=exclude_pks)
    return _with_first_photo_id(products)


def products_recently_handed_in(*, member: Member, limit: int = 6) -> list[Product]:
    """The products ``member`` handed in last, newest first, still made."""
    products = (
        Product.objects.exclude(status=Status.ARCHIVED)
        .filter(hand_ins__member=member)
        .annotate(last_hand_in=Max("hand_ins__submitted_at"))
        .order_by("-last_hand_in", "pk")
    )
    return list(_with_first_photo_id(products)[:limit])


def with_tile_photo(products: list[Product]) -> list[Product]:
    """Give each product its first photo as ``tile_photo`` (or None), in one query."""
    ids = [p.tile_photo_id for p in products if p.tile_photo_id is not None]
    photos = ProductPhoto.objects.only("id", "renditions", "alt_text").in_bulk(ids)
    for product in products:
        product.tile_photo = photos.get(product.tile_photo_id)
    return products
