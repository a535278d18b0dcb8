"""Writes of the order requests: a customer asks, an admin makes a sale or closes."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Status, Variant
from sales.models import Sale, SalesChannel
from sales.services import LineInput, sale_create

from ..models import OrderRequest, OrderStatus

# Pieces in one request; more is a conversation, not a form.
MAX_QUANTITY = 99


def order_request_create(
    *, variant: Variant, name: str, whatsapp: str, quantity: int, note: str = ""
) -> OrderRequest:
    """A pending request at the variant's price of this moment."""
    if not 1 <= quantity <= MAX_QUANTITY:
        raise ValidationError(
            {
                "quantity": ValidationError(
                    _("From 1 to %(max)s pieces in one request."),
                    code="bad_quantity",
                    params={"max": MAX_QUANTITY},
                )
            }
        )
    with transaction.atomic():
        # The price and status as they are now, not as the page read them.
        current = (
            Variant.objects.select_related("product")
            .filter(pk=variant.pk, product__status=Status.PUBLISHED)
            .first()
        )
        if current is None:
            raise ValidationError(
                _("This product is no longer in the shop."), code="not_in_shop"
            )
        order = OrderRequest(
            name=name.strip(),
            whatsapp=whatsapp,
            variant=current,
            quantity=quantity,
            note=note.strip(),
            unit_price=current.price,
        )
        order.full_clean()
        order.save()
        return order


def _lock_pending(order: OrderRequest) -> OrderRequest:
    """The request, locked until the transaction ends; refused unless pending.

    Two admins (or two taps) at once: the second waits for the first, then
    finds the request handled.
    """
    locked = OrderRequest.objects.select_for_update().get(pk=order.pk)
    if locked.status != OrderStatus.PENDING:
        if locked.status == OrderStatus.CONVERTED:
            message = _("This request was already made into a sale.")
        else:
            message = _("This request was already closed.")
        raise ValidationError(message, code="already_handled")
    return locked


def _sale_note(order: OrderRequest) -> str:
    lines = [_("Order request #%(number)s from the shop.") % {"number": order.pk}]
    if order.note:
        lines.append(order.note)
    return "\n".join(lines)


def order_request_convert(
    *, order: OrderRequest, by: AbstractBaseUser
) -> tuple[OrderRequest, Sale]:
    """A draft sale on the shop's channel at the price the customer was shown."""
    with transaction.atomic():
        locked = _lock_pending(order)
        sale = sale_create(
            date=timezone.localdate(),
            channel=SalesChannel.STOREFRONT,
            lines=[
                LineInput(
                    variant_id=locked.variant_id,
                    quantity=locked.quantity,
                    unit_price=locked.unit_price,
                )
            ],
            recorded_by=by,
            customer_name=locked.name,
            customer_whatsapp=locked.whatsapp,
            note=_sale_note(locked),
        )
        locked.sale = sale
        locked.status = OrderStatus.CONVERTED
        locked.handled_by = by
        locked.handled_at = timezone.now()
        locked.save(update_fields=["sale", "status", "handled_by", "handled_at"])
        return locked, sale


def order_request_close(*, order: OrderRequest, by: AbstractBaseUser) -> OrderRequest:
    """Answered without a sale: the customer changed her mind, or no reply."""
    with transaction.atomic():
        locked = _lock_pending(order)
        locked.status = OrderStatus.CLOSED
        locked.handled_by = by
        locked.handled_at = timezone.now()
        locked.save(update_fields=["status", "handled_by", "handled_at"])
        return locked
