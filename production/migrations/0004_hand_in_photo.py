"""A hand-in's photo becomes a HandInPhoto row of the shared stored-photo shape.

The files stay where they are; only their names move. The original's size is
read from storage (its header only), else taken from the largest rendition.
"""

import django.db.models.deletion
from django.core.files.storage import default_storage
from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from PIL import Image


def _size(name: str, renditions: list) -> tuple[int, int]:
    try:
        with default_storage.open(name) as source, Image.open(source) as image:
            return image.size
    except Exception:  # noqa: BLE001 - a missing or unreadable file: use what is known
        largest = max(renditions, key=lambda r: r.get("width", 0), default={})
        return largest.get("width", 0), largest.get("height", 0)


def photos_to_rows(apps, schema_editor):
    HandIn = apps.get_model("production", "HandIn")
    HandInPhoto = apps.get_model("production", "HandInPhoto")
    photos = []
    for hand_in in HandIn.objects.exclude(photo_original="").iterator():
        width, height = _size(hand_in.photo_original.name, hand_in.photo_renditions)
        photos.append(
            HandInPhoto(
                hand_in_id=hand_in.pk,
                original=hand_in.photo_original.name,
                width=width,
                height=height,
                renditions=hand_in.photo_renditions or [],
            )
        )
    HandInPhoto.objects.bulk_create(photos, batch_size=500)
    # The photo came with the hand-in, not with this migration.
    HandInPhoto.objects.update(
        uploaded_at=Subquery(
            HandIn.objects.filter(pk=OuterRef("hand_in_id")).values("submitted_at")[:1]
        )
    )


def rows_to_photos(apps, schema_editor):
    HandIn = apps.get_model("production", "HandIn")
    HandInPhoto = apps.get_model("production", "HandInPhoto")
    for photo in HandInPhoto.objects.iterator():
        HandIn.objects.filter(pk=photo.hand_in_id).update(
            photo_original=photo.original.name, photo_renditions=photo.renditions
        )


class Migration(migrations.Migration):
    dependencies = [("production", "0003_rename_handin")]

    operations = [
        migrations.CreateModel(
            name="HandInPhoto",
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
                    "hand_in",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="photo",
                        to="production.handin",
                        verbose_name="hand-in",
                    ),
                ),
            ],
            options={
                "verbose_name": "hand-in photo",
                "verbose_name_plural": "hand-in photos",
            },
        ),
        migrations.RunPython(photos_to_rows, rows_to_photos),
        migrations.RemoveField(model_name="handin", name="photo_original"),
        migrations.RemoveField(model_name="handin", name="photo_renditions"),
    ]
