"""An expense's receipt photo: the shared stored shape, and the old rows moved."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from core.photos import PhotoRejected, process_photo
from core.storage import photo_store
from members.roles import Role
from sales.models import EntryStatus, Expense, ExpenseReceipt
from sales.services import expense_record
from tests.catalog.factories import jpeg_bytes
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN)


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file())


def record(admin, **kwargs):
    values = {
        "date": timezone.localdate(),
        "category": "yarn",
        "amount": 250_000,
        "recorded_by": admin.user,
        "note": "Benang katun",
    }
    values.update(kwargs)
    return expense_record(**values)


def test_expense_with_a_receipt_is_posted_with_its_photo(admin):
    expense = record(admin, receipt=io.BytesIO(jpeg_bytes(900, 1200)))
    expense = Expense.objects.get(pk=expense.pk)
    assert expense.status == EntryStatus.POSTED
    receipt = expense.receipt
    assert receipt.original.name.startswith("sales/receipts/")
    assert (receipt.width, receipt.height) == (900, 1200)
    assert all(default_storage.exists(name) for name in receipt.file_names())


def test_draft_expense_keeps_its_receipt_too(admin):
    expense = record(admin, post=False, receipt=io.BytesIO(jpeg_bytes(320, 240)))
    assert ExpenseReceipt.objects.get(expense=expense)


def test_receipt_that_is_not_a_photo_is_refused_before_anything_is_saved(
    admin, _media_root
):
    with pytest.raises(PhotoRejected) as refused:
        record(admin, receipt=io.BytesIO(b"bukan foto"))
    assert refused.value.code == "not_an_image"
    assert not Expense.objects.exists()
    assert stored_files(_media_root) == []


def test_refused_expense_keeps_no_receipt_files(admin, _media_root):
    with pytest.raises(ValidationError) as refused:
        record(admin, amount=0, receipt=io.BytesIO(jpeg_bytes(320, 240)))
    assert refused.value.error_dict["amount"][0].code == "not_positive"
    assert not Expense.objects.exists()
    assert stored_files(_media_root) == []


def test_deleting_a_receipt_removes_its_files_once_committed(
    admin, django_capture_on_commit_callbacks
):
    expense = record(admin, receipt=io.BytesIO(jpeg_bytes(320, 240)))
    names = expense.receipt.file_names()
    with django_capture_on_commit_callbacks(execute=True):
        ExpenseReceipt.objects.get(expense=expense).delete()
    assert not any(default_storage.exists(name) for name in names)


def test_expense_list_links_each_receipt_without_a_query_per_expense(
    client, admin, django_assert_max_num_queries
):
    client.force_login(admin.user)
    url = reverse("sales:expense-list")
    record(admin, receipt=io.BytesIO(jpeg_bytes(320, 240)))
    with django_assert_max_num_queries(50) as few:
        client.get(url)
    for _ in range(5):
        record(admin, receipt=io.BytesIO(jpeg_bytes(64, 48)))
    with django_assert_max_num_queries(len(few)) as many:
        page = client.get(url).content.decode()
    assert len(many) == len(few)
    assert page.count("data-receipt") == 6
    for receipt in ExpenseReceipt.objects.all():
        assert f'href="{receipt.original.url}"' in page


def test_expense_admin_shows_the_receipt(client, admin):
    admin.user.is_staff = True
    admin.user.save()
    client.force_login(admin.user)
    expense = record(admin, receipt=io.BytesIO(jpeg_bytes(320, 240)))
    page = client.get(reverse("admin:sales_expense_change", args=[expense.pk]))
    assert f'href="{expense.receipt.original.url}"' in page.content.decode()


# The migration that moves the old receipt fields into rows -------------------

BEFORE = [("sales", "0003_reversal_rule_on_every_entry")]
AFTER = [("sales", "0004_expense_receipt")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_schema(transactional_db, role_groups):
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def old_expense(apps, user, **fields):
    return apps.get_model("sales", "Expense").objects.create(
        date=timezone.localdate(),
        category="yarn",
        amount=50_000,
        created_by_id=user.pk,
        **fields,
    )


def test_migration_moves_old_receipts_into_rows_and_back(old_schema, admin):
    stored = photo_store(
        processed=process_photo(io.BytesIO(jpeg_bytes(700, 900))),
        folder="sales/receipts",
    )
    with_receipt = old_expense(
        old_schema,
        admin.user,
        receipt_original=stored.original,
        receipt_renditions=stored.renditions,
    )
    without = old_expense(old_schema, admin.user)

    apps = migrate(AFTER)
    Receipt = apps.get_model("sales", "ExpenseReceipt")
    moved = Receipt.objects.get(expense_id=with_receipt.pk)
    assert moved.original.name == stored.original
    assert (moved.width, moved.height) == (700, 900)
    assert moved.renditions == stored.renditions
    assert moved.uploaded_at == with_receipt.created_at
    assert not Receipt.objects.filter(expense_id=without.pk).exists()

    apps = migrate(BEFORE)
    back = apps.get_model("sales", "Expense").objects.get(pk=with_receipt.pk)
    assert back.receipt_original.name == stored.original
    assert back.receipt_renditions == stored.renditions
