"""The portal's URLs plus small one-time forms that write a group, for the tests."""

from django.contrib import messages
from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path

from core.once import one_time_form, release_token
from hirarajut.urls import urlpatterns as portal_urlpatterns

# Apart from the role groups the portal keeps.
PREFIX = "test:"


@one_time_form
def group_create(request):
    if request.method != "POST":
        return HttpResponse("form")
    name = request.POST.get("name", "").strip()
    if not name:
        return HttpResponse("Write a name.", status=400)
    group = Group.objects.create(name=f"{PREFIX}{name}")
    messages.success(request, "Group saved.")
    return redirect("group-detail", pk=group.pk)


@one_time_form
def group_create_or_refuse(request):
    """Refuses with a redirect and a message, as the review buttons do."""
    name = request.POST.get("name", "")
    if name == "refuse":
        release_token(request)
        messages.error(request, "Refused.")
        return redirect("group-list")
    group = Group.objects.create(name=f"{PREFIX}{name}")
    return redirect("group-detail", pk=group.pk)


@one_time_form
def group_create_then_fail(request):
    Group.objects.create(name=f"{PREFIX}{request.POST['name']}")
    raise RuntimeError("the work broke after writing")


def group_detail(request, pk):
    return HttpResponse(Group.objects.get(pk=pk).name)


urlpatterns = [
    *portal_urlpatterns,
    path("test-groups/", group_create, name="group-list"),
    path("test-groups/or-refuse/", group_create_or_refuse, name="group-or-refuse"),
    path("test-groups/fail/", group_create_then_fail, name="group-fail"),
    path("test-groups/<int:pk>/", group_detail, name="group-detail"),
]
