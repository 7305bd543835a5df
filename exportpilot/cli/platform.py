"""Platform commands: ``serve``, ``worker``, ``demo``, ``import companies``, ``token create``.

They start Django on first use, so ``exportpilot trade`` and ``exportpilot
analytics`` stay free of it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import typer

from exportpilot.cli.groups import QuickHelpGroup

import_app = typer.Typer(
    cls=QuickHelpGroup, help="Import records into the register.", no_args_is_help=True
)
token_app = typer.Typer(cls=QuickHelpGroup, help="API tokens.", no_args_is_help=True)


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


class Steps:
    """Numbered progress lines for ``serve`` and ``demo``, each with its time."""

    def __init__(self, total: int, *, quiet: bool = False) -> None:
        self.total = total
        self.number = 0
        self.quiet = quiet
        self.started = time.monotonic()

    def step(self, text: str) -> None:
        self.number += 1
        self.started = time.monotonic()
        if not self.quiet:
            typer.echo(f"[{self.number}/{self.total}] {text} …")

    def done(self, result: str) -> None:
        if not self.quiet:
            seconds = time.monotonic() - self.started
            typer.echo(f"[{self.number}/{self.total}] … {result} ({seconds:.1f} s)")


def pending_migrations() -> int:
    """How many migrations the database lacks (reads the migration table only)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def static_fingerprint() -> str:
    """What ``collectstatic`` would copy: every source file's path, size and mtime."""
    import hashlib

    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static_if_changed() -> bool:
    """Run ``collectstatic`` unless the sources are as they were last time."""
    from django.conf import settings
    from django.core.management import call_command

    stamp = Path(settings.STATIC_ROOT) / ".exportpilot-collected"
    fingerprint = static_fingerprint()
    if stamp.is_file() and stamp.read_text() == fingerprint:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint)
    return True


def prepare_database(*, demo: bool, quiet: bool = False) -> None:
    """Migrate, collect static files and, when asked and empty, load the demo
    workspace; each only when there is something to do."""
    from django.core.management import call_command

    from exportpilot.accounts.models import Workspace

    steps = Steps(3 if demo else 2, quiet=quiet)
    steps.step("Database: checking migrations")
    pending = pending_migrations()
    if pending:
        call_command("migrate", interactive=False, verbosity=0)
        steps.done(f"applied {pending}")
    else:
        steps.done("up to date")
    steps.step("Static files")
    steps.done("collected" if collect_static_if_changed() else "unchanged")
    if demo:
        from exportpilot.demo import ensure_demo_workspace
        from exportpilot.demo.organisations import WORKSPACE as DEMO_WORKSPACE
        from exportpilot.markets.demo import add_demo_market_data
        from exportpilot.markets.models import AnalysisRun, RunStatus

        steps.step("Demo workspace")
        workspace = Workspace.objects.filter(slug=DEMO_WORKSPACE.slug).first()
        analysed = AnalysisRun.objects.filter(
            workspace=workspace, status=RunStatus.SUCCEEDED
        ).exists()
        if Workspace.objects.exists() and (workspace is None or analysed):
            steps.done("loaded already")
            return
        echo = typer.echo if not quiet else (lambda *a, **k: None)
        ensure_demo_workspace(echo=echo)
        # Market data comes after the register's transaction: it writes Parquet
        # files too. Loaded again on the next start if an earlier one broke off.
        workspace = Workspace.objects.filter(slug=DEMO_WORKSPACE.slug).first()
        if workspace is not None:
            add_demo_market_data(workspace, echo=echo)
        steps.done("loaded")


