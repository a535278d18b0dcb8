"""Admins (pengurus) keep the ledger."""

from django.db import migrations

from members.roles import grant_permissions

ROLE_PERMISSIONS = {
    "Pengurus": [
        f"sales.{action}_{model}"
        for model in ("sale", "saleline", "payment", "expense")
        for action in ("add", "change", "view")
    ],
}


def grant(apps, schema_editor):
    for group_name, codenames in ROLE_PERMISSIONS.items():
        grant_permissions(apps, group_name, codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("sales", "0001_initial"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
