"""Admins (pengurus) prepare shipments and SKA applications and edit the form table."""

from django.db import migrations

from members.roles import grant_permissions

MODELS = [
    "buyer",
    "skaform",
    "skaformcountry",
    "shipment",
    "shipmentline",
    "shipmentdocument",
    "skaapplication",
    "realisationimport",
    "realisationrow",
]
ROLE_PERMISSIONS = {
    "Pengurus": [
        f"exports.{action}_{model}"
        for model in MODELS
        for action in ("add", "change", "delete", "view")
    ]
    + ["exports.view_skastatuschange"],
}


def grant(apps, schema_editor):
    for group_name, codenames in ROLE_PERMISSIONS.items():
        grant_permissions(apps, group_name, codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("exports", "0002_ska_forms"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
