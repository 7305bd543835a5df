"""The result as a PDF in the owner's language (weasyprint; Noto CJK for Chinese)."""

from __future__ import annotations

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation

from exportpilot.assessments.models import Submission
from exportpilot.assessments.queries import get_result
from exportpilot.assessments.sender import sender_for

# weasyprint reports every layout step at INFO; keep the log readable.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_result_pdf(response: Submission, language: str) -> bytes:
    """The PDF bytes of a submitted response's result."""
    import weasyprint

    with translation.override(language):
        context = get_result(response, language)
        context["generated"] = timezone.localdate()
        context["sender"] = sender_for(response.invitation, language)
        html = render_to_string("assessments/result_pdf.html", context)
    return weasyprint.HTML(string=html).write_pdf() or b""


def result_pdf(response: Submission, language: str) -> HttpResponse:
    pdf = render_result_pdf(response, language)
    out = HttpResponse(pdf, content_type="application/pdf")
    stamp = (response.submitted_at or timezone.now()).date().isoformat()
    out["Content-Disposition"] = (
        f'attachment; filename="export-readiness-{stamp}-{language}.pdf"'
    )
    return out
