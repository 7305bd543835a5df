"""Pure analytics for ExportPilot: trade data, complexity, export potential, readiness.

Nothing here imports Django or another ExportPilot package; an import-linter
contract in ``pyproject.toml`` enforces it. Functions take and return arrays or
data frames and never mutate their inputs.
"""
