"""The permission policy: may this actor do this to that record?

Services call ``require(actor, action, obj)`` before they change anything; it
raises :class:`NotAllowed` (a ``PermissionDenied``, so pages answer 403 and the
API 403 with the reason). The actions are few and the same everywhere:

- ``"view"``: any member of the record's workspace (admin, adviser, viewer);
- ``"change"``: admins and advisers (committee viewers only look);
- ``"administer"``: workspace administrators (members, letterheads, settings);
- a Django permission such as ``"markets.import_trade_data"``: whoever holds it
  (platform operators), in any workspace.

A system caller (the demo loader, the worker, the CLI run by an operator) may do
anything within its workspace. Whatever the role, a record of another workspace
is refused: views fetch through scoped queries first (another workspace's record
is a 404 there), and this is the second lock.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from exportpilot.accounts.models import Role
from exportpilot.audit.actors import Actor
from exportpilot.audit.services import workspace_id_of

__all__ = ["ADMINISTER", "CHANGE", "VIEW", "NotAllowed", "allows", "require"]

VIEW = "view"
CHANGE = "change"
ADMINISTER = "administer"

_ROLES = {
    VIEW: {Role.ADMIN, Role.ADVISER, Role.VIEWER},
    CHANGE: {Role.ADMIN, Role.ADVISER},
    ADMINISTER: {Role.ADMIN},
}
_REFUSALS = {
    VIEW: _("You are not a member of this workspace."),
    CHANGE: _("Only advisers and administrators can change this."),
    ADMINISTER: _("Only workspace administrators can do this."),
}


class NotAllowed(PermissionDenied):
    """The actor may not do this; ``str()`` is the reason in the active language."""


def _workspace_ok(actor: Actor, obj: models.Model | int | None) -> bool:
    if obj is None or actor.workspace_id is None:
        return obj is None or actor.is_system
    workspace_id = obj if isinstance(obj, int) else workspace_id_of(obj)
    return workspace_id == actor.workspace_id


def allows(actor: Actor, action: str, obj: models.Model | int | None = None) -> bool:
    """True when :func:`require` would pass (for showing or hiding buttons).

    ``obj`` is the record acted on, or a workspace id, or ``None`` for an action
    in the actor's own workspace.
    """
    if "." in action:  # a Django permission: platform-wide, not per workspace
        user = actor.user
        return bool(user is not None and user.is_active and user.has_perm(action))
    if action not in _ROLES:
        raise ValueError(f"unknown action {action!r}")
    if not _workspace_ok(actor, obj):
        return False
    return actor.is_system or actor.role in _ROLES[action]


def require(
    actor: Actor,
    action: str,
    obj: models.Model | int | None = None,
    *,
    message: str | Promise | None = None,
) -> None:
    """Raise :class:`NotAllowed` unless the actor may do ``action`` (to ``obj``)."""
    if allows(actor, action, obj):
        return
    if message is None:
        message = _REFUSALS.get(action, _("You do not have the permission to do this."))
    raise NotAllowed(str(message))
