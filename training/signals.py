"""A session photo's files leave storage with the photo, once that is committed."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from core.storage import delete_files_on_commit

from .models import SessionPhoto


@receiver(post_delete, sender=SessionPhoto)
def remove_session_photo_files(sender, instance: SessionPhoto, **kwargs) -> None:
    delete_files_on_commit(instance.file_names())
