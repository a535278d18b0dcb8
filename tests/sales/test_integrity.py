"""``manage.py check_integrity`` passes on books kept by the services and names
each record a raw write broke, exiting with status 1."""

import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from catalog.models import StockMovement, StockReason
from members.roles import Role
from production.services import hand_in_accept, hand_in_reject, hand_in_undo_review
from sales.integrity import CHECKS, integrity_check
from sales.models import Expense, ExpenseCategory, Payment, Sale, SaleLine
from sales.services import expense_reverse, payment_record, sale_reverse
from tests.catalog.factories import ProductFactory
from tests.catalog.test_integrity import check_constraints_off
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate
from tests.sales.factories import record_expense, record_sale

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The figures and names read the same whatever the catalogue says."""
    with translation.override("en"):
        yield


def run_check() -> tuple[int, str]:
    """The command's exit status and its output."""
    from io import StringIO

    out = StringIO()
    try:
        call_command("check_integrity", stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN).user


@pytest.fixture
def books(admin):
    """Sales, a reversal, payments, expenses and hand-ins, all through the services."""
    today = timezone.localdate()
    bag = ProductFactory(sku="HR-001", price=50_000, stock=10)
    hat = ProductFactory(sku="HR-002", price=30_000, stock=4)
    preorder = ProductFactory(
        sku="HR-PO", price=200_000, availability="preorder", lead_time_days=14
    )
    paid = record_sale(
        user=admin, day=today, channel="offline", lines=[(bag, 2), (hat, 1)]
    )
    reversed_sale = record_sale(
        user=admin,
        day=today,
        channel="shopee",
        lines=[(bag, 1), (bag, 2, 45_000), (preorder, 1)],
        shipping_charged=10_000,
        marketplace_fee=5_000,
        discount=4_000,
    )
    reversal = sale_reverse(sale=reversed_sale, reversed_by=admin, reason="salah")
    owing = record_sale(
        user=admin,
        day=today,
        channel="whatsapp",
        lines=[(hat, 2)],
        due_date=today + timedelta(days=7),
    )
    payment_record(sale=owing, amount=20_000, date=today, recorded_by=admin)
    draft = record_sale(
        user=admin, day=today, channel="offline", lines=[(bag, 1)], post=False
    )
    expense = record_expense(
        user=admin, day=today, category=ExpenseCategory.YARN, amount=75_000
    )
    expense_reversal = expense_reverse(
        expense=expense, reversed_by=admin, reason="dobel"
    )
    set_rate(bag, 10_000)
    accepted = make_hand_in(product=bag, quantity=3)
    hand_in_accept(hand_in=accepted, grade="A", reviewed_by=admin)
    undone = make_hand_in(product=bag, quantity=2)
    hand_in_accept(hand_in=undone, grade="B", reviewed_by=admin)
    hand_in_undo_review(hand_in=undone, undone_by=admin)
    rejected = make_hand_in(product=bag, quantity=1)
    hand_in_reject(hand_in=rejected, reason="kurang rapi", reviewed_by=admin)
    make_hand_in(product=bag, quantity=4)  # still waiting
    return {
        "paid": paid,
        "reversed": reversed_sale,
        "reversal": reversal,
        "owing": owing,
        "draft": draft,
        "expense": expense,
        "expense_reversal": expense_reversal,
        "accepted": accepted,
        "bag": bag.variants.get(),
        "admin": admin,
    }


def test_books_kept_by_the_services_pass_every_check(books):
    status, output = run_check()

    assert status == 0
    assert f"All {len(CHECKS)} checks passed." in output
    assert all(not outcome.problems for outcome in integrity_check())


def test_a_changed_stock_fails_the_command_naming_the_variant(books):
    books["bag"].__class__.objects.filter(pk=books["bag"].pk).update(stock=99)

    status, output = run_check()

    assert status == 1
    assert "Variant HR-001: stock 99, its movements add up to" in output
    assert "2 of 13 checks failed, 2 problems." in output


