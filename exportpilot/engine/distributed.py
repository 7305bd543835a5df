"""Run per-year or per-chunk engine kernels on a Dask distributed cluster.

Years (and HS revisions) are embarrassingly parallel and each one's input is
small (a dense ``C x P`` matrix, about 9 MB at HS6), so the engine ships whole
kernels to workers with ``Client.map`` instead of distributing the linear
algebra. ``scheduler="local"`` starts a two-process ``LocalCluster`` on
127.0.0.1 (one thread per worker, so BLAS does not oversubscribe the cores);
``tcp://host:8786`` connects to a running scheduler.

References
----------
Rocklin, M. (2015). Dask: parallel computation with blocked algorithms and
task scheduling. Proceedings of the 14th Python in Science Conference.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from distributed import Client, LocalCluster, as_completed

from exportpilot.engine.errors import SchedulerUnavailable

__all__ = ["dask_client", "map_on_client", "mapper_for"]

Item = TypeVar("Item")
Result = TypeVar("Result")


@contextlib.contextmanager
def dask_client(scheduler: str, *, timeout: float = 10.0) -> Iterator[Client]:
    """Open a Dask client for ``"local"`` or a ``tcp://host:port`` scheduler.

    The local cluster (``n_workers=2, threads_per_worker=1``, no dashboard,
    bound to 127.0.0.1) and the client are closed on exit.

    Raises
    ------
    SchedulerUnavailable
        Unknown scheduler string, or the scheduler cannot be reached.

    Examples
    --------
    >>> with dask_client("udp://nowhere") as client:  # doctest: +IGNORE_EXCEPTION_DETAIL
    ...     pass
    Traceback (most recent call last):
    SchedulerUnavailable: ...
    """
    if scheduler == "local":
        try:
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=2,
                threads_per_worker=1,
                dashboard_address=None,
                host="127.0.0.1",
                processes=True,
            )
        except (OSError, RuntimeError) as error:
            raise SchedulerUnavailable(
                f"cannot start a local Dask cluster: {error}"
            ) from error
        with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    if not scheduler.startswith("tcp://"):
        raise SchedulerUnavailable(
            f"scheduler must be 'local' or tcp://HOST:PORT, not {scheduler!r}"
        )
    try:
        client = Client(scheduler, timeout=timeout)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as error:
        raise SchedulerUnavailable(
            f"cannot reach the Dask scheduler at {scheduler}: {error}"
        ) from error
    with client:
        yield client


def map_on_client(
    client: Client, kernel: Callable[[Item], Result], items: Sequence[Item]
) -> Iterator[Result]:
    """Run ``kernel`` on every item as one task each; yield results as they finish.

    The inputs are scattered to the workers first (they can be megabytes);
    results come back in completion order, so callers that need an order
    must sort. If a task fails, the remaining ones are cancelled and the
    error is raised here.
    """
    if not items:
        return
    scattered = client.scatter(list(items))  # type: ignore[no-untyped-call]
    futures = client.map(kernel, scattered, pure=False)
    try:
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            yield future.result()
    finally:
        client.cancel(futures)  # type: ignore[no-untyped-call]


def mapper_for(
    client: Client,
) -> Callable[[Callable[[Item], Result], Sequence[Item]], Iterable[Result]]:
    """A ``map_years``-style function bound to a client (for the pipelines).

    Examples
    --------
    >>> callable(mapper_for)
    True
    """

    def run(
        kernel: Callable[[Item], Result], items: Sequence[Item]
    ) -> Iterable[Result]:
        return map_on_client(client, kernel, items)

    return run
