"""Export potential: ITC's Export Potential Indicator and a diversification ranking.

``export_potential`` / ``export_potential_all`` compute potential, actual and
untapped exports per exporter x market x product (Decreux & Spies 2016);
``diversification_ranking`` ranks the products an exporter does not yet export
competitively. The method and every choice made are in
docs/engine/export-potential.md.
"""

from exportpilot.engine.potential.diversification import (
    DIVERSIFICATION_COLUMNS,
    diversification_ranking,
)
from exportpilot.engine.potential.indicator import (
    POTENTIAL_COLUMNS,
    PotentialModel,
    export_potential,
    export_potential_all,
    prepare_potential,
)

__all__ = [
    "DIVERSIFICATION_COLUMNS",
    "POTENTIAL_COLUMNS",
    "PotentialModel",
    "diversification_ranking",
    "export_potential",
    "export_potential_all",
    "prepare_potential",
]
