"""Admins (pengurus) manage all of training; trainers (pelatih) record sessions."""

from django.db import migrations

from members.roles import grant_permissions

MODELS = ["trainingsession", "attendance", "skill", "skillassessment"]
ROLE_PERMISSIONS = {
    "Pengurus": [
        f"training.{action}_{model}"
        for model in MODELS
        for action in ("add", "change", "delete", "view")
    ],
    "Pelatih": [
        f"training.{action}_{model}"
        for model in ("trainingsession", "attendance", "skillassessment")
        for action in ("add", "change", "view")
    ]
    + ["training.view_skill"],
}


def grant(apps, schema_editor):
    for group_name, codenames in ROLE_PERMISSIONS.items():
        grant_permissions(apps, group_name, codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_initial"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
