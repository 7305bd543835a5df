"""A tiny synthetic world (the engine's generator) in a throwaway trade store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from exportpilot.engine.trade import write_baci

COUNTRIES = 8
PRODUCTS = 40
YEARS = (2022, 2023)


@pytest.fixture(scope="session")
def tiny_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tiny-baci")
    write_baci(folder, countries=COUNTRIES, products=PRODUCTS, years=YEARS, seed=7)
    return folder


@pytest.fixture
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path
    settings.TRADE_STORE_DIR = tmp_path / "trade"
    settings.UPLOAD_DIR = tmp_path / "uploads"
    (tmp_path / "incoming").mkdir()
    return tmp_path


@pytest.fixture
def product_codes(tiny_raw: Path) -> list[str]:
    table = pd.read_csv(
        next(tiny_raw.glob("product_codes_*.csv")), dtype={"code": "str"}
    )
    return sorted(table["code"].str.zfill(6).tolist())


@pytest.fixture
def imported(data_dir: Path, tiny_raw: Path, workspace: Any) -> Path:
    """The tiny world imported into the test's store (no analysis yet)."""
    from exportpilot.audit.services import Actor
    from exportpilot.markets import services

    services.import_trade_data(
        Actor.system_caller("test").in_workspace(workspace.pk), paths=[tiny_raw]
    )
    return data_dir


@pytest.fixture
def maker(
    make_company: Callable[..., Any], product_codes: list[str], workspace: Any
) -> Any:
    """A company making two products of the data: one 6-digit, one 4-digit heading."""
    from exportpilot.companies.models import Product

    company = make_company(workspace, name="Mekatronik ApS", industry_code="281400")
    Product.objects.create(company=company, hs_code=product_codes[0])
    Product.objects.create(company=company, hs_code=product_codes[5][:4])
    return company


@pytest.fixture
def analysed(imported: Path, maker: Any, workspace: Any) -> Any:
    """The workspace analysed on the tiny world; returns the run."""
    from exportpilot.audit.actors import Actor
    from exportpilot.markets import services

    run = services.create_run(Actor.system_caller("test", workspace_id=workspace.pk))
    services.run_analysis(
        Actor.system_caller("test", workspace_id=run.workspace_id), run=run
    )
    run.refresh_from_db()
    return run


def make_operator(user: Any) -> Any:
    """Grant the platform-operator permission (changing the shared trade data)."""
    from django.contrib.auth.models import Permission

    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="markets", codename="import_trade_data"
        )
    )
    return type(user).objects.get(pk=user.pk)  # a fresh object: no cached perms


@pytest.fixture
def operator(alice: Any) -> Any:
    """Alice, the workspace's admin, also a platform operator of the trade data."""
    return make_operator(alice)
