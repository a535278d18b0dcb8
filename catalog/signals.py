"""Photo files leave storage with their row.

A signal, because deleting a product removes its photos by cascade, which never
calls ProductPhoto.delete(). The files go only once the deletion is committed, so
a rolled-back delete keeps them.
"""

from django.db.models.signals import post_delete
from django.dispatch import Signal, receiver

from core.storage import delete_files_on_commit

from .models import ProductPhoto

# Sent when photos of a product change order through ``update()``, which sends no
# ``post_save``; ``product_id`` says whose.
photos_reordered = Signal()


@receiver(post_delete, sender=ProductPhoto)
def remove_photo_files(sender, instance: ProductPhoto, **kwargs) -> None:
    delete_files_on_commit(instance.file_names())
