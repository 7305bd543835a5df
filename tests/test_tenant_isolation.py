"""Every object URL and API endpoint answers 404 to outsiders (SECURITY.md G-AC-1/2/5).

The objects live in Sønderborg's workspace. Oscar administers another workspace;
Charlie belongs to none. For every route that takes an id, both must get 404 on
GET and on POST (or the API's write methods), and nothing may change. The test
fails when a new route with an id is added without an entry in ``OBJECTS``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from exportpilot.api import api
from exportpilot.assessments.services import respondent
from exportpilot.audit.actors import Actor

pytestmark = pytest.mark.django_db


def web_routes() -> dict[str, str]:
    """``{name: pattern}`` of every named web route that has path parameters."""
    found: dict[str, str] = {}

    def walk(patterns: list[Any], prefix: str, namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, prefix + str(entry.pattern), ns)
            elif isinstance(entry, URLPattern) and entry.name:
                full = prefix + str(entry.pattern)
                if "<" in full and not full.startswith("api/"):
                    found[namespace + entry.name] = full

    walk(get_resolver().url_patterns, "", "")
    return found


def api_routes() -> dict[str, list[str]]:
    """``{path: [methods]}`` of every API operation with a path parameter."""
    schema = api.get_openapi_schema()
    return {
        path: [m.upper() for m in ops]
        for path, ops in schema["paths"].items()
        if "{" in path
    }


# Route name -> a function that creates objects in the given workspace (as Alice,
# its admin) and returns the URL kwargs that address them. Routes whose
# parameters are not tenant objects (a signed token, a country code, a file
# format) map to None; their pages are workspace-scoped as a whole.
ObjectFactory = Callable[[Any, Any], dict[str, Any]] | None


def _membership(ws: Any, user: Any) -> Any:
    from exportpilot.accounts.models import Membership

    return Membership.objects.get(workspace=ws, user=user)


def _company(ws: Any) -> Any:
    from exportpilot.companies.models import Company, Product

    company = Company.objects.create(
        workspace=ws, cvr_number="13585628", name="Als Ventiler ApS"
    )
    Product.objects.create(company=company, hs_code="848180")
    return company


def _contact(ws: Any, user: Any) -> dict[str, Any]:
    from exportpilot.companies.models import Contact

    company = _company(ws)
    contact = Contact.objects.create(company=company, name="Karen Jensen")
    return {"pk": company.pk, "contact_pk": contact.pk}


def _product(ws: Any, user: Any) -> dict[str, Any]:
    company = _company(ws)
    return {"pk": company.pk, "product_pk": company.products.get().pk}


def _import(ws: Any, user: Any) -> dict[str, Any]:
    from exportpilot.companies.models import CompanyImport

    return {"pk": CompanyImport.objects.create(workspace=ws, original_name="a.csv").pk}


def _job(ws: Any, user: Any) -> dict[str, Any]:
    from exportpilot.jobs.models import Job

    return {"pk": Job.objects.create(workspace=ws, kind="test", title="t").pk}


def _import_job(ws: Any, user: Any) -> int:
    from exportpilot.jobs.models import Job

    return Job.objects.create(workspace=ws, kind="markets.import", title="t").pk


def _invitation(ws: Any, user: Any) -> Any:
    from exportpilot.assessments.services import create_invitation

    invitation, _token = create_invitation(
        Actor.of(_membership(ws, user)), _company(ws), markets=["CHN"]
    )
    return invitation


def _submitted_response(ws: Any, user: Any) -> Any:
    from exportpilot.assessments.services import (
        save_answers,
        start_response,
        submit_response,
    )

    invitation = _invitation(ws, user)
    response = start_response(respondent(invitation.workspace_id), invitation, "en")
    asked = response.questionnaire.parsed.asked(invitation.requirements)
    save_answers(
        respondent(response.workspace_id), response, {q.key: "2" for q in asked}
    )
    return submit_response(respondent(response.workspace_id), response)


def _follow_up(ws: Any, user: Any) -> dict[str, Any]:
    from exportpilot.assessments.services import create_follow_up

    follow_up = create_follow_up(
        Actor.of(_membership(ws, user)),
        _company(ws),
        kind="task",
        title="Call the owner",
    )
    return {"pk": follow_up.pk}


def _questionnaire(ws: Any, user: Any) -> Any:
    from exportpilot.assessments.services import install_default_questionnaire

    return install_default_questionnaire(
        Actor.system_caller("test", workspace_id=ws.pk)
    )


def _questionnaire_item(ws: Any, user: Any) -> dict[str, Any]:
    from exportpilot.assessments.services import start_draft

    questionnaire = start_draft(
        Actor.of(_membership(ws, user)), _questionnaire(ws, user)
    )
    key = questionnaire.content["questions"][0]["key"]
    return {"pk": questionnaire.pk, "kind": "question", "key": key}


def _question(ws: Any, user: Any) -> dict[str, Any]:
    questionnaire = _questionnaire(ws, user)
    return {"pk": questionnaire.pk, "key": questionnaire.content["questions"][0]["key"]}


def _run(ws: Any, user: Any) -> dict[str, Any]:
    from exportpilot.markets.models import AnalysisRun

    return {"pk": AnalysisRun.objects.create(workspace=ws, home_country="DNK").pk}


def _invited_member(ws: Any, user: Any) -> dict[str, Any]:
    """A member whose account the invitation created, who has no password yet."""
    from exportpilot.accounts.models import Membership, User

    invitee = User.objects.create_user(
        username="new@example.dk", email="new@example.dk"
    )
    membership = Membership.objects.create(
        workspace=ws,
        organisation=ws.organisations.first(),
        user=invitee,
        role="viewer",
        created_account=True,
    )
    return {"pk": membership.pk}


def _company_pk(ws: Any, user: Any) -> dict[str, Any]:
    return {"pk": _company(ws).pk}


OBJECTS: dict[str, ObjectFactory] = {
    "accounts:welcome": None,  # a signed one-time token, not a tenant object
    "accounts:password_reset_confirm": None,  # the same (test_passwords.py)
    "accounts:member_link": _invited_member,
    "accounts:workspace_leave": lambda ws, u: {"workspace_id": ws.pk},
    "selfassessment:open": None,  # the SME's link token (tested in assessments)
    "accounts:member_edit": lambda ws, u: {"pk": _membership(ws, u).pk},
    "accounts:member_remove": lambda ws, u: {"pk": _membership(ws, u).pk},
    "jobs:job_detail": _job,
    "companies:company_detail": _company_pk,
    "companies:company_edit": _company_pk,
    "companies:contact_create": _company_pk,
    "companies:export_status_set": _company_pk,
    "companies:product_add": _company_pk,
    "companies:product_remove": _product,
    "companies:contact_edit": _contact,
    "companies:contact_remove": _contact,
    "companies:import_preview": _import,
    "companies:import_confirm": _import,
    "assessments:company_assessments": _company_pk,
    "assessments:link_create": _company_pk,
    "assessments:link_detail": lambda ws, u: {"pk": _invitation(ws, u).pk},
    "assessments:link_revoke": lambda ws, u: {"pk": _invitation(ws, u).pk},
    "assessments:submission_detail": lambda ws, u: {
        "pk": _submitted_response(ws, u).pk
    },
    "assessments:submission_pdf": lambda ws, u: {"pk": _submitted_response(ws, u).pk},
    "assessments:followup_create": lambda ws, u: {"pk": _submitted_response(ws, u).pk},
    "assessments:followup_assign": _follow_up,
    "assessments:followup_close": _follow_up,
    "assessments:questionnaire_detail": lambda ws, u: {"pk": _questionnaire(ws, u).pk},
    "assessments:questionnaire_draft": lambda ws, u: {"pk": _questionnaire(ws, u).pk},
    "assessments:questionnaire_publish": lambda ws, u: {"pk": _questionnaire(ws, u).pk},
    "assessments:item_edit": _questionnaire_item,
    "assessments:question_remove": _question,
    "markets:company_opportunities": _company_pk,
    "markets:company_opportunities_xlsx": _company_pk,
    "markets:run_detail": _run,
    # A market code or a file format: the pages show the user's own workspace.
    "markets:market_detail": None,
    "markets:market_export_xlsx": None,
    "markets:market_pdf": None,
    "markets:ranking_export": None,
}

# API path -> factory returning the path parameters of an object in the workspace.
API_OBJECTS: dict[str, ObjectFactory] = {
    "/api/v1/companies/{company_id}": lambda ws, u: {"company_id": _company(ws).pk},
    "/api/v1/companies/{company_id}/contacts": lambda ws, u: {
        "company_id": _company(ws).pk
    },
    "/api/v1/companies/{company_id}/contacts/{contact_id}": lambda ws, u: (
        lambda k: {"company_id": k["pk"], "contact_id": k["contact_pk"]}
    )(_contact(ws, u)),
    "/api/v1/companies/{company_id}/export-statuses": lambda ws, u: {
        "company_id": _company(ws).pk
    },
    "/api/v1/companies/{company_id}/export-statuses/{country}": lambda ws, u: {
        "company_id": _company(ws).pk,
        "country": "CHN",
    },
    "/api/v1/companies/{company_id}/products": lambda ws, u: {
        "company_id": _company(ws).pk
    },
    "/api/v1/companies/{company_id}/products/{product_id}": lambda ws, u: (
        lambda k: {"company_id": k["pk"], "product_id": k["product_pk"]}
    )(_product(ws, u)),
    "/api/v1/markets/companies/{company_id}/opportunities": lambda ws, u: {
        "company_id": _company(ws).pk
    },
    "/api/v1/markets/runs/{run_id}": lambda ws, u: {"run_id": _run(ws, u)["pk"]},
    "/api/v1/markets/imports/{job_id}": lambda ws, u: {"job_id": _import_job(ws, u)},
    "/api/v1/markets/summaries/{market}": None,  # a market code, not an object
    "/api/v1/assessments/invitations/{invitation_id}/revoke": lambda ws, u: {
        "invitation_id": _invitation(ws, u).pk
    },
    "/api/v1/assessments/questionnaires/{questionnaire_id}": lambda ws, u: {
        "questionnaire_id": _questionnaire(ws, u).pk
    },
    "/api/v1/assessments/responses/{response_id}": lambda ws, u: {
        "response_id": _submitted_response(ws, u).pk
    },
    "/api/v1/assessments/responses/{response_id}/result": lambda ws, u: {
        "response_id": _submitted_response(ws, u).pk
    },
}


VALID_BODIES = {
    ("POST", "/api/v1/companies/{company_id}/products"): {"hs_code": "850440"},
    ("POST", "/api/v1/companies/{company_id}/contacts"): {"name": "Mette Holm"},
    ("PUT", "/api/v1/companies/{company_id}/export-statuses/{country}"): {
        "status": "exporting"
    },
}


def test_every_route_with_an_id_is_in_the_matrix():
    assert sorted(set(web_routes()) - set(OBJECTS)) == []


def test_every_api_path_with_an_id_is_in_the_matrix():
    assert sorted(set(api_routes()) - set(API_OBJECTS)) == []


@pytest.mark.parametrize("name", sorted(k for k, v in OBJECTS.items() if v))
def test_outsiders_get_404_on_every_object_url(
    name, alice, oscar, charlie, workspace, client
):
    from django.urls import reverse

    from exportpilot.audit.models import AuditEntry

    url = reverse(name, kwargs=OBJECTS[name](workspace, alice))  # type: ignore[misc]
    client.force_login(alice)
    assert client.get(url).status_code != 404, "the owner must reach the object"
    audit_rows = AuditEntry.objects.count()
    for outsider in (oscar, charlie):
        client.force_login(outsider)
        assert client.get(url).status_code in {404, 405}
        assert client.post(url, {"role": "admin", "name": "x"}).status_code in {
            404,
            405,
        }
    assert AuditEntry.objects.count() == audit_rows, "an outsider changed something"


@pytest.mark.parametrize("path", sorted(k for k, v in API_OBJECTS.items() if v))
def test_outsiders_get_404_on_every_api_object(
    path, alice, oscar, workspace, api_client_for
):
    params = API_OBJECTS[path](workspace, alice)  # type: ignore[misc]
    url = path.format(**params)
    methods = api_routes()[path]
    insider = api_client_for(alice)
    if "GET" in methods:
        assert insider.get(url).status_code == 200, "the owner must reach the object"
    outsider = api_client_for(oscar)
    for method in methods:
        # A body that would be valid, so the answer is about the object, not the body.
        body = json.dumps(VALID_BODIES.get((method, path), {}))
        response = outsider.generic(
            method, url, data=body, content_type="application/json"
        )
        assert response.status_code == 404, f"{method} {url}"
