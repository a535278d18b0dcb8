"""Admins (pengurus) manage the whole catalog."""

from django.db import migrations

from members.roles import grant_permissions

MODELS = ["category", "product", "variant", "productphoto", "descriptiontemplate"]
ROLE_PERMISSIONS = {
    "Pengurus": [
        f"catalog.{action}_{model}"
        for model in MODELS
        for action in ("add", "change", "delete", "view")
    ],
}


def grant(apps, schema_editor):
    for group_name, codenames in ROLE_PERMISSIONS.items():
        grant_permissions(apps, group_name, codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
