"""World trade data: read CEPII BACI and UN Comtrade files, a Parquet store, a generator.

``read_flows`` returns the canonical flows frame (year, exporter, importer,
product, value in thousand USD, quantity in tonnes) from a store or raw files;
``import_trade`` validates raw files into the store; ``write_baci`` and
``generate_baci`` make labelled synthetic data in BACI format.
"""

from exportpilot.engine.trade.generate import SyntheticTrade, generate_baci, write_baci
from exportpilot.engine.trade.io import list_years, read_flows
from exportpilot.engine.trade.sources import DuplicateFlowsWarning
from exportpilot.engine.trade.store import (
    ImportReport,
    PartitionInfo,
    describe_store,
    import_trade,
)
from exportpilot.engine.trade.zips import ZipLimits, zip_limits_from_env

__all__ = [
    "DuplicateFlowsWarning",
    "ImportReport",
    "PartitionInfo",
    "SyntheticTrade",
    "ZipLimits",
    "describe_store",
    "generate_baci",
    "import_trade",
    "list_years",
    "read_flows",
    "write_baci",
    "zip_limits_from_env",
]
