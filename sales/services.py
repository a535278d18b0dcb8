"""Writes of the ledger: record, post, reverse; nothing posted is ever changed."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Availability, Status, Variant
from members.models import Member
from production.selectors import month_start

from .models import (
    EntryStatus,
    Expense,
    ExpenseCategory,
    NumberSequence,
    Payment,
    Sale,
    SaleLine,
)
from .selectors import unpaid_wages


@dataclass(frozen=True)
class LineInput:
    variant_id: int
    quantity: int
    unit_price: int | None = None  # None: the variant's current price


def _next_number(prefix: str, year: int) -> str:
    """PJ-2026-000123; the sequence row is locked until the entry commits."""
    NumberSequence.objects.get_or_create(prefix=prefix, year=year)
    sequence = NumberSequence.objects.select_for_update().get(prefix=prefix, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{prefix}-{year}-{sequence.last:06d}"


def _non_negative(value: int, field: str, message: str) -> None:
    if value is None or value < 0:
        raise ValidationError({field: ValidationError(message, code="negative")})


@transaction.atomic
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
                _("%(name)s is archived and no longer sold.") % {"name": product.name},
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
                _("The price of %(name)s cannot be negative.") % {"name": product.name},
                code="negative_price",
            )
        prepared.append((variant, line.quantity, price))
    _non_negative(discount, "discount", _("The discount cannot be negative."))
    _non_negative(
        shipping_charged, "shipping_charged", _("Shipping cannot be negative.")
    )
    _non_negative(marketplace_fee, "marketplace_fee", _("The fee cannot be negative."))
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


@transaction.atomic
def sale_post(*, sale: Sale, posted_by: AbstractBaseUser) -> Sale:
    """Post a draft: it gets its number, takes its stock and is final."""
    number = _next_number("PJ", sale.date.year)
    now = timezone.now()
    changed = Sale.objects.filter(pk=sale.pk, status=EntryStatus.DRAFT).update(
        status=EntryStatus.POSTED, number=number, posted_at=now, posted_by=posted_by
    )
    if changed != 1:
        raise ValidationError(_("This sale is already posted."), code="already_posted")
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


@transaction.atomic
def sale_reverse(*, sale: Sale, reversed_by: AbstractBaseUser, reason: str) -> Sale:
    """Cancel a posted sale with an opposite entry; the stock comes back."""
    original = Sale.objects.select_for_update().get(pk=sale.pk)
    _check_reversible(original, Sale)
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
    _post_new(reversal, "PJ", reversed_by)
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


def _check_reversible(entry, model) -> None:
    if entry.status != EntryStatus.POSTED:
        raise ValidationError(
            _("Only a posted entry can be reversed; a draft can simply be deleted."),
            code="not_posted",
        )
    if entry.reverses_id is not None:
        raise ValidationError(
            _("A reversal cannot be reversed."), code="reversal_of_reversal"
        )
    if model.objects.filter(reverses=entry).exists():
        raise ValidationError(
            _("%(number)s is already reversed.") % {"number": entry.number},
            code="already_reversed",
        )


def _post_new(entry, prefix: str, user: AbstractBaseUser) -> None:
    entry.number = _next_number(prefix, entry.date.year)
    entry.status = EntryStatus.POSTED
    entry.posted_at = timezone.now()
    entry.posted_by = user
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as error:
        # Two people reversing the same entry at once: the second loses here.
        raise ValidationError(
            _("This entry was reversed a moment ago."), code="already_reversed"
        ) from error


@transaction.atomic
def expense_record(
    *,
    date: date,
    category: str,
    amount: int | None,
    recorded_by: AbstractBaseUser,
    note: str = "",
    member: Member | None = None,
    wage_month: date | None = None,
    post: bool = True,
) -> Expense:
    if amount is None:
        raise ValidationError(
            {"amount": ValidationError(_("Enter the amount."), code="required")}
        )
    if amount <= 0:
        raise ValidationError(
            {
                "amount": ValidationError(
                    _("The amount must be more than Rp 0."), code="not_positive"
                )
            }
        )
    if category not in ExpenseCategory.values:
        raise ValidationError(_("Unknown expense category."), code="bad_category")
    if category == ExpenseCategory.MEMBER_WAGES and (member is None or not wage_month):
        raise ValidationError(
            _("Member wages need the member and the month they are for."),
            code="wages_need_member",
        )
    expense = Expense(
        date=date,
        category=category,
        amount=amount,
        note=note.strip(),
        member=member,
        wage_month=month_start(wage_month) if wage_month else None,
        created_by=recorded_by,
    )
    if post:
        _post_new(expense, "PG", recorded_by)
    else:
        expense.save()
    return expense


@transaction.atomic
def expense_post(*, expense: Expense, posted_by: AbstractBaseUser) -> Expense:
    number = _next_number("PG", expense.date.year)
    changed = Expense.objects.filter(pk=expense.pk, status=EntryStatus.DRAFT).update(
        status=EntryStatus.POSTED,
        number=number,
        posted_at=timezone.now(),
        posted_by=posted_by,
    )
    if changed != 1:
        raise ValidationError(
            _("This expense is already posted."), code="already_posted"
        )
    return Expense.objects.get(pk=expense.pk)


@transaction.atomic
def expense_reverse(
    *, expense: Expense, reversed_by: AbstractBaseUser, reason: str
) -> Expense:
    original = Expense.objects.select_for_update().get(pk=expense.pk)
    _check_reversible(original, Expense)
    reversal = Expense(
        date=timezone.localdate(),
        category=original.category,
        amount=-original.amount,
        member=original.member,
        wage_month=original.wage_month,
        note=reason.strip(),
        reverses=original,
        created_by=reversed_by,
    )
    _post_new(reversal, "PG", reversed_by)
    return reversal


@transaction.atomic
def payment_record(
    *, sale: Sale, amount: int, date: date, recorded_by: AbstractBaseUser, note=""
) -> Payment:
    """Money received later for a sale not paid at once."""
    sale = Sale.objects.select_for_update().get(pk=sale.pk)
    if sale.status != EntryStatus.POSTED or sale.is_reversal:
        raise ValidationError(_("Payments go to posted sales."), code="not_posted")
    if Sale.objects.filter(reverses=sale).exists():
        raise ValidationError(
            _("This sale is reversed; nothing is owed on it."), code="reversed"
        )
    if date < sale.date or date > timezone.localdate():
        raise ValidationError(
            _("The payment date must be between the sale date and today."),
            code="bad_date",
        )
    if amount is None or amount <= 0:
        raise ValidationError(_("The amount must be more than Rp 0."), code="amount")
    paid = sale.payments.aggregate(total=Sum("amount"))["total"] or 0
    if paid + amount > sale.total:
        raise ValidationError(
            _("That is more than the %(left)s still owed.")
            % {"left": sale.total - paid},
            code="overpaid",
        )
    return Payment.objects.create(
        sale=sale, amount=amount, date=date, note=note, recorded_by=recorded_by
    )


def wages_unpaid(*, member: Member, month: date) -> int:
    """Earned in a month (accepted pieces) minus wages already paid for it."""
    month = month_start(month)
    return sum(row.unpaid for row in unpaid_wages(member=member) if row.month == month)


@transaction.atomic
def wages_pay(
    *, member: Member, month: date, paid_by: AbstractBaseUser, date: date
) -> Expense:
    """Record paying a member her unpaid piece-rate wages of a month."""
    Member.objects.select_for_update().filter(pk=member.pk).first()
    unpaid = wages_unpaid(member=member, month=month)
    if unpaid <= 0:
        raise ValidationError(
            _("Nothing unpaid for %(member)s in that month.") % {"member": member},
            code="nothing_unpaid",
        )
    return expense_record(
        date=date,
        category=ExpenseCategory.MEMBER_WAGES,
        amount=unpaid,
        member=member,
        wage_month=month,
        recorded_by=paid_by,
        note=_("Piece-rate wages"),
    )
