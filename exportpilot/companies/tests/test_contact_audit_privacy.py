"""Contact persons are personal data: the append-only audit log names them by
number only, whether the change came from a form, the API or an import."""

from __future__ import annotations

from exportpilot.accounts.models import Membership
from exportpilot.audit.models import AuditEntry
from exportpilot.companies import services
from exportpilot.companies.models import Contact
from exportpilot.companies.tests.import_samples import DATA, import_into


def test_a_contact_added_changed_and_removed_is_logged_by_number(
    client_for, adam, workspace, make_company
):
    company = make_company(workspace, name="Nordals Pumper A/S")
    actor = Membership.objects.get(user=adam)
    contact = services.add_contact(
        actor, company, {"name": "Mette Frederiksen", "email": "mf@example.dk"}
    )
    services.update_contact(actor, contact, {"name": "Mette F. Hansen"})
    contact_pk = contact.pk
    services.remove_contact(actor, contact)

    entries = AuditEntry.objects.filter(
        content_type__model="contact", object_id=str(contact_pk)
    )
    assert sorted(e.action for e in entries) == ["create", "delete", "update"]
    assert {e.object_repr for e in entries} == {f"#{contact_pk}"}
    logged = " ".join(f"{e.object_repr} {e.changes}" for e in AuditEntry.objects.all())
    assert "Mette" not in logged
    assert "mf@example.dk" not in logged
    page = client_for(adam).get(f"/companies/{company.pk}/").content.decode()
    assert "contact <em>#" in page


def test_an_imported_contact_is_logged_by_number(workspace, adam):
    import_into(DATA / "companies_comma.csv", workspace, adam)
    contact = Contact.objects.get(name="Lars Jensen")
    entry = AuditEntry.objects.get(
        content_type__model="contact", object_id=str(contact.pk), action="create"
    )
    assert entry.object_repr == f"#{contact.pk}"
    logged = " ".join(f"{e.object_repr} {e.changes}" for e in AuditEntry.objects.all())
    assert "Lars Jensen" not in logged
