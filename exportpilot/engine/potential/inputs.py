"""Optional inputs of the export potential: tariffs, distances, GDP projections.

Each table has a documented CSV form (docs/engine/export-potential.md, "Optional
inputs"); ``read_*`` reads a file and ``check_*`` validates a data frame already in
memory. Errors name the file (or "tariffs"/"distances"/"projections" for frames),
the line and the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from exportpilot.engine.errors import InvalidTradeData

__all__ = [
    "ALL_EXPORTERS",
    "check_distances",
    "check_projections",
    "check_tariffs",
]

ALL_EXPORTERS = "ALL"
"""Exporter code of a tariff row that applies to every supplier (the MFN rate)."""

MAX_RATE = 10.0
"""Largest ad-valorem rate accepted (1,000 %): a guard against percentages."""

_ISO3 = re.compile(r"^[A-Z]{3}$")
_HS6 = re.compile(r"^\d{6}$")


@dataclass(frozen=True)
class _Column:
    """How to validate one column: a regular expression or a numeric range."""

    pattern: re.Pattern[str] | None = None
    what: str = ""
    low: float = 0.0
    high: float = 0.0
    low_open: bool = False
    allowed: str | None = None

    def bad(self, values: pd.Series) -> np.ndarray:
        if self.pattern is not None:
            ok = np.array(values.str.fullmatch(self.pattern.pattern), dtype=bool)
            if self.allowed is not None:
                ok |= (values == self.allowed).to_numpy(dtype=bool)
            return ~ok
        x = pd.to_numeric(values, errors="coerce").to_numpy(dtype=np.float64)
        with np.errstate(invalid="ignore"):
            low_bad = x <= self.low if self.low_open else x < self.low
            return ~np.isfinite(x) | low_bad | (x > self.high)

    def problem(self, value: str) -> str:
        if self.pattern is not None:
            return f"{value!r} is not {self.what}"
        bound = f"> {self.low:g}" if self.low_open else f">= {self.low:g}"
        return f"{value!r} is not a number {bound} and <= {self.high:g}"


_ISO3_COLUMN = _Column(pattern=_ISO3, what="an ISO alpha-3 code")


def _validate(
    frame: pd.DataFrame,
    columns: dict[str, _Column],
    key: list[str],
    *,
    source: str,
    first_line: int,
) -> pd.DataFrame:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InvalidTradeData(
            f"{source}: missing column(s) {', '.join(missing)} "
            f"(expected {', '.join(columns)})"
        )
    text = {c: frame[c].astype(str).str.strip().reset_index(drop=True) for c in columns}
    for c, rule in columns.items():
        bad = rule.bad(text[c])
        if bad.any():
            n = int(np.argmax(bad))
            raise InvalidTradeData(
                f"{source}, line {n + first_line}: column {c}: "
                + rule.problem(str(text[c].iloc[n]))
            )
    out = pd.DataFrame(text)
    duplicated = out.duplicated(key, keep="first").to_numpy()
    if duplicated.any():
        n = int(np.argmax(duplicated))
        raise InvalidTradeData(
            f"{source}, line {n + first_line}: duplicate "
            + ", ".join(f"{c}={out.iloc[n][c]}" for c in key)
        )
    return out


def check_tariffs(
    frame: pd.DataFrame, *, source: str = "tariffs", first_line: int = 1
) -> pd.DataFrame:
    """Validate a tariff table: ``exporter`` (ISO3 or ``ALL``), ``importer``, ``product``, ``rate``.

    ``rate`` is the ad-valorem duty as a fraction (0.05 = 5 %), 0 to 10.

    Returns
    -------
    pandas.DataFrame
        Stripped copy with ``rate`` as float64.

    Raises
    ------
    InvalidTradeData
        A missing column, a bad code or rate, or a duplicated key.

    Examples
    --------
    >>> t = check_tariffs(pd.DataFrame({"exporter": ["ALL"], "importer": ["CHN"],
    ...     "product": ["010121"], "rate": ["0.1"]}))
    >>> t["rate"].tolist()
    [0.1]
    """
    out = _validate(
        frame,
        {
            "exporter": _Column(
                pattern=_ISO3, what="an ISO alpha-3 code or ALL", allowed=ALL_EXPORTERS
            ),
            "importer": _ISO3_COLUMN,
            "product": _Column(pattern=_HS6, what="a 6-digit HS code"),
            "rate": _Column(low=0.0, high=MAX_RATE),
        },
        ["exporter", "importer", "product"],
        source=source,
        first_line=first_line,
    )
    return out.assign(rate=out["rate"].astype(np.float64))


def check_distances(
    frame: pd.DataFrame, *, source: str = "distances", first_line: int = 1
) -> pd.DataFrame:
    """Validate a distance table: ``origin``, ``destination`` (ISO3), ``km`` (> 0).

    A pair given in one direction only is used in both.

    Examples
    --------
    >>> check_distances(pd.DataFrame({"origin": ["DNK"], "destination": ["DEU"],
    ...     "km": [355]}))["km"].tolist()
    [355.0]
    """
    out = _validate(
        frame,
        {
            "origin": _ISO3_COLUMN,
            "destination": _ISO3_COLUMN,
            "km": _Column(low=0.0, high=1e5, low_open=True),
        },
        ["origin", "destination"],
        source=source,
        first_line=first_line,
    )
    same = (out["origin"] == out["destination"]).to_numpy()
    if same.any():
        n = int(np.argmax(same))
        raise InvalidTradeData(
            f"{source}, line {n + first_line}: origin and destination are both "
            f"{out.iloc[n]['origin']}"
        )
    return out.assign(km=out["km"].astype(np.float64))


def check_projections(
    frame: pd.DataFrame, *, source: str = "projections", first_line: int = 1
) -> pd.DataFrame:
    """Validate a GDP projection table: ``iso3``, ``growth_factor`` (> 0, at most 100).

    ``growth_factor`` is projected GDP at the horizon over GDP in the base year
    (1.12 = 12 % growth over the horizon).

    Examples
    --------
    >>> check_projections(pd.DataFrame({"iso3": ["CHN"], "growth_factor": ["1.2"]}))[
    ...     "growth_factor"].tolist()
    [1.2]
    """
    out = _validate(
        frame,
        {
            "iso3": _ISO3_COLUMN,
            "growth_factor": _Column(low=0.0, high=100.0, low_open=True),
        },
        ["iso3"],
        source=source,
        first_line=first_line,
    )
    return out.assign(growth_factor=out["growth_factor"].astype(np.float64))
