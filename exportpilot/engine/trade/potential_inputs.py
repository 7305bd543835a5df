"""Read the CSV inputs of export potential: tariffs, distances, GDP projections.

The kernels' validators (``engine.potential.inputs.check_*``) check the tables;
this module only reads the files, so that the kernels do no I/O.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exportpilot.engine.errors import InvalidTradeData
from exportpilot.engine.potential.inputs import (
    check_distances,
    check_projections,
    check_tariffs,
)

__all__ = ["read_distances", "read_projections", "read_tariffs"]


def _read(path: Path | str) -> pd.DataFrame:
    try:
        return pd.read_csv(
            path, dtype=str, keep_default_na=False, skipinitialspace=True
        )
    except FileNotFoundError as exc:
        raise InvalidTradeData(f"{path}: no such file") from exc
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise InvalidTradeData(f"{path}: not a readable CSV file ({exc})") from exc


def read_tariffs(path: Path | str) -> pd.DataFrame:
    """Read a tariff CSV (columns of :func:`check_tariffs`; line 1 is the header)."""
    return check_tariffs(_read(path), source=str(path), first_line=2)


def read_distances(path: Path | str) -> pd.DataFrame:
    """Read a distance CSV (columns of :func:`check_distances`)."""
    return check_distances(_read(path), source=str(path), first_line=2)


def read_projections(path: Path | str) -> pd.DataFrame:
    """Read a GDP projection CSV (columns of :func:`check_projections`)."""
    return check_projections(_read(path), source=str(path), first_line=2)
