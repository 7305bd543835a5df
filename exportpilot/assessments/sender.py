"""Who is asking: the workspace, the adviser and the privacy notice an SME sees.

The invitation e-mail, the public start page and the result PDF all name the
same sender, built here from the workspace's ``Letterhead`` and the adviser
who made the link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from exportpilot.accounts.models import Membership, Workspace
from exportpilot.assessments.models import AssessmentLink, Letterhead

__all__ = ["Sender", "default_privacy_notice", "get_letterhead", "sender_for"]


def get_letterhead(workspace: Workspace) -> Letterhead:
    """The workspace's letterhead; an unsaved, empty one until an admin fills it."""
    found = Letterhead.objects.filter(workspace=workspace).first()
    return found or Letterhead(workspace=workspace)


@dataclass
class Sender:
    """Everything an SME needs to know about who sent the link, in one language."""

    workspace: str
    name: str  # the sender as the letterhead names it (or the workspace)
    address_lines: list[str]
    email: str
    phone: str
    website: str
    adviser: str
    adviser_email: str
    organisation: str
    privacy_notice: str
    contact_lines: list[str] = field(default_factory=list)

    @property
    def reply_to(self) -> list[str]:
        """Replies go to the adviser, else to the workspace's contact address."""
        return [a for a in (self.adviser_email or self.email,) if a]

    @property
    def from_email(self) -> str:
        """The site's sending address, with the sender's name in front of it."""
        _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
        name = _("%(sender)s via ExportPilot") % {"sender": self.name}
        # Plain text: Django encodes a non-ASCII name when it writes the header.
        return '"{}" <{}>'.format(name.replace('"', "'").replace("\\", ""), address)


def default_privacy_notice(
    *, controller: str, workspace: str, organisations: str, company: str, contact: str
) -> str:
    """The notice of the current language when the admin has written none:
    controller, purpose, who sees the answers, retention, and whom to ask."""
    return _(
        "Who is responsible: %(controller)s is the data controller for your "
        "answers. Why: to advise %(company)s on exporting and to plan the support "
        "for local companies. Who sees them: the business advisers of "
        "%(workspace)s (%(organisations)s), and no one else; they are neither "
        "published nor passed on. How long: for as long as we advise your "
        "company, and no more than five years after your last contact; then they "
        "are deleted. You may see, correct or delete your answers at any time: "
        "%(contact)s."
    ) % {
        "controller": controller,
        "company": company,
        "workspace": workspace,
        "organisations": organisations,
        "contact": contact,
    }


def _adviser(invitation: AssessmentLink) -> tuple[str, str, str]:
    user: Any = invitation.created_by
    if user is None:
        return "", "", ""
    membership = (
        Membership.objects.filter(workspace_id=invitation.workspace_id, user=user)
        .select_related("organisation")
        .first()
    )
    organisation = membership.organisation.name if membership else ""
    return user.get_full_name() or user.username, user.email or "", organisation


def sender_for(invitation: AssessmentLink, language: str) -> Sender:
    """The sender of an invitation, with the privacy notice in ``language``."""
    workspace = invitation.workspace
    letterhead = get_letterhead(workspace)
    adviser, adviser_email, organisation = _adviser(invitation)
    name = letterhead.sender or workspace.name
    organisations = ", ".join(o.name for o in workspace.organisations.all())
    with translation.override(language):
        notice = letterhead.privacy_text(language) or default_privacy_notice(
            controller=name,
            workspace=workspace.name,
            organisations=organisations or workspace.name,
            company=invitation.company.name,
            contact=letterhead.email or adviser_email or name,
        )
    contact = [v for v in (letterhead.email, letterhead.phone, letterhead.website) if v]
    return Sender(
        workspace=workspace.name,
        name=name,
        address_lines=[x.strip() for x in letterhead.address.splitlines() if x.strip()],
        email=letterhead.email,
        phone=letterhead.phone,
        website=letterhead.website,
        adviser=adviser,
        adviser_email=adviser_email,
        organisation=organisation,
        privacy_notice=notice,
        contact_lines=contact,
    )
