"""Scale-out on a LocalCluster of three workers: parts written by workers, summaries only.

Small generated BACI data (a store of three years); the parts read back as one
table must equal the single-process results exactly.
"""

import numpy as np
import pandas as pd
import pytest

from exportpilot.engine.complexity import economic_complexity
from exportpilot.engine.distributed import (
    PartSummary,
    complexity_on_cluster,
    dask_client,
    potential_on_cluster,
)
from exportpilot.engine.errors import UnknownYear
from exportpilot.engine.potential import export_potential_all
from exportpilot.engine.trade import import_trade
from exportpilot.engine.trade.generate import write_baci
from exportpilot.engine.trade.io import read_flows

pytestmark = pytest.mark.slow

YEARS = [2019, 2020, 2021]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    write_baci(raw, countries=12, products=40, years=YEARS, seed=5)
    target = tmp_path_factory.mktemp("store") / "trade"
    import_trade([raw], store=target)
    return target


@pytest.fixture(scope="module")
def client():
    with dask_client("local", local_workers=3) as started:
        yield started


def as_plain(frame):
    return frame.astype(
        {c: str for c in ("exporter", "market", "product") if c in frame.columns}
    ).reset_index(drop=True)


def test_complexity_parts_equal_the_single_process_table(client, store, tmp_path):
    out, proximity = tmp_path / "complexity", tmp_path / "proximity"
    done = []
    summaries = complexity_on_cluster(
        client, store, years=YEARS, out=out, proximity=proximity,
        progress=done.append, convention="stata", average=1,
    )  # fmt: skip
    assert [s.year for s in summaries] == YEARS
    assert all(isinstance(s, PartSummary) for s in summaries)
    assert sorted(p.name for p in out.iterdir()) == [f"part-{y}.parquet" for y in YEARS]
    assert len(done) == 3
    # Sorted as text on both sides: a categorical column sorts by its categories.
    keys = ["year", "exporter", "product"]
    expected = economic_complexity(read_flows(store), convention="stata").table
    expected = as_plain(expected).sort_values(keys)
    actual = as_plain(pd.read_parquet(out)).sort_values(keys)
    assert sum(s.rows for s in summaries) == len(expected)
    pd.testing.assert_frame_equal(
        as_plain(actual), as_plain(expected), check_exact=True, check_dtype=False
    )
    edges = pd.read_parquet(proximity)
    assert set(edges["year"]) == set(YEARS)


def test_potential_parts_equal_the_single_process_table(client, store, tmp_path):
    out = tmp_path / "potential"
    summaries, metadata = potential_on_cluster(
        client, store, years=[2020, 2021], out=out, chunk_size=5
    )
    assert sorted(metadata) == [2020, 2021]
    assert len(summaries) == len(list(out.iterdir())) >= 4  # chunks of 5 exporters
    actual = pd.read_parquet(out)
    for year in (2020, 2021):
        expected = export_potential_all(read_flows(store, years=[year]), year=year)
        part = actual[actual["year"] == year]
        pd.testing.assert_frame_equal(
            as_plain(part), as_plain(expected), check_exact=True, check_dtype=False
        )
        assert metadata[year] == expected.attrs["export_potential"]


def test_a_failing_year_writes_nothing(client, store, tmp_path):
    out = tmp_path / "complexity"
    out.mkdir()
    (out / "keep.txt").write_text("an earlier result")
    with pytest.raises(UnknownYear):
        complexity_on_cluster(client, store, years=[2021, 1990], out=out)
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert not (tmp_path / "complexity.partial").exists()
    np.testing.assert_equal(len(list(tmp_path.iterdir())), 1)
