"""Why Dask workers' potentials differ in the last bits, and by how much at most.

Dask's nanny starts every worker process with ``OMP_NUM_THREADS``,
``OPENBLAS_NUM_THREADS`` and ``MKL_NUM_THREADS`` set to 1
(``distributed.nanny.pre-spawn-environ``); the client keeps the BLAS default
(one thread per core). BLAS splits its matrix products differently with
another number of threads, so the sums are added in another order. This test
reproduces it in one process with threadpoolctl and bounds the difference:
the same rows in the same order, every value within a relative 1e-13.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

from exportpilot.engine.potential.indicator import export_potential_all
from exportpilot.engine.trade.generate import write_baci
from exportpilot.engine.trade.io import read_flows

RTOL = 1e-13
VALUES = ("supply", "demand", "ease", "potential_value", "untapped_value", "rca")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("world")
    path = write_baci(folder, countries=60, products=600, years=[2021], seed=5)[0]
    return read_flows(path)


def test_one_blas_thread_gives_the_same_rows_and_values_within_the_bound(world):
    with threadpool_limits(limits=1, user_api="blas"):
        worker_like = export_potential_all(world, year=2021)
    with threadpool_limits(limits=2, user_api="blas"):
        client_like = export_potential_all(world, year=2021)
    keys = ["year", "exporter", "market", "product"]
    pd.testing.assert_frame_equal(worker_like[keys], client_like[keys])
    pd.testing.assert_series_equal(
        worker_like["actual_value"], client_like["actual_value"], check_exact=True
    )
    for name in VALUES:
        np.testing.assert_allclose(
            worker_like[name].to_numpy(),
            client_like[name].to_numpy(),
            rtol=RTOL,
            atol=0.0,
            err_msg=name,
        )
