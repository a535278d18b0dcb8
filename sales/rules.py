"""Checks of what admins type into the ledger, shared by its forms and services.

The services call them whatever their caller (a page, the demo data, a test);
the forms use the same limits for an early message. Each raises a coded
``ValidationError``, keyed by its field where it has one.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.money import MAX_AMOUNT, MAX_PRICE, format_rupiah, format_thousands

# Lines of one sale, and pieces on one line: more is a typing error.
MAX_LINES = 30
MAX_QUANTITY = 10_000


def field_error(field: str, message, code: str, params=None) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params)})


def _too_large(amount: int) -> dict:
    return {"amount": format_rupiah(amount), "max": format_rupiah(MAX_AMOUNT)}


def check_sum(value: int | None, *, field: str, negative_message) -> None:
    """A sum typed in (discount, shipping, fee): Rp 0 up to ``MAX_AMOUNT``."""
    if value is None or value < 0:
        raise field_error(field, negative_message, "negative")
    if value > MAX_AMOUNT:
        raise field_error(
            field,
            _("%(amount)s is more than %(max)s; check the number of zeros."),
            "amount_too_large",
            _too_large(value),
        )


def check_amount(amount: int | None, *, field: str = "amount") -> None:
    """Money paid or received: more than Rp 0, at most ``MAX_AMOUNT``."""
    if amount is None:
        raise field_error(field, _("Enter the amount."), "required")
    if amount <= 0:
        raise field_error(
            field, _("The amount must be more than Rp 0."), "not_positive"
        )
    if amount > MAX_AMOUNT:
        raise field_error(
            field,
            _("%(amount)s is more than %(max)s; check the number of zeros."),
            "amount_too_large",
            _too_large(amount),
        )


def check_line_count(count: int) -> None:
    if count < 1:
        raise ValidationError(_("Add at least one product."), code="no_lines")
    if count > MAX_LINES:
        raise ValidationError(
            _("At most %(max)s products in one sale; record the rest as another."),
            code="too_many_lines",
            params={"max": MAX_LINES},
        )


def check_line(*, name: str, quantity: int | None, price: int) -> None:
    """One line of a sale: its pieces and the price of each."""
    if quantity is None or quantity < 1:
        raise ValidationError(
            _("The quantity of %(name)s must be at least 1."),
            code="bad_quantity",
            params={"name": name},
        )
    if quantity > MAX_QUANTITY:
        raise ValidationError(
            _(
                "%(quantity)s pieces of %(name)s is more than %(max)s; "
                "check the number."
            ),
            code="quantity_too_large",
            params={
                "name": name,
                "quantity": format_thousands(quantity),
                "max": format_thousands(MAX_QUANTITY),
            },
        )
    if price < 0:
        raise ValidationError(
            _("The price of %(name)s cannot be negative."),
            code="negative_price",
            params={"name": name},
        )
    if price > MAX_PRICE:
        raise ValidationError(
            _(
                "The price of %(name)s, %(price)s, is more than %(max)s a piece; "
                "check the number of zeros."
            ),
            code="price_too_large",
            params={
                "name": name,
                "price": format_rupiah(price),
                "max": format_rupiah(MAX_PRICE),
            },
        )


def check_total(*, subtotal: int, total: int) -> None:
    """What the buyer pays, after discount, shipping and the marketplace's fee."""
    if subtotal > MAX_AMOUNT or total > MAX_AMOUNT:
        raise ValidationError(
            _("The sale comes to %(amount)s, more than %(max)s; check the numbers."),
            code="total_too_large",
            params=_too_large(max(subtotal, total)),
        )
    if total < 0:
        # Only the fee can do it (the discount is at most the goods' total).
        raise field_error(
            "marketplace_fee",
            _(
                "With this fee the sale comes to %(total)s, below Rp 0. The fee "
                "cannot be more than the goods and shipping; check the fee."
            ),
            "negative_total",
            {"total": format_rupiah(total)},
        )
