"""A session's photo files leave storage with the session, once that is committed."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import TrainingSession


@receiver(post_delete, sender=TrainingSession)
def remove_session_photo(sender, instance: TrainingSession, **kwargs) -> None:
    from catalog.services import delete_files

    names = instance.file_names()
    if names:
        transaction.on_commit(lambda: delete_files(names))
