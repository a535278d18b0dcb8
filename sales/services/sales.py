"""Sales: record a draft, post it (number, stock, payment), reverse it."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Availability, Status, StockReason, Variant
from catalog.stock import stock_add_many, stock_take_many
from core.periods import check_recorded_date

from ..models import (
    EntryStatus,
    Payment,
    Sale,
    SaleLine,
)
from ..rules import check_line, check_line_count, check_sum, check_total
from .ledger import check_reversible, next_number, post_new_entry


@dataclass(frozen=True)
class LineInput:
    variant_id: int
    quantity: int
    unit_price: int | None = None  # None: the variant's current price


def sale_create(
    *,
    date: date,
    channel: str,
    lines: Sequence[LineInput],
    recorded_by: AbstractBaseUser,
    discount: int = 0,
    shipping_charged: int = 0,
    marketplace_fee: int = 0,
    customer_name: str = "",
    customer_whatsapp: str = "",
    due_date: date | None = None,
    note: str = "",
) -> Sale:
    """A draft sale; ``due_date`` set means not paid yet (belum lunas)."""
    with transaction.atomic():
        check_recorded_date(date, field="date")
        check_line_count(len(lines))
        variants = Variant.objects.select_related("product").in_bulk(
            [line.variant_id for line in lines]
        )
        prepared = []
        for line in lines:
            variant = variants.get(line.variant_id)
            if variant is None:
                raise ValidationError(_("Unknown product."), code="unknown_product")
            product = variant.product
            if product.status == Status.ARCHIVED:
                raise ValidationError(
                    _("%(name)s is archived and no longer sold.")
                    % {"name": product.name},
                    code="archived_product",
                )
            price = variant.price if line.unit_price is None else line.unit_price
            check_line(name=product.name, quantity=line.quantity, price=price)
            prepared.append((variant, line.quantity, price))
        check_sum(
            discount,
            field="discount",
            negative_message=_("The discount cannot be negative."),
        )
        check_sum(
            shipping_charged,
            field="shipping_charged",
            negative_message=_("Shipping cannot be negative."),
        )
        check_sum(
            marketplace_fee,
            field="marketplace_fee",
            negative_message=_("The fee cannot be negative."),
        )
        subtotal = sum(quantity * price for _variant, quantity, price in prepared)
        if discount > subtotal:
            raise ValidationError(
                {
                    "discount": ValidationError(
                        _("The discount is larger than the goods' total."),
                        code="discount_too_large",
                    )
                }
            )
        total = subtotal - discount + shipping_charged - marketplace_fee
        check_total(subtotal=subtotal, total=total)
        if due_date is not None and due_date < date:
            raise ValidationError(
                {
                    "due_date": ValidationError(
                        _("The payment due date is before the sale date."),
                        code="due_before_sale",
                    )
                }
            )
        sale = Sale(
            date=date,
            channel=channel,
            customer_name=customer_name.strip(),
            customer_whatsapp=customer_whatsapp,
            subtotal=subtotal,
            discount=discount,
            shipping_charged=shipping_charged,
            marketplace_fee=marketplace_fee,
            total=total,
            due_date=due_date,
            note=note.strip(),
            created_by=recorded_by,
        )
        sale.full_clean(exclude=["number", "created_by"])
        sale.save()
        SaleLine.objects.bulk_create(
            SaleLine(
                sale=sale,
                product=variant.product,
                variant=variant,
                quantity=quantity,
                unit_price=price,
                line_total=quantity * price,
                unit_cost=variant.product.material_cost,
                takes_stock=variant.product.availability != Availability.PREORDER,
            )
            for variant, quantity, price in prepared
        )
        return sale


def _take_stock(lines, *, sale: Sale, posted_by: AbstractBaseUser) -> None:
    # Catalog takes the pieces in variant order (no two sales wait on each other
    # in a circle) and books them on the stock cards; pre-orders take none.
    stock_take_many(
        items=[(line.variant_id, line.quantity) for line in lines if line.takes_stock],
        reason=StockReason.SALE_POSTED,
        source=sale,
        by=posted_by,
    )


def sale_post(*, sale: Sale, posted_by: AbstractBaseUser) -> Sale:
    """Post a draft: it gets its number, takes its stock and is final."""
    with transaction.atomic():
        # Only this draft is locked: posts of other sales go on at the same time.
        draft = (
            Sale.objects.select_for_update()
            .filter(pk=sale.pk, status=EntryStatus.DRAFT)
            .first()
        )
        if draft is None:
            raise ValidationError(
                _("This sale is already posted."), code="already_posted"
            )
        # A draft kept from before dates were checked: never numbered PJ-2099.
        check_recorded_date(draft.date, field="date")
        lines = list(draft.lines.select_related("variant__product"))
        for line in lines:
            # The product may have been archived while the sale was a draft.
            if line.variant.product.status == Status.ARCHIVED:
                raise ValidationError(
                    _("%(name)s is archived and no longer sold.")
                    % {"name": line.variant.product.name},
                    code="archived_product",
                )
        # Stock before the number: the conditional update alone decides who
        # gets the last pieces (the number sequence would line posts up), and
        # every writer locks variants before the sequence, so none deadlock.
        _take_stock(lines, sale=draft, posted_by=posted_by)
        Sale.objects.filter(pk=draft.pk).update(
            status=EntryStatus.POSTED,
            number=next_number("PJ", draft.date.year),
            posted_at=timezone.now(),
            posted_by=posted_by,
        )
        sale = Sale.objects.get(pk=sale.pk)
        if sale.due_date is None and sale.total > 0:
            # No due date: paid in full at the sale (lunas).
            Payment.objects.create(
                sale=sale,
                date=sale.date,
                amount=sale.total,
                note=_("Paid at sale"),
                recorded_by=posted_by,
            )
        return sale


def sale_reverse(*, sale: Sale, reversed_by: AbstractBaseUser, reason: str) -> Sale:
    """Cancel a posted sale with an opposite entry; the stock comes back."""
    with transaction.atomic():
        original = Sale.objects.select_for_update().get(pk=sale.pk)
        check_reversible(original, Sale)
        lines = list(original.lines.all())
        # The pieces come back before the reversal takes its number: variants
        # are locked before the number sequence, as in sale_post (no deadlock).
        stock_add_many(
            items=[
                (line.variant_id, line.quantity) for line in lines if line.takes_stock
            ],
            reason=StockReason.SALE_REVERSED,
            source=original,
            by=reversed_by,
        )
        reversal = Sale(
            date=timezone.localdate(),
            channel=original.channel,
            customer_name=original.customer_name,
            customer_whatsapp=original.customer_whatsapp,
            subtotal=-original.subtotal,
            discount=-original.discount,
            shipping_charged=-original.shipping_charged,
            marketplace_fee=-original.marketplace_fee,
            total=-original.total,
            note=reason.strip(),
            reverses=original,
            created_by=reversed_by,
        )
        post_new_entry(reversal, "PJ", reversed_by)
        SaleLine.objects.bulk_create(
            SaleLine(
                sale=reversal,
                product_id=line.product_id,
                variant_id=line.variant_id,
                quantity=-line.quantity,
                unit_price=line.unit_price,
                line_total=-line.line_total,
                unit_cost=line.unit_cost,
                takes_stock=line.takes_stock,
            )
            for line in lines
        )
        return reversal


def sale_record(*, post: bool, recorded_by: AbstractBaseUser, **details: Any) -> Sale:
    """Record a sale from the form in one go: a draft, or posted at once.

    Posting in the same transaction means a sale that cannot be posted (not
    enough stock, say) leaves nothing behind; the form keeps what was typed.
    ``details`` are those of ``sale_create``.
    """
    with transaction.atomic():
        sale = sale_create(recorded_by=recorded_by, **details)
        if post:
            sale = sale_post(sale=sale, posted_by=recorded_by)
        return sale
