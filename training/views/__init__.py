from .progress import assessment_create, progress_list
from .reports import report_csv, reports
from .sessions import (
    session_attendance,
    session_create,
    session_detail,
    session_edit,
    session_list,
)

__all__ = [
    "assessment_create",
    "progress_list",
    "report_csv",
    "reports",
    "session_attendance",
    "session_create",
    "session_detail",
    "session_edit",
    "session_list",
]
