"""Assessment fixtures: a valve maker with products, links made through the service."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from exportpilot.accounts.models import Membership
from exportpilot.audit.actors import Actor


@pytest.fixture
def valve_maker(workspace: Any, make_company: Any) -> Any:
    from exportpilot.companies.models import Product

    company = make_company(workspace, name="Nordic Valves ApS", industry_code="281400")
    Product.objects.create(company=company, hs_code="848180")
    return company


@pytest.fixture
def make_link(adam: Any) -> Any:
    """Create a link as Adam; returns (invitation, token)."""
    from exportpilot.assessments.services import create_invitation

    def make(
        company: Any, markets: tuple[str, ...] = ("CHN", "DEU"), **kwargs: Any
    ) -> Any:
        membership = Membership.objects.get(user=adam, workspace=company.workspace)
        return create_invitation(
            Actor.of(membership), company, markets=list(markets), **kwargs
        )

    return make


@pytest.fixture
def owner() -> Client:
    """The SME owner's browser: no account."""
    return Client()


def open_link(client: Client, token: str, language: str = "en") -> Any:
    """Open a link in a browser and choose a language; returns the questions page."""
    first = client.get(f"/a/{token}/")
    assert first.status_code == 302
    client.post("/a/language/", {"language": language})
    return client.get("/a/questions/")


def all_answers(response: Any, value: str = "2") -> dict[str, str]:
    """An answer to every question the link asks."""
    asked = response.questionnaire.parsed.asked(response.invitation.requirements)
    return {q.key: value for q in asked}
