"""The workspace's home page: its action plan, the apps' panels, its partners."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from exportpilot.accounts.http import AuthenticatedHttpRequest
from exportpilot.accounts.models import Organisation
from exportpilot.accounts.permissions import member_required
from exportpilot.lib.panels import render_panels


@require_GET
@member_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "panels": render_panels("home", request),
        "organisations": Organisation.objects.for_actor(request.actor),
    }
    return render(request, "home/home.html", context)
