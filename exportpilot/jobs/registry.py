"""Which function runs each kind of job.

Apps register a handler with ``@job_handler("companies.import")``; the handler
receives the ``Job`` and a ``Progress`` and returns a JSON-ready result. Handlers
are found in each app's ``tasks.py`` (``JobsConfig.ready`` autodiscovers them,
so this package imports no app above it). A handler acts as ``job_actor(job)``:
the worker, on behalf of the job's creator, in the job's workspace.

A kind may also register ``@on_job_abandoned("companies.import")``: called with
the job and a reason when the job is given up because its worker stopped while
running it too many times (``services.recover_stale_jobs``), so that the record
it works on (an import, an analysis run) is marked failed rather than left
"running".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from exportpilot.audit.actors import Actor, Channel
from exportpilot.jobs.models import Job
from exportpilot.jobs.progress import Progress

Handler = Callable[[Job, Progress], dict[str, Any]]
AbandonHook = Callable[[Job, str], None]
_HANDLERS: dict[str, Handler] = {}
_ABANDON_HOOKS: dict[str, AbandonHook] = {}


def job_actor(job: Job, channel: str = Channel.JOB) -> Actor:
    """Who a job's handler acts as: the worker, for the job's creator, in its workspace."""
    return Actor.system_caller(
        "worker", workspace_id=job.workspace_id, user=job.created_by, channel=channel
    )


class UnknownJobKind(LookupError):
    pass


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        _HANDLERS[kind] = func
        return func

    return register


def on_job_abandoned(kind: str) -> Callable[[AbandonHook], AbandonHook]:
    def register(func: AbandonHook) -> AbandonHook:
        _ABANDON_HOOKS[kind] = func
        return func

    return register


def get_handler(kind: str) -> Handler:
    try:
        return _HANDLERS[kind]
    except KeyError:
        raise UnknownJobKind(f"no handler for job kind {kind!r}") from None


def get_abandon_hook(kind: str) -> AbandonHook | None:
    return _ABANDON_HOOKS.get(kind)
