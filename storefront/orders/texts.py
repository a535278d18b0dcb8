"""The WhatsApp messages about an order request, prefilled for one tap."""

from django.utils.translation import gettext as _

from core.money import format_rupiah

from ..models import OrderRequest


def item_line(order: OrderRequest) -> str:
    """``2 × Tas Rajut Mawar (Merah / M)``."""
    variant = order.variant
    options = " / ".join(o for o in (variant.option1, variant.option2) if o)
    name = variant.product.name + (f" ({options})" if options else "")
    return f"{order.quantity} × {name}"


def customer_message(order: OrderRequest) -> str:
    """What the customer sends the co-op after her request, to talk about it."""
    if order.pk:
        hello = _(
            "Hello Hira Rajut, I have just sent order request no. %(number)s:"
        ) % {"number": order.pk}
    else:
        hello = _("Hello Hira Rajut, I would like to order:")
    lines = [
        hello,
        item_line(order),
        _("SKU: %(sku)s") % {"sku": order.variant.sku},
        _("Total: %(total)s") % {"total": format_rupiah(order.total)},
        _("Name: %(name)s") % {"name": order.name},
    ]
    if order.note:
        lines.append(_("Note: %(note)s") % {"note": order.note})
    return "\n".join(lines)


def reply_message(order: OrderRequest) -> str:
    """The admin's first answer to the customer."""
    return "\n".join(
        [
            _("Hello %(name)s, this is Hira Rajut. Thank you for your order request:")
            % {"name": order.name},
            item_line(order),
            _("Total: %(total)s (%(price)s each)")
            % {
                "total": format_rupiah(order.total),
                "price": format_rupiah(order.unit_price),
            },
        ]
    )