def test_a_deleted_sale_movement_names_the_sale_and_the_variant(books):
    sale = books["paid"]
    StockMovement.objects.filter(
        reason=StockReason.SALE_POSTED, source_id=sale.pk, variant=books["bag"]
    ).delete()

    status, output = run_check()

    assert status == 1
    assert (
        f"Sale {sale.number}, variant HR-001: 2 pieces sold, its stock movements "
        "took 0." in output
    )
    assert "Variant HR-001: stock " in output


def test_a_reversal_whose_stock_never_came_back_is_named(books):
    StockMovement.objects.filter(reason=StockReason.SALE_REVERSED).delete()

    status, output = run_check()

    assert status == 1
    assert (
        f"Sale {books['reversed'].number}, variant HR-001: 3 pieces due back from "
        "its reversal, its stock movements brought back 0." in output
    )


def test_a_sale_movement_without_its_line_is_named(books):
    StockMovement.objects.create(
        variant=books["bag"],
        quantity=-1,
        reason=StockReason.SALE_POSTED,
        source_type_id=StockMovement.objects.filter(source_id=books["paid"].pk)
        .values_list("source_type_id", flat=True)
        .first(),
        source_id=books["draft"].pk,
        balance_after=0,
    )

    status, output = run_check()

    assert status == 1
    assert (
        f"Variant HR-001: stock movements of -1 pieces (Sale posted) for sale "
        f"#{books['draft'].pk}, which has no such line." in output
    )


def test_a_changed_reversal_line_is_named_with_both_sides(books):
    line = books["reversal"].lines.get(quantity=-1, variant__sku="HR-001")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {SaleLine._meta.db_table} "
            "SET quantity = -3, line_total = -3 * unit_price WHERE id = %s",
            [line.pk],
        )

    status, output = run_check()

    assert status == 1
    assert (
        f"Reversal {books['reversal'].number} of {books['reversed'].number}, "
        "variant HR-001 at Rp 50.000: the original has 1 lines of 1 pieces "
        "(Rp 50.000), the reversal 1 lines of -3 pieces (-Rp 150.000)." in output
    )


def test_a_missing_reversal_line_is_named(books):
    books["reversal"].lines.filter(variant__sku="HR-PO").delete()

    assert (
        "variant HR-PO at Rp 200.000: the original has 1 lines of 1 pieces "
        in (run_check()[1])
    )


def test_a_changed_reversal_total_is_named(books):
    Sale.objects.filter(pk=books["reversal"].pk).update(total=-1_000)

    status, output = run_check()

    assert status == 1
    assert (
        f"Reversal {books['reversal'].number} of {books['reversed'].number}: "
        "total (Rp) is -Rp 1.000, the original's Rp 341.000." in output
    )


def test_a_changed_expense_reversal_is_named(books):
    Expense.objects.filter(pk=books["expense_reversal"].pk).update(amount=-70_000)

    status, output = run_check()

    assert status == 1
    assert (
        f"Reversal {books['expense_reversal'].number} of {books['expense'].number}: "
        "amount (Rp) is -Rp 70.000, the original's Rp 75.000." in output
    )


def _copy_of(entry, **changes):
    """A raw copy of a posted entry's row, as a hand edit could insert it."""
    model = type(entry)
    fields = {
        field.attname: getattr(entry, field.attname)
        for field in model._meta.concrete_fields
        if not field.primary_key
    }
    fields.update(changes)
    return model.objects.bulk_create([model(**fields)])[0]


def test_the_database_itself_refuses_a_second_reversal(books):
    with pytest.raises(IntegrityError), transaction.atomic():
        _copy_of(books["reversal"], number="PJ-2026-900001")


@pytest.mark.postgres
def test_a_second_reversal_is_named_when_the_database_let_it_in(books):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass "
            "AND contype = 'u' AND pg_get_constraintdef(oid) LIKE '%%reverses_id%%'",
            [Sale._meta.db_table],
        )
        (name,) = cursor.fetchone()
        cursor.execute(f'ALTER TABLE "{Sale._meta.db_table}" DROP CONSTRAINT "{name}"')
    _copy_of(books["reversal"], number="PJ-2026-900001")

    status, output = run_check()

    assert status == 1
    assert f"{books['reversed'].number} is reversed 2 times." in output


