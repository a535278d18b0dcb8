"""FinishedItemLog is called HandIn; the table keeps its name, so no data moves."""

from django.db import migrations

OLD, NEW = "finisheditemlog", "handin"


def rename_permissions(apps, schema_editor, old=OLD, new=NEW):
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(
        content_type__app_label="production", codename__endswith=f"_{old}"
    ):
        permission.codename = permission.codename.removesuffix(old) + new
        permission.save(update_fields=["codename"])


def restore_permissions(apps, schema_editor):
    rename_permissions(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("production", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # Pin the table name first: the rename below then leaves the table alone.
        migrations.AlterModelTable(name=OLD, table="production_finisheditemlog"),
        migrations.RenameModel(old_name="FinishedItemLog", new_name="HandIn"),
        migrations.RunPython(rename_permissions, restore_permissions),
    ]
