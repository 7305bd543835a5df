"""Product diversification ranking: products an exporter does not yet export competitively.

ITC's Product Diversification Indicator (Decreux & Spies 2016) keeps the EPI's
demand and market-access terms and replaces supply by a product-space feasibility
(Hausmann & Klinger 2006; Hidalgo et al. 2007): here the density omega_ik of the
exporter's competitive products around product k. The score omega_ik * D_ijk is
reported with its rank, not read as a value in US$.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from exportpilot.engine.complexity.density import product_density
from exportpilot.engine.complexity.proximity import product_proximity
from exportpilot.engine.potential.indicator import (
    METADATA_KEY,
    PotentialModel,
    market_codes,
    prepare_potential,
)
from exportpilot.engine.potential.trade_year import country_codes

__all__ = [
    "DIVERSIFICATION_COLUMNS",
    "diversification_ranking",
    "diversification_rows",
    "diversification_table",
]

DIVERSIFICATION_COLUMNS = (
    "year",
    "exporter",
    "market",
    "product",
    "rca",
    "density",
    "demand",
    "score",
    "rank",
)
"""Columns of the diversification table, in order."""


def diversification_rows(
    model: PotentialModel,
    i: int,
    markets: np.ndarray,
    density: np.ndarray,
    *,
    top: int | None = None,
) -> pd.DataFrame:
    """Ranking rows of exporter ``i`` (code) in ``markets`` given its density row."""
    columns = np.flatnonzero(
        ~model.competitive[i] & (model.trade.exports.sum(axis=0) > 0)
    )
    rows = markets[markets != i]
    _, demand = model.demand(i, rows, columns)
    score = density[columns][None, :] * demand
    # markets that import none of a product rank it last (and drop it below)
    key = np.where(demand > 0, score, -np.inf)
    order = np.lexsort((np.broadcast_to(columns, score.shape), -key), axis=1)
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(1, score.shape[1] + 1)[None, :], axis=1)
    keep = demand > 0
    if top is not None:
        keep &= rank <= top
    r, c = np.nonzero(keep)
    countries, products = model.trade.countries, model.trade.products
    frame = pd.DataFrame(
        {
            "year": np.full(len(r), model.trade.year, dtype=np.int16),
            "exporter": str(countries[i]),
            "market": countries[rows[r]].astype(str),
            "product": products[columns[c]].astype(str),
            "rca": model.rca[i, columns[c]],
            "density": density[columns[c]],
            "demand": demand[r, c],
            "score": score[r, c],
            "rank": rank[r, c].astype(np.int64),
        }
    )
    frame = frame.sort_values(["market", "rank"], kind="stable", ignore_index=True)
    return frame.astype({"exporter": "str", "market": "str", "product": "str"})


def diversification_ranking(
    flows: pd.DataFrame,
    *,
    exporter: str,
    markets: Sequence[str] | None = None,
    year: int,
    tariffs: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
    projections: pd.DataFrame | None = None,
    top: int | None = None,
    model: PotentialModel | None = None,
    **options: Any,
) -> pd.DataFrame:
    """Rank the products an exporter does not yet export competitively, per market.

    score_ijk = density_ik * demand_ijk for every product with RCA_ik below
    ``min_rca`` (default 1) that someone exports; rank 1 is the best product for
    that market (ties broken by product code). Demand is the EPI's (imports with
    tariff and distance advantage, projected where projections are given).

    Parameters
    ----------
    flows, exporter, markets, year, tariffs, distances, projections, **options
        As in :func:`~exportpilot.engine.potential.indicator.export_potential`.
    top : int, optional
        Keep the ``top`` best products per market.
    model : PotentialModel, optional
        A model already prepared for this year (skips :func:`prepare_potential`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DIVERSIFICATION_COLUMNS`, ordered by market and rank.

    References
    ----------
    C. Decreux and J. Spies, "Export Potential Assessments", ITC, 2016;
    C. A. Hidalgo, B. Klinger, A.-L. Barabási and R. Hausmann, "The product space
    conditions the development of nations", Science 317 (2007).

    Examples
    --------
    >>> flows = pd.DataFrame({"year": 2021,
    ...     "exporter": ["DNK", "DNK", "SWE", "SWE", "CHN", "CHN"],
    ...     "importer": "DEU",
    ...     "product": ["010121", "020110", "010121", "020110", "030111", "010121"],
    ...     "value": [6.0, 1.0, 4.0, 5.0, 10.0, 1.0]})
    >>> diversification_ranking(flows, exporter="DNK", year=2021)[
    ...     ["market", "product", "rca", "density", "rank"]].round(3)
      market product    rca  density  rank
    0    DEU  020110  0.643    0.333     1
    1    DEU  030111  0.000    0.000     2
    """
    if model is None:
        model = prepare_potential(
            flows,
            year=year,
            tariffs=tariffs,
            distances=distances,
            projections=projections,
            **options,
        )
    codes = country_codes(model.trade, [exporter], role="exporter")
    return diversification_table(
        model, exporters=codes, markets=market_codes(model, markets), top=top
    )


def diversification_table(
    model: PotentialModel,
    *,
    exporters: np.ndarray,
    markets: np.ndarray,
    top: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> pd.DataFrame:
    """Diversification rows of several exporters (codes) of a prepared model.

    The densities of all exporters are computed once (two float32 products of
    the ``C x K`` presence matrix) with the complexity engine's proximity and
    density (py-ecomplexity convention: ``phi_pp = 1``); products nobody
    exports competitively have density 0.
    """
    presence = (model.rca >= 1.0).astype(np.int8)
    phi = product_proximity(presence)
    density = product_density(presence[np.asarray(exporters, dtype=np.intp)], phi)
    parts = []
    for n, i in enumerate(exporters):
        parts.append(diversification_rows(model, int(i), markets, density[n], top=top))
        if progress is not None:
            progress(1)
    if parts:
        frame = pd.concat(parts, ignore_index=True)
    else:
        frame = pd.DataFrame({c: [] for c in DIVERSIFICATION_COLUMNS})
    frame.attrs[METADATA_KEY] = model.metadata
    return frame
