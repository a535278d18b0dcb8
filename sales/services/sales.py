"""Sales: record a draft, post it (number, stock, payment), reverse it."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Availability, Status, Variant

from ..models import (
    EntryStatus,
    Payment,
    Sale,
    SaleLine,
)
from .ledger import check_not_negative, check_reversible, next_number, post_new_entry


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
        if not lines:
            raise ValidationError(_("Add at least one product."), code="no_lines")
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
            if line.quantity is None or line.quantity < 1:
                raise ValidationError(
                    _("The quantity of %(name)s must be at least 1.")
                    % {"name": product.name},
                    code="bad_quantity",
                )
            price = variant.price if line.unit_price is None else line.unit_price
            if price < 0:
                raise ValidationError(
                    _("The price of %(name)s cannot be negative.")
                    % {"name": product.name},
                    code="negative_price",
                )
            prepared.append((variant, line.quantity, price))
        check_not_negative(discount, "discount", _("The discount cannot be negative."))
        check_not_negative(
            shipping_charged, "shipping_charged", _("Shipping cannot be negative.")
        )
        check_not_negative(
            marketplace_fee, "marketplace_fee", _("The fee cannot be negative.")
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
            total=subtotal - discount + shipping_charged - marketplace_fee,
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


def _take_stock(lines) -> None:
    # In variant order, so two sales of the same pieces never wait on each other
    # in a circle.
    for line in sorted(lines, key=lambda line: line.variant_id):
        if not line.takes_stock:
            continue
        taken = Variant.objects.filter(
            pk=line.variant_id, stock__gte=line.quantity
        ).update(stock=F("stock") - line.quantity)
        if taken != 1:
            left = Variant.objects.get(pk=line.variant_id).stock
            raise ValidationError(
                _("Not enough stock of %(item)s: %(left)s left, %(wanted)s sold.")
                % {"item": line.variant, "left": left, "wanted": line.quantity},
                code="insufficient_stock",
            )


def sale_post(*, sale: Sale, posted_by: AbstractBaseUser) -> Sale:
    """Post a draft: it gets its number, takes its stock and is final."""
    with transaction.atomic():
        number = next_number("PJ", sale.date.year)
        now = timezone.now()
        changed = Sale.objects.filter(pk=sale.pk, status=EntryStatus.DRAFT).update(
            status=EntryStatus.POSTED, number=number, posted_at=now, posted_by=posted_by
        )
        if changed != 1:
            raise ValidationError(
                _("This sale is already posted."), code="already_posted"
            )
        lines = list(sale.lines.select_related("variant__product"))
        for line in lines:
            # The product may have been archived while the sale was a draft.
            if line.variant.product.status == Status.ARCHIVED:
                raise ValidationError(
                    _("%(name)s is archived and no longer sold.")
                    % {"name": line.variant.product.name},
                    code="archived_product",
                )
        _take_stock(lines)
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
        lines = list(original.lines.all())
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
        for line in sorted(lines, key=lambda line: line.variant_id):
            if line.takes_stock:
                Variant.objects.filter(pk=line.variant_id).update(
                    stock=F("stock") + line.quantity
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
