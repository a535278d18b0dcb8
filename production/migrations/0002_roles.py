"""Admins (pengurus) manage production; trainers can look at it."""

from django.db import migrations

from members.roles import grant_permissions

ROLE_PERMISSIONS = {
    "Pengurus": [
        "production.add_piecerate",
        "production.view_piecerate",
        "production.change_finisheditemlog",
        "production.view_finisheditemlog",
        "production.add_productiontarget",
        "production.change_productiontarget",
        "production.delete_productiontarget",
        "production.view_productiontarget",
    ],
    "Pelatih": [
        "production.view_finisheditemlog",
        "production.view_productiontarget",
    ],
}


def grant(apps, schema_editor):
    for group_name, codenames in ROLE_PERMISSIONS.items():
        grant_permissions(apps, group_name, codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("production", "0001_initial"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
