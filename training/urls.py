from django.http import Http404
from django.urls import path

app_name = "training"


def _not_yet(request):
    raise Http404


urlpatterns = [
    path("", _not_yet, name="session-list"),
    path("perkembangan/", _not_yet, name="progress-list"),
    path("laporan/", _not_yet, name="reports"),
]
