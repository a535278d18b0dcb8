"""Stock written by sales and hand-ins matches what they say (kartu stok)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from catalog.models import StockMovement, StockReason
from production.models import HandIn, HandInStatus

from ..models import EntryStatus, Sale, SaleLine

SALE_REASONS = (StockReason.SALE_POSTED, StockReason.SALE_REVERSED)


def _moved(*, source_type: ContentType, source: str, reason: str | None = None):
    """Pieces moved on the line's variant for the source in ``source``."""
    movements = StockMovement.objects.filter(
        source_type=source_type,
        source_id=OuterRef(source),
        variant_id=OuterRef("variant_id"),
    )
    if reason is not None:
        movements = movements.filter(reason=reason)
    return Coalesce(
        Subquery(
            movements.order_by()
            .values("source_id")
            .annotate(total=Sum("quantity"))
            .values("total"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def check_sale_stock() -> list[str]:
    """A posted sale took its pieces once; a reversed one brought them back once."""
    sale_type = ContentType.objects.get_for_model(Sale)
    rows = (
        SaleLine.objects.filter(
            sale__status=EntryStatus.POSTED,
            sale__reverses__isnull=True,
            takes_stock=True,
        )
        .values("sale_id", "variant_id", "sale__number", "variant__sku")
        .annotate(
            sold=Sum("quantity"),
            reversed=Exists(Sale.objects.filter(reverses=OuterRef("sale_id"))),
        )
        .annotate(
            taken=_moved(
                source_type=sale_type,
                source="sale_id",
                reason=StockReason.SALE_POSTED,
            ),
            returned=_moved(
                source_type=sale_type,
                source="sale_id",
                reason=StockReason.SALE_REVERSED,
            ),
        )
        .annotate(
            due_back=Case(
                When(reversed=True, then=F("sold")),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .filter(~Q(taken=-F("sold")) | ~Q(returned=F("due_back")))
        .order_by("sale__number", "variant__sku")
    )
    problems = []
    for row in rows:
        names = {"sale": row["sale__number"], "sku": row["variant__sku"]}
        if row["taken"] != -row["sold"]:
            problems.append(
                _(
                    "Sale %(sale)s, variant %(sku)s: %(sold)s pieces sold, its "
                    "stock movements took %(taken)s."
                )
                % {**names, "sold": row["sold"], "taken": -row["taken"]}
            )
        if row["returned"] != row["due_back"]:
            problems.append(
                _(
                    "Sale %(sale)s, variant %(sku)s: %(due)s pieces due back from "
                    "its reversal, its stock movements brought back %(returned)s."
                )
                % {**names, "due": row["due_back"], "returned": row["returned"]}
            )
    return problems


def check_sale_movements_have_lines() -> list[str]:
    """Every stock movement of a sale belongs to a line of a posted sale."""
    sale_type = ContentType.objects.get_for_model(Sale)
    lines = SaleLine.objects.filter(
        sale_id=OuterRef("source_id"),
        variant_id=OuterRef("variant_id"),
        takes_stock=True,
        sale__status=EntryStatus.POSTED,
        sale__reverses__isnull=True,
    )
    rows = (
        StockMovement.objects.filter(reason__in=SALE_REASONS)
        .filter(
            Q(source_type__isnull=True) | ~Q(source_type=sale_type) | ~Exists(lines)
        )
        .values("source_type", "source_id", "variant__sku", "reason")
        .annotate(
            moved=Sum("quantity"),
            number=Subquery(
                Sale.objects.filter(pk=OuterRef("source_id")).values("number")[:1]
            ),
        )
        .order_by("source_id", "variant__sku")
    )
    problems = []
    for row in rows:
        if row["source_type"] == sale_type.pk and row["number"]:
            sale = row["number"]
        else:
            sale = f"#{row['source_id']}" if row["source_id"] else "-"
        problems.append(
            _(
                "Variant %(sku)s: stock movements of %(moved)+d pieces "
                "(%(reason)s) for sale %(sale)s, which has no such line."
            )
            % {
                "sku": row["variant__sku"],
                "moved": row["moved"],
                "reason": StockReason(row["reason"]).label,
                "sale": sale,
            }
        )
    return problems


def check_hand_in_stock() -> list[str]:
    """An accepted hand-in brought its pieces in once; any other none."""
    hand_in_type = ContentType.objects.get_for_model(HandIn)
    rows = (
        HandIn.objects.annotate(
            moved=_moved(source_type=hand_in_type, source="pk"),
            elsewhere=Exists(
                StockMovement.objects.filter(
                    source_type=hand_in_type, source_id=OuterRef("pk")
                ).exclude(variant_id=OuterRef("variant_id"))
            ),
            due=Case(
                When(status=HandInStatus.ACCEPTED, then=F("quantity")),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .filter(~Q(moved=F("due")) | Q(elsewhere=True))
        .order_by("pk")
        .values_list(
            "pk", "status", "quantity", "variant__sku", "moved", "due", "elsewhere"
        )
    )
    problems = []
    for pk, status, quantity, sku, moved, due, elsewhere in rows:
        names = {
            "id": pk,
            "status": HandInStatus(status).label,
            "quantity": quantity,
            "sku": sku,
        }
        if moved != due:
            problems.append(
                _(
                    "Hand-in #%(id)s (%(status)s, %(quantity)s pieces of %(sku)s): "
                    "its stock movements add up to %(moved)s, not %(due)s."
                )
                % {**names, "moved": moved, "due": due}
            )
        if elsewhere:
            problems.append(
                _(
                    "Hand-in #%(id)s (%(status)s, %(quantity)s pieces of %(sku)s): "
                    "it moved the stock of another variant."
                )
                % names
            )
    return problems
