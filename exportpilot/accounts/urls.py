from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import RedirectView

from exportpilot.accounts import views
from exportpilot.accounts.mfa import views as mfa_views

app_name = "accounts"
urlpatterns = [
    # The home page is exportpilot.home's ("home:home"); the old name still reverses
    # to "/" (home's pattern comes first in the root URLconf and answers it).
    path("", RedirectView.as_view(pattern_name="home:home"), name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("welcome/<uidb64>/<token>/", views.WelcomeView.as_view(), name="welcome"),
    path(
        "password_change/", views.PasswordChangeView.as_view(), name="password_change"
    ),
    path("password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password_reset/done/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("members/", views.member_list, name="member_list"),
    path("members/invite/", views.member_invite, name="member_invite"),
    path("members/<int:pk>/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("members/<int:pk>/link/", views.member_link, name="member_link"),
    path(
        "workspaces/<int:workspace_id>/leave/",
        views.workspace_leave,
        name="workspace_leave",
    ),
    path("mfa/", mfa_views.manage, name="mfa_manage"),
    path("mfa/enrol/", mfa_views.enrol, name="mfa_enrol"),
    path("mfa/verify/", mfa_views.verify, name="mfa_verify"),
    path("mfa/codes/", mfa_views.regenerate_codes, name="mfa_codes"),
    path("mfa/remove/", mfa_views.remove, name="mfa_remove"),
    path(
        "mfa/workspace/",
        mfa_views.require_for_all_roles,
        name="mfa_require_for_all_roles",
    ),
]
