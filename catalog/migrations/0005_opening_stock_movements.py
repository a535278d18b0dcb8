"""Today's stock of every variant becomes its opening movement (kartu stok).

From here on each variant's stock equals the sum of its movements. Admins get
the stock cards and the stock count (stok opname).
"""

from django.db import migrations

from members.roles import grant_permissions

ROLE_PERMISSIONS = {
    "Pengurus": ["catalog.view_stockmovement", "catalog.count_stock"],
}


def book_opening_balances(apps, schema_editor):
    Variant = apps.get_model("catalog", "Variant")
    StockMovement = apps.get_model("catalog", "StockMovement")
    booked = StockMovement.objects.values("variant_id")
    StockMovement.objects.bulk_create(
        StockMovement(
            variant_id=variant_id,
            quantity=stock,
            reason="opening",
            balance_after=stock,
        )
        for variant_id, stock in Variant.objects.filter(stock__gt=0)
        .exclude(pk__in=booked)
        .values_list("pk", "stock")
        .iterator()
    )


def remove_opening_balances(apps, schema_editor):
    StockMovement = apps.get_model("catalog", "StockMovement")
    StockMovement.objects.filter(reason="opening", created_by=None).delete()


def grant(apps, schema_editor):
    for group_name, codenames in ROLE_PERMISSIONS.items():
        grant_permissions(apps, group_name, codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_stock_movements"),
        ("members", "0002_roles"),
    ]

    operations = [
        migrations.RunPython(book_opening_balances, remove_opening_balances),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
