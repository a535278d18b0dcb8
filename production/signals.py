"""A hand-in's photo files leave storage with the photo, once that is committed."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from core.storage import delete_files_on_commit

from .models import HandInPhoto


@receiver(post_delete, sender=HandInPhoto)
def remove_hand_in_photo_files(sender, instance: HandInPhoto, **kwargs) -> None:
    delete_files_on_commit(instance.file_names())
