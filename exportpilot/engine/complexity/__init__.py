"""Economic complexity: RCA, ECI/PCI, proximity, density, distance, COI and COG.

One module per family: ``matrices`` (flows to dense exporter x product
matrices), ``conventions`` (py-ecomplexity or Stata), ``rca``, ``eci``, ``proximity``, ``density``, ``opportunity``
(COI/COG) and ``pipeline`` (every indicator per year as one long table).
Formulas, options and the differences from py-ecomplexity are in
``docs/engine/complexity.md``.
"""

from exportpilot.engine.complexity.conventions import (
    CONVENTIONS,
    Convention,
    ConventionName,
    convention_rules,
)
from exportpilot.engine.complexity.density import product_density, product_distance
from exportpilot.engine.complexity.eci import ComplexityIndices, complexity_indices
from exportpilot.engine.complexity.matrices import (
    ExportMatrices,
    YearMatrix,
    average_years,
    export_matrices,
    trim_year,
)
from exportpilot.engine.complexity.opportunity import (
    complexity_outlook,
    complexity_outlook_gain,
)
from exportpilot.engine.complexity.pipeline import (
    OUTPUT_COLUMNS,
    ComplexityResult,
    YearComplexity,
    economic_complexity,
    year_complexity,
)
from exportpilot.engine.complexity.proximity import product_proximity, proximity_edges
from exportpilot.engine.complexity.rca import (
    diversity_ubiquity,
    presence,
    revealed_comparative_advantage,
)

__all__ = [
    "CONVENTIONS",
    "OUTPUT_COLUMNS",
    "ComplexityIndices",
    "ComplexityResult",
    "Convention",
    "ConventionName",
    "ExportMatrices",
    "YearComplexity",
    "YearMatrix",
    "average_years",
    "complexity_indices",
    "complexity_outlook",
    "complexity_outlook_gain",
    "convention_rules",
    "diversity_ubiquity",
    "economic_complexity",
    "export_matrices",
    "presence",
    "product_density",
    "product_distance",
    "product_proximity",
    "proximity_edges",
    "revealed_comparative_advantage",
    "trim_year",
    "year_complexity",
]
