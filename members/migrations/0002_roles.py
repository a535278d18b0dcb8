"""Create the three roles as groups with the permissions each needs."""

from django.db import migrations

from members.roles import grant_permissions

# Group name -> permissions. Frozen here: later apps grant theirs in their own
# migrations.
ROLE_PERMISSIONS = {
    "Pengurus": ["members.add_member", "members.change_member", "members.view_member"],
    "Pelatih": ["members.view_member"],
    "Anggota": [],
}


def create_roles(apps, schema_editor):
    for group_name, codenames in ROLE_PERMISSIONS.items():
        grant_permissions(apps, group_name, codenames)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=list(ROLE_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
