"""The Dask path (one task per year on a LocalCluster) gives the in-process results."""

import pandas as pd
import pytest

from exportpilot.engine.complexity import economic_complexity
from exportpilot.engine.complexity.tests.test_against_ecomplexity import (
    generated_exports,
)
from exportpilot.engine.distributed import dask_client, map_on_client, mapper_for
from exportpilot.engine.errors import SchedulerUnavailable

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    # One LocalCluster for the module: starting one takes seconds.
    with dask_client("local") as started:
        yield started


def test_local_cluster_results_equal_the_single_machine_results(client):
    exports = generated_exports(n_exporters=15, n_products=60, years=(2019, 2020, 2021))
    options = {"value_column": "export_value", "keep_proximity": True}
    expected = economic_complexity(exports, **options)
    seen = []
    actual = economic_complexity(
        exports, map_years=mapper_for(client), on_year=seen.append, **options
    )
    assert sorted(seen) == [2019, 2020, 2021]
    pd.testing.assert_frame_equal(actual.table, expected.table, check_exact=True)
    for year, (products, phi) in expected.proximity.items():
        assert actual.proximity[year][0].tolist() == products.tolist()
        assert (actual.proximity[year][1] == phi).all()


def test_map_on_client_raises_the_task_error(client):
    with pytest.raises(ZeroDivisionError):
        list(map_on_client(client, lambda x: 1 / x, [1, 0]))


@pytest.mark.parametrize("scheduler", ["threads", "udp://127.0.0.1:1"])
def test_unknown_scheduler_strings_are_refused(scheduler):
    with pytest.raises(SchedulerUnavailable, match="local"), dask_client(scheduler):
        pass


def test_unreachable_scheduler_is_reported():
    with (
        pytest.raises(SchedulerUnavailable, match="cannot reach"),
        dask_client("tcp://127.0.0.1:9", timeout=1),
    ):
        pass
