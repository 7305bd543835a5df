"""Demo assessments: a few dozen companies over 2021-2024, some twice, always the same."""

from __future__ import annotations

import pytest

from exportpilot.assessments.demo import add_demo_assessments
from exportpilot.assessments.models import AssessmentLink, Submission
from exportpilot.audit.actors import Actor, Channel

pytestmark = pytest.mark.django_db


def _demo(workspace):
    return Actor.system_caller("demo", workspace_id=workspace.pk, channel=Channel.DEMO)


def _summary():
    return sorted(
        (r.company.cvr_number, r.submitted_at.isoformat(), r.overall_score)
        for r in Submission.objects.select_related("company")
    )


def test_demo_assessments_are_spread_deterministic_and_added_once(
    workspace, make_company
):
    from conftest import valid_cvr

    for n in range(50):
        make_company(
            workspace, name=f"Demo {n:02d} ApS", cvr_number=valid_cvr(2000000 + 10 * n)
        )
    created = add_demo_assessments(_demo(workspace), workspace)
    assert created == Submission.objects.count()
    companies = {r.company_id for r in Submission.objects.all()}
    assert len(companies) == 36
    assert created - len(companies) >= 10  # assessed twice
    years = {r.submitted_at.year for r in Submission.objects.all()}
    assert years <= {2021, 2022, 2023, 2024}
    assert len(years) >= 3
    assert all(r.submitted_at and r.band for r in Submission.objects.all())
    first = _summary()
    assert add_demo_assessments(_demo(workspace), workspace) == 0
    AssessmentLink.objects.all().delete()  # and their responses
    add_demo_assessments(_demo(workspace), workspace)
    assert _summary() == first
