"""The register in Danish: labels and words, not internal values (issue 9, point 13)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from exportpilot.accounts.models import Membership
from exportpilot.companies import services
from exportpilot.companies.models import Contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def danish(client_for, adam):
    client = client_for(adam)
    client.cookies["django_language"] = "da"
    return client


@pytest.fixture
def pumps(workspace, make_company):
    return make_company(
        workspace,
        name="Nordals Pumper A/S",
        status="NORMAL",
        industry_code="281300",
        founded=dt.date(1978, 2, 28),
        turnover_eur=Decimal("2700000"),
    )


def test_the_history_names_fields_and_values_in_danish(danish, adam, pumps):
    actor = Membership.objects.get(user=adam)
    contact = Contact.objects.create(company=pumps, name="Mette", is_primary=False)
    services.set_export_status(actor, pumps, country="CHN", status="exporting")
    services.set_export_status(actor, pumps, country="CHN", status="not_interested")
    services.update_contact(actor, contact, {"is_primary": True})
    services.update_company(actor, pumps, {"founded": dt.date(1979, 3, 1)})
    body = danish.get(f"/companies/{pumps.pk}/").content.decode()
    history = body[body.index('id="company-history"') :]
    for raw in (
        "exporting",
        "not_interested",
        "is_primary",
        "founded",
        "True",
        "1979-03-01",
    ):
        assert raw not in history, raw
    assert "<td>Eksporterer i dag</td><td>Ikke interesseret</td>" in history
    assert "<td>Primær kontaktperson</td><td>nej</td><td>ja</td>" in history
    assert "<td>Stiftet</td><td>28.02.1978</td><td>01.03.1979</td>" in history


def test_the_register_data_reads_in_danish(danish, pumps):
    body = danish.get(f"/companies/{pumps.pk}/").content.decode()
    assert "<dd>aktiv</dd>" in body
    assert "NORMAL" not in body
    assert "<dd>28.02.1978</dd>" in body
    assert "<dd>2.700.000</dd>" in body
    # No Danish DB07 title ships: the English NACE title says that it is English.
    assert '<span lang="en">Manufacture of other pumps and compressors</span>' in body
    assert "NACE rev. 2-titel, på engelsk" in body


def test_hs_descriptions_say_they_are_english(danish, pumps):
    services.add_product(
        Membership.objects.get(user__username="adam"), pumps, hs_code="841370"
    )
    body = danish.get(f"/companies/{pumps.pk}/").content.decode()
    assert "HS 2022, på engelsk" in body
    assert '<td lang="en">' in body


def test_a_wrong_check_digit_is_explained_in_danish(danish):
    response = danish.post(
        "/companies/new/",
        {"cvr_number": "13585627", "name": "X", "industry_classification": "DB07"},
    )
    body = response.content.decode()
    assert "kontrolcifferet er forkert (modulus 11)" in body
    assert "wrong check digit" not in body


def test_an_import_explains_a_wrong_check_digit_in_danish():
    from django.utils import translation

    from exportpilot.companies.imports.validation import FieldError, check_cvr

    with translation.override("da"), pytest.raises(FieldError) as caught:
        check_cvr("13585627")
    assert "kontrolcifferet er forkert" in str(caught.value)
