"""A slow, scalar re-statement of the EPI formulas, written from the docs, for tests.

Plain dictionaries and loops, no numpy vectorisation: it shares no code with the
engine, so agreement between the two checks the vectorised kernel.
"""

from __future__ import annotations

from collections import defaultdict

EU = {"DNK", "DEU", "FRA", "SWE", "NLD", "BEL", "ITA", "ESP", "POL", "AUT", "FIN"}


def reference_potential(
    flows: list[tuple[str, str, str, float]],
    *,
    distances: dict[tuple[str, str], float],
    tariffs: dict[tuple[str, str, str], float] | None = None,
    mfn: dict[tuple[str, str], float] | None = None,
    growth: dict[str, float] | None = None,
    sigma: float = 5.0,
    delta: float = 1.0,
    epsilon: float = 1.0,
    min_rca: float = 1.0,
    default_tariff: float = 0.05,
    eu: set[str] = EU,
) -> dict[str, dict]:
    """Every intermediate of the method as dictionaries keyed by country/product codes."""
    x: dict[tuple[str, str, str], float] = defaultdict(float)
    for i, j, k, v in flows:
        x[i, j, k] += v
    countries = sorted({i for i, _, _ in x} | {j for _, j, _ in x})
    products = sorted({k for _, _, k in x})
    exp_ik = {
        (i, k): sum(v for (a, _, c), v in x.items() if a == i and c == k)
        for i in countries
        for k in products
    }
    imp_jk = {
        (j, k): sum(v for (_, b, c), v in x.items() if b == j and c == k)
        for j in countries
        for k in products
    }
    world_k = {k: sum(exp_ik[i, k] for i in countries) for k in products}
    world = sum(world_k.values())
    exp_i = {i: sum(exp_ik[i, k] for k in products) for i in countries}
    rca = {
        (i, k): (exp_ik[i, k] / exp_i[i]) / (world_k[k] / world)
        if exp_i[i] > 0
        else 0.0
        for i in countries
        for k in products
    }

    def dist(i: str, j: str) -> float:
        return distances.get((i, j), distances.get((j, i), float("nan")))

    def tau(i: str, j: str, k: str) -> float:
        if tariffs and (i, j, k) in tariffs:
            return tariffs[i, j, k]
        if i in eu and j in eu:
            return 0.0
        if mfn and (j, k) in mfn:
            return mfn[j, k]
        return default_tariff

    tbar = {}
    dbar = {}
    for j in countries:
        for k in products:
            if imp_jk[j, k] > 0:
                suppliers = [i for i in countries if (i, j, k) in x]
                tbar[j, k] = (
                    sum(x[i, j, k] * tau(i, j, k) for i in suppliers) / imp_jk[j, k]
                )
                dbar[j, k] = (
                    sum(x[i, j, k] * dist(i, j) for i in suppliers) / imp_jk[j, k]
                )
            else:
                tbar[j, k] = 0.0
                dbar[j, k] = float("nan")

    share = {(i, k): exp_ik[i, k] / world_k[k] for i in countries for k in products}
    tb = {
        (i, k): min(1.0, exp_ik[i, k] / imp_jk[i, k]) if imp_jk[i, k] > 0 else 1.0
        for i in countries
        for k in products
    }
    tglob = {}
    for i in countries:
        for k in products:
            weight = sum(imp_jk[j, k] for j in countries if j != i)
            if weight == 0:
                tglob[i, k] = 1.0
                continue
            faced = (
                sum(imp_jk[j, k] * tau(i, j, k) for j in countries if j != i) / weight
            )
            comp = sum(imp_jk[j, k] * tbar[j, k] for j in countries if j != i) / weight
            tglob[i, k] = ((1 + faced) / (1 + comp)) ** (-sigma)
    supply0 = {key: share[key] * tb[key] * tglob[key] for key in share}
    g = {c: (growth or {}).get(c, 1.0) for c in countries}
    if growth:
        given = sorted(growth.values())
        mid = len(given) // 2
        median = given[mid] if len(given) % 2 else (given[mid - 1] + given[mid]) / 2
        g = {c: growth.get(c, median) for c in countries}
    mean_g = {k: sum(share[i, k] * g[i] for i in countries) for k in products}
    supply = {
        (i, k): supply0[i, k] * (g[i] / mean_g[k] if growth else 1.0)
        for i in countries
        for k in products
    }

    a_tar, a_dist, demand0, demand = {}, {}, {}, {}
    for i in countries:
        for j in countries:
            if i == j:
                continue
            for k in products:
                a_tar[i, j, k] = ((1 + tau(i, j, k)) / (1 + tbar[j, k])) ** (-sigma)
                d = dist(i, j)
                a_dist[i, j, k] = (
                    (d / dbar[j, k]) ** (-delta)
                    if d == d and dbar[j, k] == dbar[j, k]
                    else 1.0
                )
                demand0[i, j, k] = imp_jk[j, k] * a_tar[i, j, k] * a_dist[i, j, k]
                demand[i, j, k] = demand0[i, j, k] * (
                    g[j] ** epsilon if growth else 1.0
                )

    covered = {
        (i, k)
        for i in countries
        for k in products
        if rca[i, k] >= min_rca and exp_ik[i, k] > 0
    }
    hypothetical, actual_pair, ease = {}, {}, {}
    for i in countries:
        for j in countries:
            if i == j:
                continue
            hypothetical[i, j] = sum(
                supply0[i, k] * demand0[i, j, k] for k in products if (i, k) in covered
            )
            actual_pair[i, j] = sum(
                x.get((i, j, k), 0.0) for k in products if (i, k) in covered
            )
            ease[i, j] = (
                actual_pair[i, j] / hypothetical[i, j] if actual_pair[i, j] > 0 else 0.0
            )
    potential = {}
    for (i, j, k), d in demand.items():
        if (i, k) in covered and ease[i, j] > 0 and d > 0:
            potential[i, j, k] = ease[i, j] * supply[i, k] * d
    return {
        "x": dict(x),
        "exports": exp_ik,
        "imports": imp_jk,
        "rca": rca,
        "tbar": tbar,
        "dbar": dbar,
        "share": share,
        "trade_balance": tb,
        "global_tariff": tglob,
        "supply": supply,
        "tariff_advantage": a_tar,
        "distance_advantage": a_dist,
        "demand": demand,
        "hypothetical": hypothetical,
        "actual_pair": actual_pair,
        "ease": ease,
        "potential": potential,
    }
