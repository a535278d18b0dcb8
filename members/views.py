from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import Member
from .roles import primary_role


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    # Always the logged-in user's own profile: no id in the URL to guess.
    member = Member.objects.filter(user=request.user).first()
    return render(
        request,
        "members/profile.html",
        {"member": member, "role": primary_role(request.user)},
    )
