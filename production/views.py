import contextlib
import re
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import Product, ProductPhoto, Status
from core.once import one_time_form, release_token
from core.periods import month_from_text, months_back
from core.photos import PhotoRejected, process_photo
from members.models import Member
from members.roles import Role, has_role, role_required

from . import selectors, services
from .forms import QUICK_REASONS, HandInForm, RejectForm
from .models import Grade, HandIn, HandInStatus


def _own_member(request: HttpRequest) -> Member:
    """The logged-in member herself; 403 page for accounts without a profile."""
    member = Member.objects.filter(user=request.user).first()
    if member is None:
        raise Http404(_("This account has no member profile."))
    return member


def _products_for_hand_in(query: str):
    products = (
        Product.objects.exclude(status=Status.ARCHIVED)
        .select_related("category")
        .prefetch_related(
            Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id"))
        )
        .order_by("category__position", "name")
    )
    if query:
        products = products.filter(Q(name__icontains=query) | Q(sku__icontains=query))
    return products


@role_required(Role.MEMBER, Role.TRAINER, Role.ADMIN)
def submit_choose(request: HttpRequest) -> HttpResponse:
    _own_member(request)
    query = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "production/submit_choose.html",
        {"products": _products_for_hand_in(query), "query": query},
    )


# A photo sent with a form that was refused for another reason is kept, cleaned,
# so that she need not take and send it again; the form carries a signed
# reference to it. It waits among the temporary uploads, not in the public media,
# and what nobody sent again is removed after a day.
KEPT_PHOTO_FIELD = "kept_photo"
KEPT_PHOTO_MAX_AGE = 24 * 60 * 60
_KEPT_PHOTO_SALT = "production.hand-in.kept-photo"
_KEPT_PHOTO_NAME = re.compile(r"[0-9a-f]{32}\.(jpg|png)")


@dataclass(frozen=True)
class KeptPhoto:
    name: str
    filename: str
    token: str


def _kept_storage() -> FileSystemStorage:
    base = settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir()
    return FileSystemStorage(location=Path(base) / "hirarajut-kept-photos")


def _kept_photos_sweep(storage: FileSystemStorage) -> None:
    """Remove kept photos older than their signed reference may be."""
    if not storage.exists(""):
        return
    cutoff = time.time() - KEPT_PHOTO_MAX_AGE
    for name in storage.listdir("")[1]:
        path = Path(storage.path(name))
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()


def _kept_photo_from(request: HttpRequest) -> KeptPhoto | None:
    """The photo the refused form kept for this user, if the reference holds."""
    token = request.POST.get(KEPT_PHOTO_FIELD, "")
    if not token:
        return None
    try:
        data = signing.loads(token, salt=_KEPT_PHOTO_SALT, max_age=KEPT_PHOTO_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("user") != request.user.pk:
        return None
    name = str(data.get("name", ""))
    if not _KEPT_PHOTO_NAME.fullmatch(name) or not _kept_storage().exists(name):
        return None
    return KeptPhoto(name=name, filename=str(data.get("filename", "")), token=token)


def _keep_photo(request: HttpRequest, upload) -> KeptPhoto:
    """Check and clean ``upload`` once and keep it; raises PhotoRejected."""
    upload.seek(0)
    original = process_photo(upload).original
    storage = _kept_storage()
    _kept_photos_sweep(storage)
    extension = "png" if original.extension == "png" else "jpg"
    name = storage.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(original.data))
    filename = (upload.name or "")[:100]
    token = signing.dumps(
        {"user": request.user.pk, "name": name, "filename": filename},
        salt=_KEPT_PHOTO_SALT,
    )
    return KeptPhoto(name=name, filename=filename, token=token)


def _kept_photo_delete(kept: KeptPhoto) -> None:
    _kept_storage().delete(kept.name)


