"""What the order pages read: a fixed number of queries, however many requests."""

import re

from django.db.models import Q, QuerySet

from catalog.models import Status, Variant

from ..models import OrderRequest, OrderStatus


def orderable_variant(variant_id: int) -> Variant | None:
    """A variant of a published product, with its product: one query."""
    return (
        Variant.objects.select_related("product")
        .filter(pk=variant_id, product__status=Status.PUBLISHED)
        .first()
    )


def _phone_digits(query: str) -> str:
    """A typed number (``0812-3456``, ``+62 812 34``) as stored after 62: ``81234...``.

    ``""`` when the query is not only digits and the signs numbers are written with.
    """
    if not re.fullmatch(r"\+?[\d\s\-.()]+", query):
        return ""
    digits = re.sub(r"\D", "", query)
    if query.startswith("+"):
        digits = digits.removeprefix("62")
    return digits.removeprefix("0")


def order_request_list(*, status: str = "", query: str = "") -> QuerySet[OrderRequest]:
    """Newest first, with what a row shows; ``status`` "" is every status.

    A query of digits looks for the WhatsApp number; words look for the name,
    the product, its SKU and options, each word somewhere.
    """
    requests = OrderRequest.objects.select_related("variant__product")
    if status:
        requests = requests.filter(status=status)
    query = query.strip()
    digits = _phone_digits(query)
    if digits:
        return requests.filter(whatsapp__contains=digits).order_by("-created_at", "-id")
    for word in query.split():
        requests = requests.filter(
            Q(name__icontains=word)
            | Q(variant__product__name__icontains=word)
            | Q(variant__sku__icontains=word)
            | Q(variant__option1__icontains=word)
            | Q(variant__option2__icontains=word)
        )
    return requests.order_by("-created_at", "-id")


def order_request_detail(pk: int) -> OrderRequest | None:
    return (
        OrderRequest.objects.select_related(
            "variant__product", "sale", "handled_by__member"
        )
        .filter(pk=pk)
        .first()
    )


def pending_count() -> int:
    """Requests waiting for an answer: one query."""
    return OrderRequest.objects.filter(status=OrderStatus.PENDING).count()