def test_a_reversal_of_a_reversal_is_named(books):
    again = _copy_of(
        books["reversal"], number="PJ-2026-900002", reverses_id=books["reversal"].pk
    )
    Sale.objects.filter(pk=again.pk).update(
        subtotal=-again.subtotal, total=-again.total
    )

    status, output = run_check()

    assert status == 1
    assert (
        f"Reversal PJ-2026-900002 reverses {books['reversal'].number}, itself a "
        "reversal." in output
    )


def test_a_payment_above_the_total_is_named(books):
    owing = books["owing"]
    Payment.objects.create(
        sale=owing, date=owing.date, amount=50_000, recorded_by=books["admin"]
    )

    status, output = run_check()

    assert status == 1
    assert (
        f"Sale {owing.number}: payments add up to Rp 70.000, above its total "
        "Rp 60.000." in output
    )


def test_payments_on_a_draft_and_on_a_reversal_are_named(books):
    for sale in (books["draft"], books["reversal"]):
        Payment.objects.create(
            sale=sale, date=sale.date, amount=1_000, recorded_by=books["admin"]
        )

    output = run_check()[1]

    assert f"Draft sale #{books['draft'].pk} is not posted but has payments" in output
    assert f"{books['reversal'].number} is a reversal but has payments" in output


def test_an_accepted_hand_in_without_its_movement_is_named(books):
    hand_in = books["accepted"]
    StockMovement.objects.filter(
        reason=StockReason.HAND_IN_ACCEPTED, source_id=hand_in.pk
    ).delete()

    status, output = run_check()

    assert status == 1
    assert (
        f"Hand-in #{hand_in.pk} (Accepted, 3 pieces of HR-001): its stock "
        "movements add up to 0, not 3." in output
    )


def test_a_posted_entry_without_number_is_named(books):
    with check_constraints_off(Sale) as cursor:
        cursor.execute(
            f"UPDATE {Sale._meta.db_table} SET number = NULL WHERE id = %s",
            [books["owing"].pk],
        )

    assert f"Posted sale #{books['owing'].pk} has no number." in run_check()[1]


def _all_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        integrity_check()
    return len(queries)


def test_the_checks_need_the_same_queries_for_many_more_sales(books):
    admin = books["admin"]
    hat = ProductFactory(sku="HR-Q", price=10_000, stock=500)
    record_sale(
        user=admin, day=timezone.localdate(), channel="offline", lines=[(hat, 1)]
    )
    _all_queries()  # content types cached, as on every later run
    few = _all_queries()
    for _ in range(40):
        sale = record_sale(
            user=admin, day=timezone.localdate(), channel="offline", lines=[(hat, 2)]
        )
        sale_reverse(sale=sale, reversed_by=admin, reason="uji")
        record_expense(
            user=admin,
            day=timezone.localdate(),
            category=ExpenseCategory.YARN,
            amount=1_000,
        )

    assert _all_queries() == few
    assert few <= len(CHECKS) + 4


def test_the_command_exits_with_status_1_from_the_shell(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'books.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "hirarajut.settings.test",
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
    }
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]

    def run(*args):
        return subprocess.run(
            [*manage, *args], env=env, capture_output=True, text=True, timeout=120
        )

    assert run("migrate", "-v0").returncode == 0
    made = run(
        "shell",
        "-c",
        "from tests.catalog.factories import ProductFactory; "
        "ProductFactory(sku='HR-SH', stock=3)",
    )
    assert made.returncode == 0, made.stderr
    passed = run("check_integrity")
    with sqlite3.connect(tmp_path / "books.sqlite3") as db:
        db.execute("UPDATE catalog_variant SET stock = 5 WHERE sku = 'HR-SH'")
    failed = run("check_integrity")

    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert failed.returncode == 1
    assert "HR-SH" in failed.stdout
    # The shell speaks the portal's language (LANGUAGE_CODE, Indonesian).
    with translation.override(settings.LANGUAGE_CODE):
        summary = gettext(
            "%(failed)s of %(checks)s checks failed, %(problems)s problems."
        )
    assert summary.split("%(checks)s")[1].split("%(problems)s")[0] in failed.stderr
