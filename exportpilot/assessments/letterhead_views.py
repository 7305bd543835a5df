"""The workspace admin's page for the sender and the privacy notice that SMEs see."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from exportpilot.accounts.http import AuthenticatedHttpRequest
from exportpilot.accounts.models import Organisation, Workspace
from exportpilot.accounts.permissions import admin_required
from exportpilot.assessments import services
from exportpilot.assessments.content import LANGUAGES
from exportpilot.assessments.forms import LetterheadForm
from exportpilot.assessments.sender import default_privacy_notice, get_letterhead


def _defaults(workspace: Workspace, sender: str) -> dict[str, str]:
    """The default notice of each language, as an SME would read it."""
    names = Organisation.objects.for_workspace(workspace).values_list("name", flat=True)
    organisations = ", ".join(names)
    found = {}
    for language in LANGUAGES:
        with translation.override(language):
            found[language] = default_privacy_notice(
                controller=sender,
                workspace=str(workspace),
                organisations=organisations or str(workspace),
                company=_("[the company]"),
                contact=_("[the contact e-mail]"),
            )
    return found


@require_http_methods(["GET", "POST"])
@admin_required
def letterhead_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = request.membership
    letterhead = get_letterhead(membership.workspace)
    defaults = _defaults(
        membership.workspace, letterhead.sender or membership.workspace.name
    )
    form = LetterheadForm(request.POST or None, instance=letterhead, defaults=defaults)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_letterhead(
                request.actor, **{name: form.cleaned_data[name] for name in form.fields}
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Sender and privacy notice saved."))
            return redirect("assessments:letterhead_edit")
    return render(request, "assessments/letterhead_form.html", {"form": form})
