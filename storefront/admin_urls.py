"""The shop's pages for the co-op's admins, inside the portal."""

from .feeds import urls as feeds
from .orders import urls as orders

app_name = "shop-admin"

urlpatterns = [
    *orders.admin_urlpatterns,
    *feeds.admin_urlpatterns,
]
