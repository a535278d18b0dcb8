from .views import entries, reports

app_name = "sales"

urlpatterns = entries.urlpatterns + reports.urlpatterns
