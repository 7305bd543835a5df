"""ExportPilot: run a municipal internationalisation action plan."""

__version__ = "0.1.0"