class ReadyStamp:
    """What the last successful start found: nothing left to do for this code,
    these dependencies and this database.

    When the stamp matches, ``serve`` starts the web server at once, while it
    checks (migrations, static files, demo) as always: the stamp only lets the
    two run side by side; a check that finds work still does it before the URL
    is printed. Computed without Django: file names and two lock files.
    """

    def __init__(self, *, demo: bool) -> None:
        from exportpilot.settings import BASE_DIR, DATA_DIR

        self.path = Path(DATA_DIR) / "serve-ready"
        import hashlib

        digest = hashlib.sha256()
        digest.update(
            f"{os.environ.get('DATABASE_URL', '')}\0{DATA_DIR}\0{demo}\0"
            f"{sys.executable}\n".encode()
        )
        root = Path(BASE_DIR)
        for path in sorted(root.glob("exportpilot/**/migrations/*.py")):
            digest.update(f"{path.relative_to(root)}\n".encode())
        for lock in ("requirements.lock", "requirements-dev.lock", "pyproject.toml"):
            if (root / lock).is_file():
                digest.update((root / lock).read_bytes())
        self.fingerprint = digest.hexdigest()

    def matches(self) -> bool:
        return self.path.is_file() and self.path.read_text() == self.fingerprint

    def write(self) -> None:
        self.path.write_text(self.fingerprint)


def control_socket_options() -> list[str]:
    """gunicorn 27's control socket, one per instance (in its data directory).

    Its default path is shared by every gunicorn of the user, so a second
    instance on the machine would take over the first one's socket. A path too
    long for a Unix socket (108 bytes) switches it off.
    """
    from django.conf import settings

    path = Path(settings.DATA_DIR) / "gunicorn.ctl"
    if len(str(path).encode()) > 100:
        return ["--no-control-socket"]
    return ["--control-socket", str(path)]


def gunicorn_command(
    bind: str, *, workers: int, access_log: bool = True, access_log_file: str = "-"
) -> list[str]:
    """How ``serve`` runs the web server (``benchmarks/register_load.py`` runs it so too).

    ``--preload`` loads the application, and warms it up (``exportpilot.warmup``), once
    in the master process before the workers fork. The logger class keeps
    link tokens out of the access and error logs (``lib.serverlog``).
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
        "--logger-class",
        "exportpilot.lib.serverlog.RedactingLogger",
        *control_socket_options(),
    ]
    if access_log:
        command += ["--access-logfile", access_log_file]
    return command


def wait_until_answering(
    url: str, *, process: subprocess.Popen[bytes], timeout: float = 120
) -> bool:
    """Poll ``url`` until it answers (any HTTP status) or ``process`` exits."""
    import urllib.error
    import urllib.request

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        # Behind HTTPS the server answers plain HTTP with a redirect: an answer.
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(_NoRedirect)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with opener.open(url, timeout=2):
                return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            time.sleep(0.1)
    return False


def say(message: str, *, error: bool = False) -> None:
    """A line of ``serve``'s own log (stderr, with the time)."""
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    typer.secho(
        f"{stamp} [serve] {message}",
        err=True,
        fg=typer.colors.RED if error else None,
    )


