"""One-time form tokens: a form sent twice writes once and leads to the first result.

A page puts ``{% form_token %}`` in each form that writes; the view that takes the
POST is wrapped in ``@one_time_form``. A second tap on a slow connection, or a
browser sending the same POST again, then writes nothing.
"""

import re
import secrets
from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .models import FormSubmission

FIELD = "form_token"
KEEP_DAYS = 30
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RELEASED = "_form_token_released"

View = Callable[..., HttpResponse]


def new_token() -> str:
    return secrets.token_urlsafe(32)


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


class _NotCompleted(Exception):
    """Carries a response that did not complete the form out of its transaction."""

    def __init__(self, response: HttpResponse):
        super().__init__()
        self.response = response


def one_time_form(view: View) -> View:
    """Carry out a POST of ``view`` at most once per form token.

    The first POST claims its token in the same transaction as the view's work.
    A redirect completes the claim and is remembered as the result; any other
    response (the form shown again with its errors) rolls the work and the claim
    back, so the corrected form can be sent again with the same token. A POST whose
    token was claimed before writes nothing and is sent to the first result.
    GET requests pass straight through.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method != "POST":
            return view(request, *args, **kwargs)
        token = request.POST.get(FIELD, "")
        if not _TOKEN.fullmatch(token):
            return _refusal(request, _missing_message(), status=400)
        earlier = _claimed(token)
        if earlier is not None:
            return _replay(request, earlier)
        try:
            with transaction.atomic():
                try:
                    # A savepoint: the unique token refuses a second claim.
                    with transaction.atomic():
                        submission = FormSubmission.objects.create(
                            token=token, user=_user(request), path=request.path[:300]
                        )
                except IntegrityError:
                    # Sent again while the first one was being saved, which won.
                    submission = None
                else:
                    response = view(request, *args, **kwargs)
                    if response.status_code not in _REDIRECTS:
                        raise _NotCompleted(response)
                    if getattr(request, _RELEASED, False):
                        submission.delete()
                    else:
                        submission.result_url = response["Location"][:500]
                        submission.completed = True
                        submission.save(update_fields=["result_url", "completed"])
        except _NotCompleted as refused:
            return refused.response
        if submission is None:
            return _replay(request, _claimed(token))
        return response

    wrapper.one_time_form = True
    return wrapper


def release_token(request: HttpRequest) -> None:
    """The view refused the form and wrote nothing: its token may be sent again.

    For views that answer a refusal with a redirect and a message; a form shown
    again with its errors releases its token by itself.
    """
    setattr(request, _RELEASED, True)


def clear_old_tokens(*, days: int = KEEP_DAYS) -> int:
    """Delete the claims older than ``days``; returns how many."""
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _rows = FormSubmission.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _claimed(token: str) -> FormSubmission | None:
    return FormSubmission.objects.filter(token=token).first()


def _user(request: HttpRequest):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _replay(request: HttpRequest, earlier: FormSubmission | None) -> HttpResponse:
    if earlier is not None:
        user = _user(request)
        if (
            earlier.user_id != (user.pk if user else None)
            or earlier.path != (request.path[:300])
        ):
            # Not this form's token: refuse rather than lead somewhere unrelated.
            return _refusal(request, _missing_message(), status=400)
    if earlier is None or not earlier.completed:
        return _refusal(
            request,
            _(
                "This form is still being saved. Wait a moment, then refresh this "
                "page; it is not saved twice."
            ),
            status=409,
        )
    messages.info(request, _("This was already saved; here is the result."))
    return HttpResponseSeeOther(earlier.result_url)


def _missing_message() -> str:
    return _(
        "This form has no valid one-time code, so nothing was saved. Open the page "
        "again and send the form once more."
    )


def _refusal(request: HttpRequest, message: str, *, status: int) -> HttpResponse:
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    return render(
        request,
        "core/form_refused.html",
        {"message": message, "back": back},
        status=status,
    )
