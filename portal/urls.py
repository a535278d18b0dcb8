from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "portal"

urlpatterns = [
    path("portal/", views.home, name="home"),
    path("portal/riwayat/", views.my_history, name="my-history"),
    # Shown with the training pages: attendance and skills from training, pieces
    # from production, which training does not import.
    path(
        "pelatihan/anggota/<int:pk>/",
        views.member_progress,
        name="member-progress",
    ),
    # The member's own page lived under production; saved links keep working.
    path(
        "produksi/riwayat/",
        RedirectView.as_view(pattern_name="portal:my-history", permanent=True),
    ),
]
