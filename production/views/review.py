"""The admins' quality check: accept with a grade, reject with a reason, undo."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.once import one_time_form, release_token
from members.roles import Role, role_required

from .. import selectors, services
from ..forms import QUICK_REASONS, RejectForm
from ..models import Grade, HandIn

_KEPT_REASON = "production_review_reason"


def _grade_choices() -> list[dict]:
    """Each grade with its meaning, from the grade's own label ("A – very neat")."""
    grades = []
    for value, label in Grade.choices:
        label = str(label)
        _letter, _dash, meaning = label.partition(" – ")
        grades.append({"value": value, "label": label, "meaning": meaning or label})
    return grades


def _large_photo_url(photo) -> str | None:
    """The photo at full phone size, for one tap on its thumbnail."""
    rendition = photo.rendition("webp", 1280) or photo.rendition("jpeg")
    return default_storage.url(rendition["name"]) if rendition else None


def _kept_reason(request: HttpRequest) -> dict:
    """The reason typed into a reject that was refused, so it is not lost."""
    kept = request.session.pop(_KEPT_REASON, None)
    return kept if isinstance(kept, dict) else {}


@role_required(Role.ADMIN)
@one_time_form
def review(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _review_undo(request)
    pending = selectors.pending_hand_ins()
    page = Paginator(pending, 30).get_page(request.GET.get("page"))
    for hand_in in page:
        photo = getattr(hand_in, "photo", None)
        hand_in.large_photo_url = _large_photo_url(photo) if photo else None
    recent = selectors.recently_reviewed_hand_ins(
        since=timezone.now() - services.UNDO_WINDOW
    )
    return render(
        request,
        "production/review.html",
        {
            "page": page,
            "recent": recent,
            "grades": _grade_choices(),
            "quick_reasons": list(QUICK_REASONS.items()),
            "kept_reason": _kept_reason(request),
            "undo_minutes": int(services.UNDO_WINDOW.total_seconds() // 60),
        },
    )


def _review_undo(request: HttpRequest) -> HttpResponse:
    """Undo a recent accept or reject: the hand-in waits for its check again."""
    pk = request.POST.get("undo", "")
    hand_in = get_object_or_404(
        HandIn.objects.select_related("member", "variant__product"),
        pk=int(pk) if pk.isdigit() and len(pk) <= 9 else 0,
    )
    try:
        services.hand_in_undo_review(hand_in=hand_in, undone_by=request.user)
    except ValidationError as error:
        release_token(request)
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Undone: %(qty)s × %(item)s from %(member)s waits for its check again.")
            % {
                "qty": hand_in.quantity,
                "item": hand_in.variant,
                "member": hand_in.member,
            },
        )
    return redirect("production:review")


def piece_rate_add_url(product_id: int) -> str:
    """The admin's page for a new piece rate, the product already chosen."""
    query = urlencode({"product": product_id})
    return f"{reverse('admin:production_piecerate_add')}?{query}"


def _accept_refusal(error: ValidationError, hand_in: HandIn) -> str:
    """Why the hand-in was not accepted; with no rate, a link to set one."""
    reason = " ".join(error.messages)
    if getattr(error, "code", None) != "no_piece_rate":
        return reason
    return format_html(
        '{} <a class="alert-link" href="{}">{}</a>',
        reason,
        piece_rate_add_url(hand_in.product_id),
        _("Set the piece rate"),
    )


@require_POST
@role_required(Role.ADMIN)
@one_time_form
def review_accept(request: HttpRequest, pk: int) -> HttpResponse:
    hand_in = get_object_or_404(HandIn.objects.select_related("member"), pk=pk)
    try:
        services.hand_in_accept(
            hand_in=hand_in,
            grade=request.POST.get("grade", ""),
            reviewed_by=request.user,
        )
    except ValidationError as error:
        release_token(request)
        messages.error(request, _accept_refusal(error, hand_in))
    else:
        messages.success(
            request,
            _("Accepted: %(qty)s × %(item)s from %(member)s. Stock went up.")
            % {
                "qty": hand_in.quantity,
                "item": hand_in.variant,
                "member": hand_in.member,
            },
        )
    return redirect("production:review")


@require_POST
@role_required(Role.ADMIN)
@one_time_form
def review_reject(request: HttpRequest, pk: int) -> HttpResponse:
    hand_in = get_object_or_404(HandIn.objects.select_related("member"), pk=pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        release_token(request)
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, " ".join(errors))
        request.session[_KEPT_REASON] = {
            "pk": hand_in.pk,
            "text": request.POST.get("reason", "")[:2000],
        }
        return redirect("production:review")
    try:
        services.hand_in_reject(
            hand_in=hand_in,
            reason=form.cleaned_data["reason"],
            reviewed_by=request.user,
        )
    except ValidationError as error:
        release_token(request)
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Rejected; %(member)s sees your reason.") % {"member": hand_in.member},
        )
    return redirect("production:review")
