from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("produk/", views.product_list, name="product-list"),
    path("produk/<int:pk>/", views.product_detail, name="product-detail"),
    path("produk/<int:pk>/foto/", views.product_photos, name="product-photos"),
    path("produk/<int:pk>/status/", views.product_status, name="product-status"),
    path("produk/<int:pk>/stok-opname/", views.stock_count, name="stock-count"),
    path("varian/<int:pk>/kartu-stok/", views.stock_card, name="stock-card"),
    path(
        "foto/<int:pk>/<str:action>/",
        views.photo_action,
        name="photo-action",
    ),
]
