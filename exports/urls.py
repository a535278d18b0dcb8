"""The export pages, for admins: shipments, SKA applications, realisation."""

from django.urls import path

from .views import documents, shipments, ska
from .views.realisation import urlpatterns as realisation_urls

app_name = "exports"

urlpatterns = [
    path("", shipments.shipment_list, name="shipment-list"),
    path("baru/", shipments.shipment_create, name="shipment-create"),
    path("pembeli/baru/", shipments.buyer_create, name="buyer-create"),
    path("<int:pk>/", shipments.shipment_detail, name="shipment-detail"),
    path("<int:pk>/ubah/", shipments.shipment_update, name="shipment-update"),
    path("<int:pk>/barang/baru/", shipments.line_create, name="line-create"),
    path("barang/<int:pk>/", shipments.line_update, name="line-update"),
    path("barang/<int:pk>/hapus/", shipments.line_delete, name="line-delete"),
    path(
        "<int:pk>/dokumen/<slug:kind>/",
        documents.document_upload,
        name="document-upload",
    ),
    path("dokumen/<int:pk>/", documents.document_download, name="document-download"),
    path("<int:pk>/ska/formulir/", ska.form_choose, name="ska-form"),
    path("<int:pk>/ska/siap/", ska.mark_ready, name="ska-ready"),
    path("<int:pk>/ska/draf/", ska.back_to_draft, name="ska-draft"),
    path("<int:pk>/ska/kirim/", ska.submit, name="ska-submit"),
    path("<int:pk>/ska/terverifikasi/", ska.verify, name="ska-verify"),
    path("<int:pk>/ska/terbit/", ska.issue, name="ska-issue"),
    path("<int:pk>/ska/tolak/", ska.reject, name="ska-reject"),
    path("<int:pk>/ska/perbaiki/", ska.reopen, name="ska-reopen"),
]
urlpatterns += realisation_urls
