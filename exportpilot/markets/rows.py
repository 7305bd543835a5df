"""Row formatting of market results: stored records to the dicts pages,
downloads and the API show (amounts in million USD, names in the reader's language)."""

from __future__ import annotations

from typing import Any

from exportpilot.markets.hs import display_section, hs_description
from exportpilot.markets.models import (
    MarketSummary,
    ProductOpportunity,
    ProductSpaceNode,
)
from exportpilot.reference.countries import country_name

__all__ = ["market_row", "musd", "nearby_row", "product_row"]


def musd(kusd: float | None) -> float | None:
    """Thousand USD to million USD, for display."""
    return None if kusd is None else kusd / 1000.0


def market_row(summary: MarketSummary) -> dict[str, Any]:
    return {
        "market": summary.market,
        "name": country_name(summary.market),
        "is_focus": summary.is_focus,
        "imports": musd(summary.imports),
        "growth": summary.growth,
        "home_exports": musd(summary.home_exports),
        "home_share": summary.home_share,
        "potential": musd(summary.potential),
        "untapped": musd(summary.untapped),
    }


def product_row(opportunity: ProductOpportunity) -> dict[str, Any]:
    return {
        "market": opportunity.market,
        "product": opportunity.product,
        "description": hs_description(opportunity.product),
        "section": display_section(opportunity.section),
        "market_imports": musd(opportunity.market_imports),
        "growth": opportunity.growth,
        "home_world_exports": musd(opportunity.home_world_exports),
        "potential": musd(opportunity.potential),
        "actual": musd(opportunity.actual),
        "untapped": musd(opportunity.untapped),
        "rca": opportunity.rca,
    }


def nearby_row(node: ProductSpaceNode) -> dict[str, Any]:
    """A product near the region's basket, for the product-space table."""
    return {
        "product": node.product,
        "description": hs_description(node.product),
        "section": display_section(node.section),
        "density": node.density,
        "cog": node.cog,
        "pci": node.pci,
        "home_rca": node.home_rca,
        "world_exports": musd(node.world_exports),
    }
