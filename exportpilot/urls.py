from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from exportpilot.api import api
from exportpilot.lib.views import favicon

urlpatterns = [
    path("", include("exportpilot.home.urls")),
    path("", include("exportpilot.accounts.urls")),
    path("companies/", include("exportpilot.companies.urls")),
    path("jobs/", include("exportpilot.jobs.urls")),
    path("assessments/", include("exportpilot.assessments.urls")),
    path("a/", include("exportpilot.assessments.public_urls")),
    path("markets/", include("exportpilot.markets.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/v1/", api.urls),
    path("favicon.ico", favicon, name="favicon"),
]
