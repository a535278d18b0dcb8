"""The whole portal in one archive: the database, the media and the private files."""

from .archive import BackupError, Manifest, verify
from .operations import (
    BackupResult,
    RestorePlan,
    archive_check,
    backup_create,
    backup_restore,
    migration_state,
)

__all__ = [
    "BackupError",
    "BackupResult",
    "Manifest",
    "RestorePlan",
    "archive_check",
    "backup_create",
    "backup_restore",
    "migration_state",
    "verify",
]
