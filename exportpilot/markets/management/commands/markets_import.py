"""``manage.py markets_import --user OPERATOR PATH...``: import trade files, then analyse.

The store is shared by every workspace, so the command names the platform
operator who changes it (``--user``), and refuses anyone else; the change log
every workspace reads names that operator.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from exportpilot.accounts.models import Workspace
from exportpilot.accounts.policy import allows
from exportpilot.audit.actors import Actor, Channel
from exportpilot.engine.errors import EngineError
from exportpilot.jobs.progress import RichProgress
from exportpilot.markets import services


class Command(BaseCommand):
    help = "Import BACI or UN Comtrade files into the shared trade store."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument(
            "--user",
            required=True,
            metavar="USERNAME",
            help="The platform operator making the change (named in the change log).",
        )
        parser.add_argument(
            "--analyse",
            metavar="WORKSPACE",
            action="append",
            default=[],
            help="Analyse this workspace (slug) afterwards; repeat for several.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"no user {options['user']!r}")
        actor = Actor.system_caller("cli", user=user, channel=Channel.CLI)
        if not allows(actor, services.OPERATOR_PERMISSION):
            raise CommandError(f"{options['user']}: {services.operator_only_message()}")
        try:
            with RichProgress("import") as bar:
                result = services.import_trade_data(
                    actor, paths=options["paths"], progress=bar
                )
        except EngineError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"imported {result['rows']:,} rows, years {result['years']}")
        if result["gaps"]:
            self.stderr.write(f"missing years: {result['gaps']}")
        for slug in options["analyse"]:
            workspace = Workspace.objects.filter(slug=slug).first()
            if workspace is None:
                raise CommandError(f"no workspace {slug!r}")
            in_workspace = actor.in_workspace(workspace.pk)
            run = services.create_run(in_workspace)
            with RichProgress(f"analyse {slug}") as bar:
                services.run_analysis(in_workspace, run=run, progress=bar)
            self.stdout.write(f"{slug}: analysis #{run.pk} {run.timings}")
