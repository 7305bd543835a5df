"""The demo workspace, its partner organisations and its demo users.

The programme and the three organisations are real: Sønderborg's 2021-2024
internationalisation plan, run by the municipality with Sønderborg Vækstråd
and Erhvervshus Sydjylland (the project's domain notes, section 1.7, and the
seed article). The people are invented, and their passwords are printed by
``make run``: they are for the demo only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = [
    "DEMO_LOGINS",
    "DEMO_USERS",
    "ORGANISATIONS",
    "WORKSPACE",
    "DemoOrganisation",
    "DemoUser",
    "DemoWorkspace",
]


@dataclass(frozen=True)
class DemoWorkspace:
    name: str
    slug: str
    home_country: str
    municipality_code: str
    focus_markets: tuple[str, ...]
    plan_start: dt.date
    plan_end: dt.date


WORKSPACE = DemoWorkspace(
    name="Sønderborg Kommune – internationaliseringsplan 2021–2024",
    slug="sonderborg",
    home_country="DNK",
    municipality_code="540",
    focus_markets=("CHN", "DEU"),
    plan_start=dt.date(2021, 1, 1),
    plan_end=dt.date(2024, 12, 31),
)


@dataclass(frozen=True)
class DemoOrganisation:
    key: str
    name: str
    kind: str
    website: str = ""


# Only the municipality's website is given in DOMAIN.md (sonderborgkommune.dk);
# the other two are left blank rather than guessed.
ORGANISATIONS = (
    DemoOrganisation(
        key="municipality",
        name="Sønderborg Kommune (Erhvervsservice)",
        kind="municipality",
        website="https://sonderborgkommune.dk",
    ),
    DemoOrganisation(
        key="growth_council", name="Sønderborg Vækstråd", kind="growth council"
    ),
    DemoOrganisation(
        key="business_hub",
        name="Erhvervshus Sydjylland",
        kind="regional business hub",
    ),
)


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    organisation: str
    first_name: str
    last_name: str
    label: str

    @property
    def email(self) -> str:
        return f"{self.username}@demo.exportpilot.example"


# One user per role, each through a different organisation, plus a second
# adviser at the business hub. Surnames are invented ("Demosen", "Prøvesen")
# so nobody mistakes them for real staff. Passwords are 12+ characters so they
# would pass the site's own password validators.
DEMO_USERS = (
    DemoUser(
        username="admin",
        password="demo-admin-2024",  # noqa: S106  printed demo login
        role="admin",
        organisation="municipality",
        first_name="Anna",
        last_name="Demosen",
        label="admin: programme lead, Sønderborg Kommune",
    ),
    DemoUser(
        username="adviser",
        password="demo-adviser-2024",  # noqa: S106  printed demo login
        role="adviser",
        organisation="growth_council",
        first_name="Lars",
        last_name="Prøvesen",
        label="adviser: business adviser, Sønderborg Vækstråd",
    ),
    DemoUser(
        username="viewer",
        password="demo-viewer-2024",  # noqa: S106  printed demo login
        role="viewer",
        organisation="business_hub",
        first_name="Vibeke",
        last_name="Eksempelsen",
        label="viewer: read-only, like a committee member",
    ),
    DemoUser(
        username="hub",
        password="demo-hub-2024",  # noqa: S106  printed demo login
        role="adviser",
        organisation="business_hub",
        first_name="Henrik",
        last_name="Testgaard",
        label="adviser: specialist adviser, Erhvervshus Sydjylland",
    ),
)

DEMO_LOGINS: list[tuple[str, str, str]] = [
    (user.username, user.password, user.label) for user in DEMO_USERS
]
