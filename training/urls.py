from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.session_list, name="session-list"),
    path("sesi/baru/", views.session_create, name="session-create"),
    path("sesi/<int:pk>/", views.session_detail, name="session-detail"),
    path("sesi/<int:pk>/ubah/", views.session_edit, name="session-edit"),
    path("sesi/<int:pk>/absensi/", views.session_attendance, name="session-attendance"),
    path("anggota/", views.progress_list, name="progress-list"),
    path(
        "anggota/<int:pk>/penilaian/",
        views.assessment_create,
        name="assessment-create",
    ),
    path("laporan/", views.reports, name="reports"),
    path("laporan/<str:table>.csv", views.report_csv, name="report-csv"),
]
