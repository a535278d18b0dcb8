"""Admins (pengurus) edit the shop's settings and Shopee categories and read requests."""

from django.db import migrations

from members.roles import grant_permissions

ROLE_PERMISSIONS = {
    "Pengurus": [
        "storefront.add_shopsettings",
        "storefront.change_shopsettings",
        "storefront.view_shopsettings",
        "storefront.add_shopeecategory",
        "storefront.change_shopeecategory",
        "storefront.delete_shopeecategory",
        "storefront.view_shopeecategory",
        "storefront.view_orderrequest",
    ],
}


def grant(apps, schema_editor):
    for group_name, codenames in ROLE_PERMISSIONS.items():
        grant_permissions(apps, group_name, codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("storefront", "0001_initial"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
