"""Chart specifications (Plotly figures as JSON-ready dicts) of the market pages.

Built from rows that ``queries`` read and ``rows`` shaped; nothing here reads
the database. Labels are wrapped, never cut off; amounts are million USD.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from exportpilot.markets.hs import display_section, hs_description, section_name
from exportpilot.markets.models import ProductSpaceNode
from exportpilot.reference.countries import country_name

__all__ = [
    "bars",
    "closeness_percentiles",
    "product_space_feasibility",
    "product_space_network",
    "scatter",
    "treemap",
    "wrap",
]


def wrap(text: str, width: int = 42) -> str:
    """A chart label on lines of about ``width`` characters, never cut off."""
    lines = textwrap.wrap(text, width, break_on_hyphens=False)
    return "<br>".join(lines) or text


def treemap(sections: list[dict[str, Any]]) -> dict[str, Any]:
    ids, labels, parents, values = ["all"], [_("All products")], [""], [0.0]
    seen: set[str] = set()
    for row in sections:
        section = display_section(row["section"]) or "-"
        if section not in seen:
            seen.add(section)
            ids.append(f"s{section}")
            name = section_name("" if section == "-" else section)
            labels.append(wrap(f"{section} {name}" if section != "-" else name, 30))
            parents.append("all")
            values.append(0.0)
        ids.append(f"c{row['chapter']}")
        labels.append(wrap(f"{row['chapter']} {hs_description(row['chapter'])}", 30))
        parents.append(f"s{section}")
        values.append(round((row["untapped"] or 0.0) / 1000.0, 3))
    return {
        "data": [
            {
                "type": "treemap",
                "ids": ids,
                "labels": labels,
                "parents": parents,
                "values": values,
                "branchvalues": "remainder",
                "hovertemplate": "%{label}<br>%{value:.1f} "
                + _("million USD")
                + "<extra></extra>",
            }
        ],
        "layout": {"margin": {"t": 10, "l": 0, "r": 0, "b": 0}, "height": 420},
    }


def bars(rows: list[dict[str, Any]]) -> dict[str, Any]:
    top = rows[:20][::-1]
    labels = [wrap(f"{r['product']} {r['description']}", 48) for r in top]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": _("Untapped"),
                "y": labels,
                "x": [round(r["untapped"], 3) for r in top],
            },
            {
                "type": "bar",
                "orientation": "h",
                "name": _("Actual"),
                "y": labels,
                "x": [round(r["actual"], 3) for r in top],
            },
        ],
        "layout": {
            "barmode": "stack",
            "height": 900,
            "margin": {"l": 330, "t": 10, "r": 10},
            "yaxis": {"automargin": True, "tickfont": {"size": 11}},
            "xaxis": {"title": {"text": _("million USD")}},
            "legend": {"orientation": "h"},
        },
    }


def scatter(points: list[dict[str, Any]], home: str, market: str) -> dict[str, Any]:
    biggest = max((p["untapped"] for p in points), default=0.0) or 1.0
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "markers",
                "x": [p["market_imports"] for p in points],
                "y": [p["home_world_exports"] for p in points],
                "text": [
                    wrap(f"{p['product']} {p['description']}", 60) for p in points
                ],
                "marker": {
                    "size": [6 + 30 * (p["untapped"] / biggest) ** 0.5 for p in points],
                    # growth in per cent a year, as the tables show it
                    "color": [round(100 * (p["growth"] or 0.0), 1) for p in points],
                    "colorscale": "RdYlGn",
                    "cmin": -30,
                    "cmax": 30,
                    "colorbar": {
                        "title": {"text": _("Import growth a year, per cent")},
                        "ticksuffix": " %",
                    },
                },
                "hovertemplate": "%{text}<br>"
                + _("demand")
                + " %{x:.1f} "
                + _("million USD")
                + "<br>"
                + _("supply")
                + " %{y:.1f} "
                + _("million USD")
                + "<br>"
                + _("growth")
                + " %{marker.color:.0f} %<extra></extra>",
            }
        ],
        "layout": {
            "height": 460,
            "margin": {"t": 10},
            "xaxis": {
                "type": "log",
                "title": {
                    "text": _("Demand: %(market)s imports, million USD")
                    % {"market": country_name(market)}
                },
            },
            "yaxis": {
                "type": "log",
                "title": {
                    "text": _("Supply: %(home)s exports to the world, million USD")
                    % {"home": country_name(home)}
                },
            },
        },
    }


def closeness_percentiles(densities: list[float]) -> list[float]:
    """Densities as percentiles among the products shown (100 = the closest).

    Densities of nearby products differ in the third decimal (0.0134 to
    0.0155), so ``1 - density`` squeezed the axis to 0.9845-0.9866; the rank
    says what the adviser needs: which products are closer than which.
    """
    if len(densities) < 2:
        return [100.0 for _d in densities]
    order = sorted(range(len(densities)), key=lambda i: densities[i])
    ranks = [0.0] * len(densities)
    for position, index in enumerate(order):
        ranks[index] = round(100.0 * position / (len(densities) - 1), 1)
    return ranks


def product_space_network(
    shown: list[ProductSpaceNode], edges: Sequence[Sequence[Any]]
) -> dict[str, Any]:
    """The product space: the basket's products and the nearby ones, linked."""
    position = {n.product: (n.x, n.y) for n in shown}
    edge_x: list[float | None] = []
    edge_y: list[float | None] = []
    for a, b, _weight in edges:
        if a in position and b in position:
            edge_x += [position[a][0], position[b][0], None]
            edge_y += [position[a][1], position[b][1], None]

    def trace(items: list[ProductSpaceNode], name: str, symbol: str) -> dict[str, Any]:
        return {
            "type": "scatter",
            "mode": "markers",
            "name": name,
            "x": [n.x for n in items],
            "y": [n.y for n in items],
            "text": [
                wrap(f"{n.product} {hs_description(n.product)}", 60) for n in items
            ],
            "marker": {
                "size": [8 + 14 * max(n.density, 0.0) for n in items],
                "color": [n.pci for n in items],
                "colorscale": "Viridis",
                "symbol": symbol,
                "line": {"width": 1, "color": "#333"},
            },
            "hovertemplate": "%{text}<extra></extra>",
        }

    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines",
                "x": edge_x,
                "y": edge_y,
                "line": {"width": 0.6, "color": "#b0b8c4"},
                "hoverinfo": "skip",
                "showlegend": False,
            },
            trace(
                [n for n in shown if n.in_basket],
                _("Made by local companies"),
                "diamond",
            ),
            trace(
                [n for n in shown if not n.in_basket], _("Nearby products"), "circle"
            ),
        ],
        "layout": {
            "height": 560,
            "margin": {"t": 10},
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "legend": {"orientation": "h"},
        },
    }


def product_space_feasibility(nearby: list[ProductSpaceNode]) -> dict[str, Any]:
    """Nearby products: closeness to the basket against opportunity gain."""
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "markers",
                "x": closeness_percentiles([n.density for n in nearby]),
                "y": [n.cog for n in nearby],
                "text": [
                    wrap(f"{n.product} {hs_description(n.product)}", 60) for n in nearby
                ],
                "marker": {
                    "color": [n.pci for n in nearby],
                    "colorscale": "Viridis",
                    "size": 9,
                },
                "hovertemplate": "%{text}<extra></extra>",
            }
        ],
        "layout": {
            "height": 420,
            "margin": {"t": 10},
            "xaxis": {
                "title": {
                    "text": _(
                        "Closeness to the region's basket (percentile of the "
                        "products shown; 100 = closest)"
                    )
                },
                "range": [-3, 103],
            },
            "yaxis": {"title": {"text": _("Opportunity gain")}},
        },
    }
