"""What every admin page of the portal shares: plain help and touch-friendly fields.

The co-op's pengurus uses the admin on a phone. A list of several choices is a
list of checkboxes (Django's plain multiple select asks to hold down “Control”,
and its two-box picker is unusable on a narrow screen), and each admin may give
its fields a short help text of its own, beside the one on the model.
"""

import copy

from django import forms
from django.contrib import admin
from django.db import models

TOUCH_FIELDS = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}


def with_help_texts(form_class, help_texts: dict):
    """``form_class`` (a fresh class from the admin's factory) with ``help_texts``.

    Declared fields are shared with the form they come from (also used on the
    portal's own pages), so they are copied before their help text changes.
    """
    if not help_texts:
        return form_class
    # Read-only fields take their help text from here.
    form_class._meta.help_texts = {**(form_class._meta.help_texts or {}), **help_texts}
    for name, text in help_texts.items():
        field = form_class.base_fields.get(name)
        if field is not None:
            field = copy.deepcopy(field)
            field.help_text = text
            form_class.base_fields[name] = field
    return form_class


class PlainWordsMixin:
    """For a ModelAdmin or an inline: checkboxes for many-to-many, own help texts."""

    help_texts: dict = {}

    def __init__(self, *args, **kwargs):
        self.formfield_overrides = {**TOUCH_FIELDS, **self.formfield_overrides}
        super().__init__(*args, **kwargs)


class PlainWordsAdmin(PlainWordsMixin, admin.ModelAdmin):
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return with_help_texts(form, self.help_texts)


class PlainWordsStackedInline(PlainWordsMixin, admin.StackedInline):
    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        with_help_texts(formset.form, self.help_texts)
        return formset
