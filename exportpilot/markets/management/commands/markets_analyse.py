"""``manage.py markets_analyse WORKSPACE``: run a workspace's market analysis now."""

from __future__ import annotations

import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from exportpilot.accounts.models import Workspace
from exportpilot.audit.actors import Actor, Channel
from exportpilot.engine.errors import EngineError
from exportpilot.jobs.progress import RichProgress
from exportpilot.markets import services
from exportpilot.markets.analysis import AnalysisInputError


class Command(BaseCommand):
    help = "Run the complexity and export-potential analysis of one workspace."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("workspace", help="workspace slug")
        parser.add_argument("--base-year", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        workspace = Workspace.objects.filter(slug=options["workspace"]).first()
        if workspace is None:
            raise CommandError(f"no workspace {options['workspace']!r}")
        try:
            actor = Actor.system_caller(
                "cli", workspace_id=workspace.pk, channel=Channel.CLI
            )
            run = services.create_run(actor, base_year=options["base_year"])
            started = time.perf_counter()
            with RichProgress("analyse") as bar:
                result = services.run_analysis(actor, run=run, progress=bar)
        except (ValidationError, AnalysisInputError, EngineError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"analysis #{run.pk}: {result['markets']} markets, "
            f"{result['opportunities']:,} opportunities in "
            f"{time.perf_counter() - started:.1f} s; steps {result['timings']}"
        )
