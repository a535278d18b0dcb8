"""The skills the trainers assess from the start; more can be added in the admin."""

from django.db import migrations

SKILLS = [
    "Tusuk dasar",
    "Tas",
    "Dompet",
    "Sepatu rajut",
    "Gantungan kunci",
    "Finishing/kerapian",
]


def add_skills(apps, schema_editor):
    Skill = apps.get_model("training", "Skill")
    for position, name in enumerate(SKILLS):
        Skill.objects.get_or_create(name=name, defaults={"position": position})


def remove_skills(apps, schema_editor):
    Skill = apps.get_model("training", "Skill")
    Skill.objects.filter(name__in=SKILLS, assessments__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0002_roles")]

    operations = [migrations.RunPython(add_skills, remove_skills)]
