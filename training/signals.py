"""A session's photo files leave storage with the session, once that is committed."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from core.storage import delete_files_on_commit

from .models import TrainingSession


@receiver(post_delete, sender=TrainingSession)
def remove_session_photo(sender, instance: TrainingSession, **kwargs) -> None:
    delete_files_on_commit(instance.file_names())
