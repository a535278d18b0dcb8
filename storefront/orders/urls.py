from django.urls import path

from . import views

# In the shop's namespace ("shop"), language-prefixed.
public_urlpatterns = [
    path("pesan/<int:variant_id>/", views.order_request, name="order"),
    path("pesan/terkirim/<str:signed>/", views.order_sent, name="order-sent"),
]
# In "shop-admin", under /portal/toko/.
admin_urlpatterns = [
    path("pesanan/", views.order_list, name="order-list"),
    path("pesanan/<int:pk>/", views.order_detail, name="order-detail"),
    path("pesanan/<int:pk>/jadi-penjualan/", views.order_convert, name="order-convert"),
    path("pesanan/<int:pk>/tutup/", views.order_close, name="order-close"),
]
