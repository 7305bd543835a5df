"""``manage.py markets_generate``: write synthetic BACI files (world size by default).

With ``--import`` the files go into the shared trade store; with ``--analyse
SLUG`` that workspace is analysed afterwards. The data is synthetic and is
labelled so on every page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from exportpilot.engine.trade import write_baci


class Command(BaseCommand):
    help = "Generate synthetic world trade in BACI format (220 x 5,000 by default)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--countries", type=int, default=220)
        parser.add_argument("--products", type=int, default=5000)
        parser.add_argument("--years", type=int, nargs="+", default=[2022, 2023])
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument(
            "--out", type=Path, default=Path(settings.DATA_DIR) / "incoming" / "world"
        )
        parser.add_argument("--import", dest="do_import", action="store_true")
        parser.add_argument(
            "--analyse", metavar="WORKSPACE", action="append", default=[]
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="The platform operator importing the files (with --import).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths = write_baci(
            options["out"],
            countries=options["countries"],
            products=options["products"],
            years=options["years"],
            seed=options["seed"],
        )
        self.stdout.write(f"wrote {len(paths)} files to {options['out']}")
        if options["do_import"] or options["analyse"]:
            extra = [a for slug in options["analyse"] for a in ("--analyse", slug)]
            if options["user"]:
                extra += ["--user", options["user"]]
            call_command("markets_import", str(options["out"]), *extra)
