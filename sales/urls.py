from .views import expenses, reports, sales, wages

app_name = "sales"

urlpatterns = (
    sales.urlpatterns + expenses.urlpatterns + wages.urlpatterns + reports.urlpatterns
)
