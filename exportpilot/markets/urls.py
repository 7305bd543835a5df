from django.urls import path

from exportpilot.markets import views

app_name = "markets"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("export.xlsx", views.markets_export_xlsx, name="markets_export_xlsx"),
    path("datasets/", views.dataset_list, name="dataset_list"),
    path("datasets/import/", views.dataset_import, name="dataset_import"),
    path("runs/", views.run_list, name="run_list"),
    path("runs/start/", views.run_start, name="run_start"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("market/<str:market>/", views.market_detail, name="market_detail"),
    path(
        "market/<str:market>/export.xlsx",
        views.market_export_xlsx,
        name="market_export_xlsx",
    ),
    path("market/<str:market>/report.pdf", views.market_pdf, name="market_pdf"),
    path(
        "companies/<int:pk>/",
        views.company_opportunities,
        name="company_opportunities",
    ),
    path(
        "companies/<int:pk>/export.xlsx",
        views.company_opportunities_xlsx,
        name="company_opportunities_xlsx",
    ),
    path("ranking/", views.ranking, name="ranking"),
    path("ranking/export.<str:fmt>", views.ranking_export, name="ranking_export"),
    path("product-space/", views.product_space, name="product_space"),
    path(
        "product-space/export.xlsx",
        views.product_space_xlsx,
        name="product_space_xlsx",
    ),
    path("products/", views.product_search, name="product_search"),
]