class Supervised:
    """A child process that is started again, with backoff, whenever it exits.

    The delay doubles from 1 s up to 60 s while the child keeps dying within a
    minute of its start, and falls back to 1 s after a run of a minute or more.
    ``poll()`` reaps the exited child (no zombie is left).
    """

    def __init__(self, name: str, command: list[str]) -> None:
        self.name = name
        self.command = command
        self.process: subprocess.Popen[bytes] | None = None
        self.started = 0.0
        self.delay = 1.0
        self.restart_at: float | None = None
        self.restarts = 0

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, env=os.environ.copy())
        self.started = time.monotonic()
        self.restart_at = None

    def check(self) -> None:
        """Reap an exited child and start it again when its delay is over."""
        now = time.monotonic()
        if self.restart_at is not None:
            if now >= self.restart_at:
                self.restarts += 1
                self.start()
                say(f"{self.name} started again (pid {self.pid})")
            return
        if self.process is None or self.process.poll() is None:
            return
        code = self.process.returncode
        if now - self.started >= 60:
            self.delay = 1.0
        say(
            f"{self.name} (pid {self.process.pid}) exited with status {code}; "
            f"starting it again in {self.delay:.0f} s",
            error=True,
        )
        self.restart_at = now + self.delay
        self.delay = min(self.delay * 2, 60.0)
        recover_lost_jobs()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def wait(self, timeout: float) -> None:
        if self.process is None:
            return
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def recover_lost_jobs() -> None:
    """Requeue the jobs of a worker that just died (its successor would too)."""
    from django.db import DatabaseError, connection

    from exportpilot.jobs.services import recover_stale_jobs

    try:
        recovered = recover_stale_jobs()
    except DatabaseError as exc:
        say(f"could not recover the lost worker's jobs yet ({exc})")
        return
    finally:
        connection.close()
    for job_id, action in recovered.items():
        say(f"job {job_id}: its worker died; {action}")


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


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
    access_log: str = typer.Option(
        "-", help="Where the web server's access log goes ('-': standard output)."
    ),
) -> None:
    """Run the web server and a background-job worker together (the embedded default).

    The job worker is supervised: when it exits it is started again (with
    backoff), and the jobs it was running are queued again.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exportpilot.settings")
    url = f"http://{host}:{port}/"
    command = gunicorn_command(
        f"{host}:{port}", workers=workers, access_log_file=access_log
    )
    stamp = ReadyStamp(demo=demo)
    supervised: list[Supervised] = []
    if job_worker:
        supervised.append(
            Supervised("job worker", [sys.executable, "-m", "exportpilot", "worker"])
        )
    web: subprocess.Popen[bytes] | None = None
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        started = time.monotonic()
        if stamp.matches():
            # Nothing was left to do last time with this code and database:
            # the web server loads while the checks below confirm it.
            typer.echo(f"[·] Web server: starting {workers} workers on {host}:{port} …")
            web = subprocess.Popen(command, env=os.environ.copy())
        setup_django()
        prepare_database(demo=demo)
        stamp.write()
        from django.conf import settings
        from django.db import connections

        # The database is not needed again until a child dies; gunicorn and
        # the worker open their own connections.
        connections.close_all()
        if web is None:
            typer.echo(f"[·] Web server: starting {workers} workers on {host}:{port} …")
            started = time.monotonic()
            web = subprocess.Popen(command, env=os.environ.copy())
        if not wait_until_answering(f"{url}login/", process=web):
            say("the web server did not start (see its log above)", error=True)
            raise typer.Exit(1)
        typer.echo(f"[·] Web server: answering ({time.monotonic() - started:.1f} s)")
        # The worker starts once the web server is up: the URL does not wait
        # for it, and the two do not compete for the CPU while starting.
        for child in supervised:
            child.start()
        typer.secho(
            f"\nExportPilot is running at {url}", fg=typer.colors.GREEN, bold=True
        )
        if demo:
            from exportpilot.demo import DEMO_LOGINS

            typer.echo("Demo logins (username / password):")
            for username, password, role in DEMO_LOGINS:
                typer.echo(f"  {username:<12} {password:<22} {role}")
        typer.echo(
            f"Database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
        )
        typer.echo("Press Ctrl+C to stop.\n")
        while web.poll() is None:
            for child in supervised:
                child.check()
            time.sleep(0.2)
        say(f"the web server exited with status {web.returncode}", error=True)
        raise typer.Exit(1)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if web is not None and web.poll() is None:
            web.send_signal(signal.SIGTERM)
        for child in supervised:
            child.stop()
        for child in supervised:
            child.wait(timeout=10)
        if web is not None:
            try:
                web.wait(timeout=10)
            except subprocess.TimeoutExpired:
                web.kill()
                web.wait()


def worker(
    batch: bool = typer.Option(False, "--batch", help="Exit when the queue is empty."),
) -> None:
    """Run a background-job worker alone (it also recovers jobs whose worker died)."""
    setup_django()
    from exportpilot.jobs.worker import run_worker

    run_worker(batch=batch)


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
    from exportpilot.accounts.services import issue_api_token
    from exportpilot.audit.actors import Actor, Channel

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
        actor = Actor.system_caller(
            "cli", workspace_id=workspace_id, channel=Channel.CLI
        )
        secret = issue_api_token(actor, user=user, name=name)
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
