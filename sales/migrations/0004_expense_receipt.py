"""An expense's receipt photo becomes an ExpenseReceipt row of the stored-photo shape.

The files stay where they are; only their names move. The original's size is
read from storage (its header only), else taken from the largest rendition.
"""

import django.db.models.deletion
from django.core.files.storage import default_storage
from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from PIL import Image


def _size(name: str, renditions: list) -> tuple[int, int]:
    try:
        with default_storage.open(name) as source, Image.open(source) as image:
            return image.size
    except Exception:  # noqa: BLE001 - a missing or unreadable file: use what is known
        largest = max(renditions, key=lambda r: r.get("width", 0), default={})
        return largest.get("width", 0), largest.get("height", 0)


def receipts_to_rows(apps, schema_editor):
    Expense = apps.get_model("sales", "Expense")
    ExpenseReceipt = apps.get_model("sales", "ExpenseReceipt")
    receipts = []
    for expense in Expense.objects.exclude(receipt_original="").iterator():
        renditions = expense.receipt_renditions or []
        width, height = _size(expense.receipt_original.name, renditions)
        receipts.append(
            ExpenseReceipt(
                expense_id=expense.pk,
                original=expense.receipt_original.name,
                width=width,
                height=height,
                renditions=renditions,
            )
        )
    ExpenseReceipt.objects.bulk_create(receipts, batch_size=500)
    # The receipt came with the expense, not with this migration.
    ExpenseReceipt.objects.update(
        uploaded_at=Subquery(
            Expense.objects.filter(pk=OuterRef("expense_id")).values("created_at")[:1]
        )
    )


def rows_to_receipts(apps, schema_editor):
    Expense = apps.get_model("sales", "Expense")
    ExpenseReceipt = apps.get_model("sales", "ExpenseReceipt")
    for receipt in ExpenseReceipt.objects.iterator():
        Expense.objects.filter(pk=receipt.expense_id).update(
            receipt_original=receipt.original.name,
            receipt_renditions=receipt.renditions,
        )


class Migration(migrations.Migration):
    dependencies = [("sales", "0003_reversal_rule_on_every_entry")]

    operations = [
        migrations.CreateModel(
            name="ExpenseReceipt",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "original",
                    models.FileField(
                        max_length=200, upload_to="", verbose_name="original"
                    ),
                ),
                ("width", models.PositiveIntegerField(verbose_name="width")),
                ("height", models.PositiveIntegerField(verbose_name="height")),
                (
                    "renditions",
                    models.JSONField(default=list, verbose_name="renditions"),
                ),
                (
                    "uploaded_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="uploaded"),
                ),
                (
                    "expense",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="receipt",
                        to="sales.expense",
                        verbose_name="expense",
                    ),
                ),
            ],
            options={
                "verbose_name": "expense receipt",
                "verbose_name_plural": "expense receipts",
            },
        ),
        migrations.RunPython(receipts_to_rows, rows_to_receipts),
        migrations.RemoveField(model_name="expense", name="receipt_original"),
        migrations.RemoveField(model_name="expense", name="receipt_renditions"),
    ]
