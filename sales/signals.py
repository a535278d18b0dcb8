"""A receipt's photo files leave storage with the receipt, once that is committed."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from core.storage import delete_files_on_commit

from .models import ExpenseReceipt


@receiver(post_delete, sender=ExpenseReceipt)
def remove_receipt_files(sender, instance: ExpenseReceipt, **kwargs) -> None:
    delete_files_on_commit(instance.file_names())
