"""The demo year, month by month, through the real services."""

import calendar
import random
from collections import Counter
from datetime import date, timedelta

from django.utils import timezone

from catalog.models import Availability, Status, Variant
from core.periods import month_start, months_back
from members.models import Member
from production.models import HandIn
from production.services import hand_in_accept, hand_in_submit
from sales.models import EntryStatus, Expense, ExpenseCategory, Sale, SalesChannel
from sales.services import (
    LineInput,
    expense_record,
    payment_record,
    sale_create,
    sale_post,
    sale_reverse,
    wages_pay,
    wages_unpaid,
)

from .data import (
    CUSTOMERS,
    MONTHS,
    RETURN_REASONS,
    UNPAID_WAGE_MONTHS,
    channel_weights,
    moment,
    percent_in_thousands,
    pick,
)


class Seeder:
    def __init__(self, admin, today: date):
        self.admin = admin
        self.today = today
        self.rng = random.Random(2026)
        self.variants = list(
            Variant.objects.exclude(product__status=Status.ARCHIVED)
            .select_related("product")
            .order_by("product__sku", "position", "id")
        )
        # Cheap pieces (key rings, purses) sell most often.
        self.popularity = {
            v.pk: 100_000 / max(v.price, 15_000) + 1 for v in self.variants
        }
        self.knitters = list(
            Member.objects.filter(user__groups__name="Anggota", is_active=True)
            .select_related("user")
            .order_by("join_date", "pk")
        )
        self.sale_times: list[tuple[int, date]] = []
        self.unpaid: list[Sale] = []

    def _days(self, month: date, count: int) -> list[date]:
        last = calendar.monthrange(month.year, month.month)[1]
        if month == month_start(self.today):
            last = self.today.day
        return sorted(
            month.replace(day=self.rng.randint(1, last)) for _ in range(count)
        )

    # --- sales -------------------------------------------------------------------

    def _plan_sale(self, month_index: int, day: date) -> dict:
        rng = self.rng
        channel = pick(rng, channel_weights(month_index))
        count = rng.choices([1, 2, 3], weights=[70, 22, 8])[0]
        chosen = rng.choices(
            self.variants, weights=[self.popularity[v.pk] for v in self.variants], k=3
        )
        lines, seen = [], set()
        for variant in chosen[:count]:
            if variant.pk in seen:
                continue
            seen.add(variant.pk)
            quantity = rng.choices([1, 2, 3], weights=[78, 17, 5])[0]
            if channel == SalesChannel.RESELLER:
                quantity += rng.randint(2, 6)
            price = None
            if channel in (SalesChannel.BAZAAR, SalesChannel.RESELLER):
                price = percent_in_thousands(variant.price, 85)
            lines.append((variant, quantity, price))
        subtotal = sum(q * (p if p is not None else v.price) for v, q, p in lines)
        shipping = 0
        if (
            channel
            in (
                SalesChannel.WHATSAPP,
                SalesChannel.INSTAGRAM,
                SalesChannel.STOREFRONT,
                SalesChannel.FACEBOOK,
            )
            and rng.random() < 0.6
        ):
            shipping = rng.choice([9_000, 12_000, 15_000, 18_000, 24_000])
        # Shopee keeps about 6.5 %, in whole hundreds of Rupiah.
        fee = (
            subtotal * 65 // 1000 // 100 * 100 if channel == SalesChannel.SHOPEE else 0
        )
        discount = 0
        if rng.random() < 0.1 and subtotal >= 50_000:
            discount = rng.choice([5_000, 10_000, 15_000])
        due = None
        if channel == SalesChannel.RESELLER or (
            channel == SalesChannel.WHATSAPP and rng.random() < 0.08
        ):
            due = day + timedelta(days=rng.choice([7, 14, 30]))
        name, whatsapp = rng.choice(CUSTOMERS)
        if channel == SalesChannel.RESELLER:
            name, whatsapp = CUSTOMERS[3]
        return {
            "day": day,
            "channel": channel,
            "lines": lines,
            "discount": discount,
            "shipping": shipping,
            "fee": fee,
            "due": due,
            "customer": (name, whatsapp),
        }

    def _record(self, plan: dict, post: bool = True) -> Sale:
        name, whatsapp = plan["customer"]
        sale = sale_create(
            date=plan["day"],
            channel=plan["channel"],
            lines=[
                LineInput(variant_id=v.pk, quantity=q, unit_price=p)
                for v, q, p in plan["lines"]
            ],
            recorded_by=self.admin,
            discount=plan["discount"],
            shipping_charged=plan["shipping"],
            marketplace_fee=plan["fee"],
            customer_name=name,
            customer_whatsapp=whatsapp,
            due_date=plan["due"],
        )
        self.sale_times.append((sale.pk, plan["day"]))
        if not post:
            return sale
        sale = sale_post(sale=sale, posted_by=self.admin)
        if sale.due_date:
            self.unpaid.append(sale)
        return sale

    # --- production --------------------------------------------------------------

    def _make_pieces(self, month: date, needed: Counter) -> int:
        """Hand in and accept what the month's sales need, and a few more."""
        material = 0
        made_on = month
        accepted_at = min(moment(month, 9), timezone.now())
        knitters = [m for m in self.knitters if m.join_date <= made_on] or self.knitters
        for variant in self.variants:
            if variant.product.availability == Availability.PREORDER:
                continue
            stock = Variant.objects.get(pk=variant.pk).stock
            pieces = max(0, needed[variant.pk] - stock) + self.rng.randint(0, 2)
            while pieces > 0:
                quantity = min(pieces, self.rng.randint(2, 6))
                knitter = self.rng.choice(knitters)
                hand_in = hand_in_submit(
                    member=knitter,
                    product=variant.product,
                    variant=variant,
                    quantity=quantity,
                    made_on=made_on,
                    submitted_by=knitter.user,
                )
                hand_in_accept(
                    hand_in=hand_in,
                    grade=self.rng.choice("AAABBC"),
                    reviewed_by=self.admin,
                )
                HandIn.objects.filter(pk=hand_in.pk).update(
                    submitted_at=accepted_at, reviewed_at=accepted_at
                )
                material += quantity * variant.product.material_cost
                pieces -= quantity
        return material

    # --- expenses ----------------------------------------------------------------

    def _expense(self, day: date, category: str, amount: int, note: str) -> None:
        expense_record(
            date=min(day, self.today),
            category=category,
            amount=amount,
            note=note,
            recorded_by=self.admin,
        )

    def _month_expenses(self, month: date, index: int, material: int) -> None:
        rng = self.rng
        days = self._days(month, 6)
        if material:
            self._expense(
                days[0],
                ExpenseCategory.YARN,
                percent_in_thousands(material, 90),
                "Benang katun susu dan benang akrilik, Toko Benang Sari Purbalingga.",
            )
        self._expense(
            days[1],
            ExpenseCategory.PACKAGING,
            rng.choice([75_000, 90_000, 120_000, 150_000]),
            "Kardus, plastik kemasan dan kartu ucapan.",
        )
        self._expense(
            days[2],
            ExpenseCategory.SHIPPING,
            rng.randint(5, 20) * 10_000,
            "Ongkos kirim ke agen JNE/J&T.",
        )
        self._expense(
            days[3],
            ExpenseCategory.PROMOTION,
            50_000 + index * 25_000,
            "Iklan Instagram dan Shopee.",
        )
        self._expense(
            days[4],
            ExpenseCategory.MARKETPLACE_FEES,
            rng.choice([25_000, 35_000, 50_000]),
            "Biaya layanan gratis ongkir Shopee.",
        )
        if index % 4 == 1:
            self._expense(
                days[5],
                ExpenseCategory.ACCESSORIES,
                rng.choice([60_000, 85_000, 110_000]),
                "Resleting, gagang kayu dan manik-manik.",
            )
        if index in (3, 7, 10):
            self._expense(
                days[5],
                ExpenseCategory.TRAINING,
                rng.choice([350_000, 500_000, 750_000]),
                "Konsumsi dan bahan pelatihan anggota baru.",
            )

    # --- the year ---------------------------------------------------------------

    def run(self) -> None:
        months = [months_back(self.today, back) for back in range(MONTHS - 1, -1, -1)]
        for index, month in enumerate(months):
            count = 12 + 2 * index + self.rng.randint(-2, 3)
            plans = [self._plan_sale(index, day) for day in self._days(month, count)]
            needed = Counter()
            for plan in plans:
                for variant, quantity, _price in plan["lines"]:
                    needed[variant.pk] += quantity
            material = self._make_pieces(month, needed)
            for plan in plans:
                self._record(plan)
            self._month_expenses(month, index, material)
        # Two drafts waiting to be posted, one asking for more than is in stock.
        last = self._plan_sale(MONTHS - 1, self.today)
        self._record(last, post=False)
        big = self._plan_sale(MONTHS - 1, self.today)
        variant = next(
            v for v in self.variants if v.product.availability != Availability.PREORDER
        )
        stock = Variant.objects.get(pk=variant.pk).stock
        big["lines"] = [(variant, stock + 5, None)]
        big["due"], big["discount"] = None, 0
        self._record(big, post=False)
        self._payments()
        self._returns()
        self._wages(months)
        self._backdate()

    def _payments(self) -> None:
        """Money owed comes in by the due date, except for the latest sales."""
        cutoff = self.today - timedelta(days=20)
        for index, sale in enumerate(self.unpaid):
            if sale.date > cutoff or index % 6 == 5:
                continue
            payment_record(
                sale=sale,
                amount=sale.total,
                date=min(sale.due_date, self.today),
                note="Transfer BRI",
                recorded_by=self.admin,
            )

    def _returns(self) -> None:
        """A few returns this year; the reversal is dated a few days later."""
        candidates = list(
            Sale.objects.filter(
                status=EntryStatus.POSTED,
                due_date__isnull=True,
                date__year=self.today.year,
                date__lt=self.today - timedelta(days=7),
            ).order_by("date", "pk")
        )
        for original in self.rng.sample(candidates, min(4, len(candidates))):
            reversal = sale_reverse(
                sale=original,
                reversed_by=self.admin,
                reason=self.rng.choice(RETURN_REASONS),
            )
            day = original.date + timedelta(days=self.rng.randint(2, 6))
            Sale.objects.filter(pk=reversal.pk).update(date=day)
            self.sale_times.append((reversal.pk, day))

    def _wages(self, months: list[date]) -> None:
        """Piece-rate wages are paid early the next month, for the older months."""
        for month in months[: MONTHS - UNPAID_WAGE_MONTHS]:
            paid_on = months_back(month, -1) + timedelta(days=4)
            for member in self.knitters:
                if wages_unpaid(member=member, month=month) > 0:
                    wages_pay(
                        member=member,
                        month=month,
                        paid_by=self.admin,
                        date=min(paid_on, self.today),
                    )

    def _backdate(self) -> None:
        """Bookkeeping times as if each entry had been typed in on its day."""
        days = dict(self.sale_times)
        sales = list(Sale.objects.filter(pk__in=days))
        for sale in sales:
            typed_at = moment(days[sale.pk], self.rng.randint(8, 20))
            sale.created_at = typed_at
            if sale.status == EntryStatus.POSTED:
                sale.posted_at = typed_at + timedelta(minutes=self.rng.randint(1, 90))
        # bulk_update writes these two columns only; the entries stay as posted.
        Sale.objects.bulk_update(sales, ["created_at", "posted_at"], batch_size=200)
        expenses = list(Expense.objects.all())
        for expense in expenses:
            expense.created_at = expense.posted_at = moment(expense.date, 16)
        Expense.objects.bulk_update(
            expenses, ["created_at", "posted_at"], batch_size=200
        )
