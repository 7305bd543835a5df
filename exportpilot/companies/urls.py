from django.urls import path

from exportpilot.companies import views

app_name = "companies"
urlpatterns = [
    path("", views.company_list, name="company_list"),
    path("<int:pk>/", views.company_detail, name="company_detail"),
    path("import/", views.import_start, name="import_start"),
]
