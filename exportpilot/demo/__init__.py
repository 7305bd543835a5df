"""The demo workspace: Sønderborg's internationalisation plan with fictional SMEs.

``exportpilot serve --demo`` (``make run``) and ``exportpilot demo`` call
:func:`ensure_demo_workspace` on a database without workspaces and print
:data:`DEMO_LOGINS`. See ``docs/user-guide/demo.md`` for what is real and what
is invented.
"""

from __future__ import annotations

from exportpilot.demo.loader import ensure_demo_workspace
from exportpilot.demo.organisations import DEMO_LOGINS

__all__ = ["DEMO_LOGINS", "ensure_demo_workspace"]
