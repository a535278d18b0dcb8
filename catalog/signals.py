"""Photo files leave storage with their row.

A signal, because deleting a product removes its photos by cascade, which never
calls ProductPhoto.delete(). The files go only once the deletion is committed, so
a rolled-back delete keeps them.
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import ProductPhoto


@receiver(post_delete, sender=ProductPhoto)
def remove_photo_files(sender, instance: ProductPhoto, **kwargs) -> None:
    from .services import delete_files

    names = instance.file_names()
    transaction.on_commit(lambda: delete_files(names))
