"""A member hands in finished pieces: choose the product, the form, its result."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Product, Status
from core.once import one_time_form
from core.photos import PhotoRejected
from members.models import Member
from members.roles import Role, has_role, role_required

from .. import selectors, services
from ..forms import HandInForm
from ..models import HandIn, HandInStatus
from .kept_photos import (
    KEPT_PHOTO_FIELD,
    keep_photo,
    kept_photo_delete,
    kept_photo_from,
    kept_storage,
)


def _own_member(request: HttpRequest) -> Member:
    """The logged-in member herself; 403 page for accounts without a profile."""
    member = Member.objects.filter(user=request.user).first()
    if member is None:
        raise Http404(_("This account has no member profile."))
    return member


# A page of tiles stays light on a slow line, whatever the catalogue's size.
CHOOSER_PAGE_SIZE = 24
CHOOSER_RECENT = 6


@role_required(Role.MEMBER, Role.TRAINER, Role.ADMIN)
def submit_choose(request: HttpRequest) -> HttpResponse:
    member = _own_member(request)
    query = request.GET.get("q", "").strip()[:100]
    # Her own recent products first: she mostly knits the same few models. A
    # search looks through everything instead.
    recent = (
        []
        if query
        else selectors.products_recently_handed_in(member=member, limit=CHOOSER_RECENT)
    )
    products = selectors.products_for_hand_in(
        query=query, exclude_pks=[product.pk for product in recent]
    )
    page = Paginator(products, CHOOSER_PAGE_SIZE).get_page(request.GET.get("page"))
    if page.number > 1:
        recent = []
    selectors.with_tile_photo([*recent, *page.object_list])
    return render(
        request,
        "production/submit_choose.html",
        {"recent": recent, "page": page, "query": query},
    )


# A photo sent with a form that was refused for another reason is kept, cleaned,
# so that she need not take and send it again; the form carries a signed
# reference to it. It waits among the temporary uploads, not in the public media,
# and what nobody sent again is removed after a day.


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
    kept = kept_photo_from(request)
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
        photo = upload or (kept_storage().open(kept.name) if kept else None)
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
                transaction.on_commit(partial(kept_photo_delete, kept))
            messages.success(request, _("Thank you! Your hand-in was received."))
            return redirect(hand_in.get_absolute_url())
        finally:
            if photo is not None and photo is not upload:
                photo.close()
    upload = request.FILES.get("photo")
    if upload is not None and not form.has_error("photo"):
        try:
            fresh = keep_photo(request, upload)
        except PhotoRejected as error:
            form.add_error("photo", error.messages[0])
        else:
            if kept:
                kept_photo_delete(kept)
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
