from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "portal"

urlpatterns = [
    path("portal/", views.home, name="home"),
    path("portal/riwayat/", views.my_history, name="my-history"),
    # The member's own page lived under production; saved links keep working.
    path(
        "produksi/riwayat/",
        RedirectView.as_view(pattern_name="portal:my-history", permanent=True),
    ),
]
