from django.urls import path

from . import views

# In "shop-site", at the root: /feed/meta.csv and /feed/google.xml.
public_urlpatterns = [
    path("feed/meta.csv", views.meta_feed, name="feed-meta"),
    path("feed/google.xml", views.google_feed, name="feed-google"),
]
# In "shop-admin", under /portal/toko/.
admin_urlpatterns = [
    path("feed/", views.feed_check, name="feed-check"),
    path("feed/shopee.xlsx", views.shopee_feed, name="feed-shopee"),
]
