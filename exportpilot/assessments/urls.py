from django.urls import path

from exportpilot.assessments import follow_up_views, letterhead_views, views

app_name = "assessments"
urlpatterns = [
    path("", views.assessment_list, name="assessment_list"),
    path("<int:pk>/", views.submission_detail, name="submission_detail"),
    path("<int:pk>/result.pdf", views.submission_pdf, name="submission_pdf"),
    path("<int:pk>/follow-ups/", views.followup_create, name="followup_create"),
    path("letterhead/", letterhead_views.letterhead_edit, name="letterhead_edit"),
    path("follow-ups/", follow_up_views.followup_list, name="followup_list"),
    path(
        "follow-ups/<int:pk>/assign/",
        follow_up_views.followup_assign,
        name="followup_assign",
    ),
    path(
        "follow-ups/<int:pk>/close/",
        follow_up_views.followup_close,
        name="followup_close",
    ),
    path("companies/<int:pk>/", views.company_assessments, name="company_assessments"),
    path("companies/<int:pk>/invite/", views.link_create, name="link_create"),
    path("links/<int:pk>/", views.link_detail, name="link_detail"),
    path("links/<int:pk>/revoke/", views.link_revoke, name="link_revoke"),
    path("questionnaires/", views.questionnaire_list, name="questionnaire_list"),
    path(
        "questionnaires/install/",
        views.questionnaire_install,
        name="questionnaire_install",
    ),
    path(
        "questionnaires/<int:pk>/",
        views.questionnaire_detail,
        name="questionnaire_detail",
    ),
    path(
        "questionnaires/<int:pk>/draft/",
        views.questionnaire_draft,
        name="questionnaire_draft",
    ),
    path(
        "questionnaires/<int:pk>/publish/",
        views.questionnaire_publish,
        name="questionnaire_publish",
    ),
    path(
        "questionnaires/<int:pk>/<str:kind>/<slug:key>/",
        views.item_edit,
        name="item_edit",
    ),
    path(
        "questionnaires/<int:pk>/question/<slug:key>/remove/",
        views.question_remove,
        name="question_remove",
    ),
]
