"""Who is acting: a member of a workspace, or a named system caller, and through which channel.

Every service takes an :class:`Actor` first. The permission policy
(``accounts.policy.require``) decides from it what may be done; the audit log
(``audit.services.record``) writes down who did it. An actor is built once at
the edge: the web middleware and the API's token check from the membership,
the CLI, the demo loader and the job worker as named system callers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Actor", "Channel", "MembershipLike"]


class Channel(models.TextChoices):
    """The way a change came in."""

    WEB = "web", _("web")
    API = "api", _("API")
    IMPORT = "import", _("import")
    CLI = "cli", _("command line")
    JOB = "job", _("background job")
    DEMO = "demo", _("demo data")
    SYSTEM = "system", _("system")


class MembershipLike(Protocol):
    """What an actor needs of ``accounts.Membership`` (kept structural, so that
    this module, below ``accounts`` in the layers, does not import it)."""

    @property
    def pk(self) -> Any: ...

    user: Any
    workspace_id: int
    organisation_id: int
    role: str


@dataclass(frozen=True, slots=True)
class Actor:
    """One person or one system caller, acting through one channel.

    ``user`` and ``membership`` are set for a person; ``system`` names a system
    caller (``"demo"``, ``"worker"``, ``"cli"``) and ``role`` is then empty. A
    system caller may act within ``workspace_id`` (or anywhere, when it is
    ``None``): it is the platform's own code, started by an operator.
    """

    channel: str
    workspace_id: int | None = None
    user: Any = None
    membership: MembershipLike | None = field(default=None, compare=False)
    role: str = ""
    system: str = ""

    @classmethod
    def of(cls, membership: MembershipLike, channel: str = Channel.WEB) -> Actor:
        """The member acting in their workspace through ``channel``."""
        return cls(
            channel=str(channel),
            workspace_id=membership.workspace_id,
            user=membership.user,
            membership=membership,
            role=str(membership.role),
        )

    @classmethod
    def system_caller(
        cls,
        name: str,
        *,
        workspace_id: int | None = None,
        channel: str = Channel.SYSTEM,
        user: Any = None,
    ) -> Actor:
        """A named part of the platform (the demo loader, the worker, the CLI).

        ``user`` is the person on whose behalf it runs, when there is one (the
        creator of a job, the operator running a command): the audit log names
        them; the policy does not ask for their role.
        """
        if not name:
            raise ValueError("a system caller needs a name")
        return cls(
            channel=str(channel), workspace_id=workspace_id, user=user, system=name
        )

    @property
    def is_system(self) -> bool:
        return bool(self.system)

    @property
    def organisation_id(self) -> int | None:
        return self.membership.organisation_id if self.membership else None

    @property
    def audit_user(self) -> Any:
        """The user the audit log names, or ``None`` (anonymous or nobody)."""
        return self.user if getattr(self.user, "is_authenticated", False) else None

    def in_workspace(self, workspace_id: int) -> Actor:
        """The same caller, narrowed to one workspace (system callers only)."""
        if not self.is_system:
            raise ValueError("a member acts in their own workspace")
        return Actor(
            channel=self.channel,
            workspace_id=workspace_id,
            user=self.user,
            system=self.system,
        )

    def __str__(self) -> str:
        who = self.system or str(self.user or "anonymous")
        return f"{who} ({self.channel})"
