"""A session's photo becomes a SessionPhoto row of the shared stored-photo shape.

The files stay where they are; only their names move. The old ``photo`` field is
renamed first, so the new ``session.photo`` relation does not meet it. Sizes are
read from storage (the image header only), 0 when a file cannot be read.
"""

import django.db.models.deletion
from django.core.files.storage import default_storage
from django.db import migrations, models
from PIL import Image


def _size(name: str) -> tuple[int, int]:
    try:
        with default_storage.open(name) as source, Image.open(source) as image:
            return image.size
    except Exception:  # noqa: BLE001 - a missing or unreadable file: size unknown
        return 0, 0


def photos_to_rows(apps, schema_editor):
    TrainingSession = apps.get_model("training", "TrainingSession")
    SessionPhoto = apps.get_model("training", "SessionPhoto")
    photos = []
    for session in TrainingSession.objects.exclude(old_photo="").iterator():
        width, height = _size(session.old_photo.name)
        renditions = []
        if session.photo_small:
            small_width, small_height = _size(session.photo_small.name)
            renditions.append(
                {
                    "kind": "jpeg",
                    "width": small_width,
                    "height": small_height,
                    "name": session.photo_small.name,
                }
            )
        photos.append(
            SessionPhoto(
                session_id=session.pk,
                original=session.old_photo.name,
                width=width,
                height=height,
                renditions=renditions,
            )
        )
    SessionPhoto.objects.bulk_create(photos, batch_size=500)


def rows_to_photos(apps, schema_editor):
    TrainingSession = apps.get_model("training", "TrainingSession")
    SessionPhoto = apps.get_model("training", "SessionPhoto")
    for photo in SessionPhoto.objects.iterator():
        jpeg = next((r for r in photo.renditions if r["kind"] == "jpeg"), None)
        TrainingSession.objects.filter(pk=photo.session_id).update(
            old_photo=photo.original.name, photo_small=jpeg["name"] if jpeg else ""
        )


class Migration(migrations.Migration):
    dependencies = [("training", "0003_skills")]

    operations = [
        migrations.RenameField(
            model_name="trainingsession", old_name="photo", new_name="old_photo"
        ),
        migrations.CreateModel(
            name="SessionPhoto",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "original",
                    models.FileField(
                        max_length=200, upload_to="", verbose_name="original"
                    ),
                ),
                ("width", models.PositiveIntegerField(verbose_name="width")),
                ("height", models.PositiveIntegerField(verbose_name="height")),
                (
                    "renditions",
                    models.JSONField(default=list, verbose_name="renditions"),
                ),
                (
                    "uploaded_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="uploaded"),
                ),
                (
                    "session",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="photo",
                        to="training.trainingsession",
                        verbose_name="session",
                    ),
                ),
            ],
            options={
                "verbose_name": "session photo",
                "verbose_name_plural": "session photos",
            },
        ),
        migrations.RunPython(photos_to_rows, rows_to_photos),
        migrations.RemoveField(model_name="trainingsession", name="old_photo"),
        migrations.RemoveField(model_name="trainingsession", name="photo_small"),
    ]
