"""Every code in the demo data is valid: CVR numbers, HS codes, countries, industries."""

from __future__ import annotations

from collections import Counter

import pytest

from exportpilot.companies.models import Company, Contact, ExportStatus, Product
from exportpilot.demo.companies import TOWNS
from exportpilot.reference.countries import is_known_country
from exportpilot.reference.cvr import is_valid_cvr
from exportpilot.reference.hs import is_known_hs_code
from exportpilot.reference.nace import nace_title
from exportpilot.reference.sme import sme_class

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

DOMAIN_EXAMPLE_CVRS = {"13585628", "31500001", "42800007", "44110008"}
REAL_COMPANY_NAMES = ("danfoss", "linak", "danish crown", "sønderborg korn", "ecco")


def test_every_cvr_number_is_valid_unique_and_not_an_example(demo_workspace):
    numbers = list(
        Company.objects.for_workspace(demo_workspace).values_list(
            "cvr_number", flat=True
        )
    )
    assert len(numbers) == len(set(numbers)) == 300
    assert all(is_valid_cvr(number) for number in numbers)
    assert all(number.startswith("9") for number in numbers)
    assert DOMAIN_EXAMPLE_CVRS.isdisjoint(numbers)


def test_every_product_is_a_known_hs_2022_subheading(demo_workspace):
    codes = list(
        Product.objects.for_workspace(demo_workspace).values_list("hs_code", flat=True)
    )
    assert len(codes) >= 300
    assert all(len(code) == 6 and is_known_hs_code(code) for code in codes)
    per_company = Counter(
        Product.objects.for_workspace(demo_workspace).values_list(
            "company_id", flat=True
        )
    )
    assert len(per_company) == 300
    assert set(per_company.values()) <= {1, 2, 3, 4}


def test_every_country_and_status_is_known(demo_workspace):
    statuses = ExportStatus.objects.for_workspace(demo_workspace)
    assert all(is_known_country(c) for c in statuses.values_list("country", flat=True))
    assert set(statuses.values_list("status", flat=True)) <= {
        "exporting",
        "interested",
        "not_interested",
        "unknown",
    }
    # Both focus markets have an explicit status for every company.
    for country in ("CHN", "DEU"):
        assert statuses.filter(country=country).count() == 300


def test_every_industry_code_is_a_db07_code_of_a_real_nace_class(demo_workspace):
    codes = set(
        Company.objects.for_workspace(demo_workspace).values_list(
            "industry_code", flat=True
        )
    )
    assert all(len(code) == 6 and code.isdigit() for code in codes)
    assert all(nace_title(code) for code in codes)


def test_addresses_are_in_the_municipality_s_towns(demo_workspace):
    towns = {(postcode, city) for postcode, city, _ in TOWNS}
    companies = Company.objects.for_workspace(demo_workspace)
    assert set(companies.values_list("postcode", "city")) <= towns
    assert all(
        street.split()[-1][0].isdigit()
        for street in companies.values_list("street", flat=True)
    )


def test_names_are_invented_and_web_addresses_are_reserved(demo_workspace):
    companies = Company.objects.for_workspace(demo_workspace)
    for name, website, email in companies.values_list("name", "website", "email"):
        assert not any(real in name.lower() for real in REAL_COMPANY_NAMES), name
        assert website == "" or website.endswith(".example"), website
        assert email.endswith(".example"), email
    contacts = Contact.objects.for_workspace(demo_workspace)
    assert all(
        email.endswith(".example") for email in contacts.values_list("email", flat=True)
    )


def test_each_company_has_one_or_two_contacts_with_one_primary(demo_workspace):
    contacts = Contact.objects.for_workspace(demo_workspace)
    per_company = Counter(contacts.values_list("company_id", flat=True))
    primaries = Counter(
        contacts.filter(is_primary=True).values_list("company_id", flat=True)
    )
    assert len(per_company) == 300
    assert set(per_company.values()) <= {1, 2}
    assert set(primaries.values()) == {1}
    assert len(primaries) == 300


def test_the_stored_sme_class_matches_the_employee_band(demo_workspace):
    # bulk_create skips Company.save(); the class must still be the computed one.
    for low, high, stored in Company.objects.for_workspace(demo_workspace).values_list(
        "employees_min", "employees_max", "sme_class"
    ):
        assert stored == sme_class(employees_min=low, employees_max=high)