@role_required(Role.MEMBER, Role.TRAINER, Role.ADMIN)
@one_time_form
def submit(request: HttpRequest, product_pk: int) -> HttpResponse:
    member = _own_member(request)
    product = get_object_or_404(
        Product.objects.prefetch_related("variants"), pk=product_pk
    )
    if product.status == Status.ARCHIVED:
        # Say so instead of a bare "not found": the member may have an old link.
        return render(
            request,
            "production/submit.html",
            {
                "product": product,
                "refusal": _("This product is archived and no longer made."),
            },
            status=400,
        )
    if request.method != "POST":
        form = HandInForm(product=product)
        return render(
            request, "production/submit.html", {"form": form, "product": product}
        )

    form = HandInForm(request.POST, request.FILES, product=product)
    kept = _kept_photo_from(request)
    posted_member = request.POST.get("member")
    if posted_member not in (None, "", str(member.pk)):
        # The form has no member field: someone edited it to post for another.
        form.add_error(None, _("You can only hand in your own pieces."))
    if request.POST.get(KEPT_PHOTO_FIELD) and kept is None and not request.FILES:
        # Never save without the photo she believes is kept.
        form.add_error(
            "photo", _("The photo you sent earlier is no longer kept. Take it again.")
        )
    if form.is_valid():
        upload = form.cleaned_data["photo"]
        photo = upload or (_kept_storage().open(kept.name) if kept else None)
        try:
            hand_in = services.hand_in_submit(
                member=member,
                product=product,
                variant=form.cleaned_data["variant"],
                quantity=form.cleaned_data["quantity"],
                made_on=form.cleaned_data["made_on"],
                note=form.cleaned_data["note"],
                photo=photo,
                submitted_by=request.user,
            )
        except PhotoRejected as error:
            form.add_error("photo", error.messages[0])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if kept:
                transaction.on_commit(partial(_kept_photo_delete, kept))
            messages.success(request, _("Thank you! Your hand-in was received."))
            return redirect(hand_in.get_absolute_url())
        finally:
            if photo is not None and photo is not upload:
                photo.close()
    upload = request.FILES.get("photo")
    if upload is not None and not form.has_error("photo"):
        try:
            fresh = _keep_photo(request, upload)
        except PhotoRejected as error:
            form.add_error("photo", error.messages[0])
        else:
            if kept:
                _kept_photo_delete(kept)
            kept = fresh
    return render(
        request,
        "production/submit.html",
        {"form": form, "product": product, "kept_photo": kept},
        status=400,
    )


@role_required(Role.MEMBER, Role.TRAINER, Role.ADMIN)
def hand_in_detail(request: HttpRequest, pk: int) -> HttpResponse:
    hand_ins = HandIn.objects.select_related(
        "member", "product", "variant__product", "photo"
    )
    if not has_role(request.user, Role.ADMIN, Role.TRAINER):
        # A member sees only her own: someone else's id is simply not found.
        hand_ins = hand_ins.filter(member__user=request.user)
    hand_in = get_object_or_404(hand_ins, pk=pk)
    # A trainer checks the pieces too, but what a member earns is hers and the
    # admin's business only.
    show_earnings = (
        has_role(request.user, Role.ADMIN) or hand_in.member.user_id == request.user.pk
    )
    rate = None
    if show_earnings and hand_in.status == HandInStatus.SUBMITTED:
        rate = services.piece_rate_at(product=hand_in.product, moment=timezone.now())
    return render(
        request,
        "production/hand_in_detail.html",
        {"hand_in": hand_in, "current_rate": rate, "show_earnings": show_earnings},
    )


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


def _month_from(value: str | None) -> tuple[date, str | None]:
    this_month = timezone.localdate().replace(day=1)
    if not value:
        return this_month, None
    month = month_from_text(value)
    if month is None:
        return this_month, _("Unknown month “%(value)s”; showing this month.") % {
            "value": value
        }
    return month, None


@role_required(Role.ADMIN, Role.TRAINER)
def targets(request: HttpRequest) -> HttpResponse:
    month, problem = _month_from(request.GET.get("bulan"))
    if problem:
        messages.warning(request, problem)
    return render(
        request,
        "production/targets.html",
        {
            "month": month,
            "previous": months_back(month, 1),
            "next": months_back(month, -1),
            "rows": selectors.target_progress(month=month),
        },
    )
