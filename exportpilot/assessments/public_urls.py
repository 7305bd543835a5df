"""The self-assessment link pages (no account): mounted at /a/."""

from django.urls import path

from exportpilot.assessments import public

app_name = "selfassessment"
urlpatterns = [
    path("", public.start, name="start"),
    path("language/", public.choose_language, name="language"),
    path("questions/", public.questions, name="questions"),
    path("answer/", public.answer, name="answer"),
    path("submit/", public.submit, name="submit"),
    path("result/", public.result, name="result"),
    path("result.pdf", public.pdf, name="pdf"),
    path("<str:token>/", public.link_open, name="open"),
]
