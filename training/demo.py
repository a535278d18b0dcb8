"""Demo training sessions, attendance and assessments (called by seed_demo)."""


def seed_training() -> None:
    pass
