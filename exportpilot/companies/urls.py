from django.urls import path

from exportpilot.companies import views

app_name = "companies"
urlpatterns = [
    path("", views.company_list, name="company_list"),
    path("new/", views.company_create, name="company_create"),
    path("export/csv/", views.company_export_csv, name="company_export_csv"),
    path("export/xlsx/", views.company_export_xlsx, name="company_export_xlsx"),
    path("<int:pk>/", views.company_detail, name="company_detail"),
    path("<int:pk>/edit/", views.company_edit, name="company_edit"),
    path("<int:pk>/products/", views.product_add, name="product_add"),
    path(
        "<int:pk>/products/<int:product_pk>/remove/",
        views.product_remove,
        name="product_remove",
    ),
    path(
        "<int:pk>/export-statuses/", views.export_status_set, name="export_status_set"
    ),
    path("<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path(
        "<int:pk>/contacts/<int:contact_pk>/edit/",
        views.contact_edit,
        name="contact_edit",
    ),
    path(
        "<int:pk>/contacts/<int:contact_pk>/remove/",
        views.contact_remove,
        name="contact_remove",
    ),
    path("import/", views.import_start, name="import_start"),
    path("import/<int:pk>/", views.import_preview, name="import_preview"),
    path("import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path(
        "import/template.csv",
        views.import_template,
        {"fmt": "csv"},
        name="import_template_csv",
    ),
    path(
        "import/template.xlsx",
        views.import_template,
        {"fmt": "xlsx"},
        name="import_template_xlsx",
    ),
]
