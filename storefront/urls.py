"""The shop's pages, in Indonesian at ``/...`` and in English at ``/en/...``."""

from django.urls import path

from . import views
from .orders import urls as orders

app_name = "shop"

urlpatterns = [
    path("", views.home, name="home"),
    path("produk/", views.products, name="products"),
    path("produk/<slug:slug>/", views.product, name="product"),
    path("kategori/<slug:slug>/", views.category, name="category"),
    path("tentang/", views.about, name="about"),
    path("kontak/", views.contact, name="contact"),
    *orders.public_urlpatterns,
]
