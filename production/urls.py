from django.urls import path

from . import views

app_name = "production"

urlpatterns = [
    path("setor/", views.submit_choose, name="submit-choose"),
    path("setor/<int:product_pk>/", views.submit, name="submit"),
    path("setoran/<int:pk>/", views.hand_in_detail, name="hand-in-detail"),
    path("periksa/", views.review, name="review"),
    path("periksa/<int:pk>/terima/", views.review_accept, name="review-accept"),
    path("periksa/<int:pk>/tolak/", views.review_reject, name="review-reject"),
    path("target/", views.targets, name="targets"),
]
