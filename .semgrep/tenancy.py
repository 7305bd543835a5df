# Test cases of tenancy.yml: `semgrep --test` (ruleid: must fire, ok: must not).
# The rules look at view and API modules; in a test run the paths do not apply.
from django.shortcuts import get_list_or_404, get_object_or_404

from exportpilot.accounts.models import User
from exportpilot.companies.models import Company, Contact


def company_detail(request, pk):
    # ruleid: exportpilot-unscoped-read-in-request-module
    company = Company.objects.get(pk=pk)
    # ruleid: exportpilot-unscoped-read-in-request-module
    contacts = Contact.objects.filter(company_id=pk)
    # ruleid: exportpilot-unscoped-read-in-request-module
    everything = Company.objects.all()
    # ok: exportpilot-unscoped-read-in-request-module
    mine = Company.objects.for_user(request.user).get(pk=pk)
    # ok: exportpilot-unscoped-read-in-request-module
    nothing = Company.objects.none()
    # ok: exportpilot-unscoped-read-in-request-module
    me = User.objects.get(pk=request.user.pk)
    # ok: exportpilot-unscoped-read-in-request-module
    acted = Company.objects.for_actor(request.actor).get(pk=pk)
    return company, contacts, everything, mine, nothing, me, acted


def contact_detail(request, pk):
    # ruleid: exportpilot-get-object-or-404-on-a-model
    a = get_object_or_404(Contact, pk=pk)
    # ruleid: exportpilot-get-object-or-404-on-a-model
    b = get_list_or_404(Contact, company_id=pk)
    # ruleid: exportpilot-get-object-or-404-on-a-model, exportpilot-unscoped-read-in-request-module
    c = get_object_or_404(Contact.objects.select_related("company"), pk=pk)
    # ok: exportpilot-get-object-or-404-on-a-model
    d = get_object_or_404(Contact.objects.for_user(request.user), pk=pk)
    # ok: exportpilot-get-object-or-404-on-a-model
    e = get_object_or_404(Contact.objects.for_user(request.user).select_related("company"), pk=pk)
    # ok: exportpilot-get-object-or-404-on-a-model
    f = get_object_or_404(Contact.objects.for_actor(request.actor), pk=pk)
    return a, b, c, d, e, f
