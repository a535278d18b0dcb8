"""What every app's forms share."""

from django.core.exceptions import ValidationError
from django.forms import Form


def add_errors(form: Form, error: ValidationError) -> None:
    """A service's ValidationError onto the form: by field where the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
