"""The demo's market data: a synthetic world, imported and analysed for the workspace.

``add_demo_market_data`` generates a deterministic synthetic BACI dataset
(60 countries x all 5,612 HS 2022 subheadings x 2022-2023), imports it into the
shared trade store and runs the workspace's analysis in process, so the demo's
pages have results the moment the server starts. All 5,612 subheadings are
kept so that every demo company's HS product is in the data; the number of
countries is what keeps it inside the two-minute start (see
docs/user-guide/market-intelligence.md; ``manage.py markets_generate`` makes
the world-size dataset).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Permission
from django.utils.translation import gettext as _

from exportpilot.accounts.models import Membership, Role, Workspace
from exportpilot.audit.actors import Actor, Channel
from exportpilot.engine.trade import write_baci
from exportpilot.engine.trade.generate import WORLD_MODEL
from exportpilot.markets import services

__all__ = ["DEMO_COUNTRIES", "DEMO_PRODUCTS", "DEMO_YEARS", "add_demo_market_data"]

DEMO_COUNTRIES = 60
DEMO_PRODUCTS = 5612  # every HS 2022 subheading (999999 is no product)
DEMO_YEARS = (2022, 2023)
DEMO_SEED = 2024

Echo = Callable[[str], object]


def demo_raw_dir() -> Path:
    return Path(settings.DATA_DIR) / "demo-trade"


def generate_demo_files(
    folder: Path,
    *,
    countries: int = DEMO_COUNTRIES,
    products: int = DEMO_PRODUCTS,
    years: tuple[int, ...] = DEMO_YEARS,
    seed: int = DEMO_SEED,
) -> list[Path]:
    """Write the synthetic BACI files unless the same ones are already there."""
    expected = [folder / f"BACI_HS22_Y{year}_V000000-synthetic.csv" for year in years]
    readme = folder / "README.txt"
    marker = f"{countries} countries, {products} HS 2022 products"
    if all(p.exists() for p in expected) and readme.exists():
        text = readme.read_text(encoding="utf-8")
        flat = text.replace("\n", " ")
        if (
            f"seed {seed}" in text
            and f"world model {WORLD_MODEL})" in flat
            and marker.replace("\n", " ") in flat
        ):
            return expected
    return write_baci(
        folder, countries=countries, products=products, years=years, seed=seed
    )


def grant_demo_operators(workspace: Workspace) -> list[str]:
    """Make the demo workspace's administrators platform operators of the trade data.

    A real installation grants the permission to its operators only (decision
    0009); the demo has one platform, so its administrators may try imports.
    """
    permission = Permission.objects.get(
        content_type__app_label="markets", codename="import_trade_data"
    )
    admins = [
        m.user
        for m in Membership.objects.filter(
            workspace=workspace, role=Role.ADMIN
        ).select_related("user")
    ]
    for user in admins:
        user.user_permissions.add(permission)
    return sorted(user.get_username() for user in admins)


def add_demo_market_data(workspace: Workspace, *, echo: Echo = print) -> None:
    """Generate, import and analyse the demo's synthetic trade data for the workspace."""
    grant_demo_operators(workspace)
    started = time.perf_counter()
    folder = demo_raw_dir()
    generate_demo_files(
        folder,
        countries=DEMO_COUNTRIES,
        products=DEMO_PRODUCTS,
        years=DEMO_YEARS,
        seed=DEMO_SEED,
    )
    generated = time.perf_counter()
    actor = Actor.system_caller("demo", workspace_id=workspace.pk, channel=Channel.DEMO)
    services.import_trade_data(actor, paths=[folder])
    imported = time.perf_counter()
    run = services.create_run(actor)
    result = services.run_analysis(actor, run=run)
    echo(
        _(
            "Market data: synthetic trade of %(countries)d countries x %(products)d "
            "products, %(years)s, generated in %(gen).1f s, imported in %(imp).1f s, "
            "analysed in %(ana).1f s (%(markets)d markets, %(rows)d opportunities)."
        )
        % {
            "countries": DEMO_COUNTRIES,
            "products": DEMO_PRODUCTS,
            "years": "–".join(map(str, DEMO_YEARS)),
            "gen": generated - started,
            "imp": imported - generated,
            "ana": time.perf_counter() - imported,
            "markets": result["markets"],
            "rows": result["opportunities"],
        }
    )
