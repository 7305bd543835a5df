"""Platform commands: ``serve``, ``worker``, ``demo``, ``import companies``, ``token create``.

They start Django on first use, so ``exportpilot trade`` and ``exportpilot
analytics`` stay free of it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import typer

import_app = typer.Typer(help="Import records into the register.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens.", no_args_is_help=True)


def setup_django() -> None:
    """Set Django up once (a second ``django.setup()`` would redo the logging)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exportpilot.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def fail(message: str) -> None:
    """Print a message to stderr and exit with status 2, without a traceback."""
    typer.secho(f"Error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(2)


def prepare_database(*, demo: bool, quiet: bool = False) -> None:
    """Migrate, collect static files and, when asked and empty, load the demo workspace."""
    from django.core.management import call_command

    from exportpilot.accounts.models import Workspace

    verbosity = 0 if quiet else 1
    call_command("migrate", interactive=False, verbosity=verbosity)
    call_command("collectstatic", interactive=False, verbosity=0)
    if demo:
        from exportpilot.demo import ensure_demo_workspace
        from exportpilot.demo.organisations import WORKSPACE as DEMO_WORKSPACE
        from exportpilot.markets.demo import add_demo_market_data
        from exportpilot.markets.models import AnalysisRun, RunStatus

        ensure_demo_workspace(echo=typer.echo)
        # Market data comes after the register's transaction: it writes Parquet
        # files too. Loaded again on the next start if an earlier one broke off.
        workspace = Workspace.objects.filter(slug=DEMO_WORKSPACE.slug).first()
        analysed = AnalysisRun.objects.filter(
            workspace=workspace, status=RunStatus.SUCCEEDED
        ).exists()
        if workspace is not None and not analysed:
            add_demo_market_data(workspace, echo=typer.echo)


def gunicorn_command(bind: str, *, workers: int, access_log: bool = True) -> list[str]:
    """How ``serve`` runs the web server (``benchmarks/register_load.py`` runs it so too).

    ``--preload`` loads the application, and warms it up (``lib.warmup``), once
    in the master process before the workers fork.
    """
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "exportpilot.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--preload",
        "--graceful-timeout",
        "5",
    ]
    if access_log:
        command += ["--access-logfile", "-"]
    return command


def serve(
    port: int = typer.Option(
        int(os.environ.get("PORT", "8000")), help="Port to listen on (env PORT)."
    ),
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    demo: bool = typer.Option(
        False, "--demo", help="Load the demo workspace when the database is empty."
    ),
    workers: int = typer.Option(2, help="Web server processes."),
    job_worker: bool = typer.Option(
        True, "--job-worker/--no-job-worker", help="Run a background-job worker too."
    ),
) -> None:
    """Run the web server and a background-job worker together (the embedded default)."""
    setup_django()
    prepare_database(demo=demo)
    from django.conf import settings

    children: list[subprocess.Popen[bytes]] = []
    if job_worker:
        children.append(
            subprocess.Popen(
                [sys.executable, "-m", "exportpilot", "worker"], env=os.environ.copy()
            )
        )
    url = f"http://{host}:{port}/"
    typer.secho(f"\nExportPilot is running at {url}", fg=typer.colors.GREEN, bold=True)
    if demo:
        from exportpilot.demo import DEMO_LOGINS

        typer.echo("Demo logins (username / password):")
        for username, password, role in DEMO_LOGINS:
            typer.echo(f"  {username:<12} {password:<22} {role}")
    typer.echo(
        f"Database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
    )
    typer.echo("Press Ctrl+C to stop.\n")
    web = subprocess.Popen(
        gunicorn_command(f"{host}:{port}", workers=workers), env=os.environ.copy()
    )
    children.append(web)
    try:
        web.wait()
    except KeyboardInterrupt:
        pass
    finally:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()


def worker(
    batch: bool = typer.Option(False, "--batch", help="Exit when the queue is empty."),
) -> None:
    """Run a background-job worker alone."""
    setup_django()
    from django.core.management import call_command

    # call_command maps the flag's dest: startup_delay=False is --no-startup-delay.
    options: dict[str, object] = {"startup_delay": False}
    if batch:
        options["batch"] = True
    call_command("db_worker", **options)


def demo() -> None:
    """Create the database, migrate and load the demo workspace when it is empty."""
    setup_django()
    prepare_database(demo=True)


def import_companies(
    path: Path = typer.Argument(..., help="A CVR JSON, CSV or Excel (.xlsx) file."),
    workspace: str = typer.Option(
        "", help="Workspace short name (default: the only workspace)."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Validate and report; write nothing."
    ),
) -> None:
    """Import companies from a CVR JSON, CSV or Excel file, with a progress bar."""
    setup_django()
    from exportpilot.companies.imports.cli import run_import_command

    code = run_import_command(path, workspace_slug=workspace, dry_run=dry_run)
    raise typer.Exit(code)


def import_cleanup(
    older_than_hours: int = typer.Option(
        24, min=1, help="Delete uploads not confirmed within this many hours."
    ),
) -> None:
    """Delete the files of uploads that were never confirmed (or were refused)."""
    setup_django()
    import datetime as dt

    from exportpilot.companies.imports.services import expire_stale_uploads

    deleted = expire_stale_uploads(older_than=dt.timedelta(hours=older_than_hours))
    typer.echo(f"{deleted} stale upload(s) deleted")


def token_create(
    username: str = typer.Argument(..., help="The user the token acts as."),
    workspace: str = typer.Option(
        "", help="Workspace short name (default: the user's first)."
    ),
    name: str = typer.Option("", help="A label to recognise the token by."),
) -> None:
    """Create an API token for a user and print it (it is shown only once)."""
    setup_django()
    from django.core.exceptions import ValidationError

    from exportpilot.accounts.models import User, Workspace
    from exportpilot.accounts.services import create_api_token

    user = User.objects.filter(username=username).first()
    if user is None:
        fail(f"no user named {username!r}")
        return
    workspace_id = None
    if workspace:
        found = Workspace.objects.filter(slug=workspace).first()
        if found is None:
            fail(f"no workspace with short name {workspace!r}")
            return
        workspace_id = found.pk
    try:
        secret = create_api_token(user, workspace_id=workspace_id, name=name)
    except ValidationError as exc:
        fail(" ".join(exc.messages))
        return
    typer.echo(secret)


def register(app: typer.Typer) -> None:
    """Add the platform commands to the main ``exportpilot`` app."""
    app.command()(serve)
    app.command()(worker)
    app.command()(demo)
    import_app.command("companies")(import_companies)
    import_app.command("cleanup")(import_cleanup)
    app.add_typer(import_app, name="import")
    token_app.command("create")(token_create)
    app.add_typer(token_app, name="token")
