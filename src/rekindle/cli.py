"""The `rekindle` command: serve the app, load a demo couple, check content, back up and restore, import an export,
or run Django commands."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
# Gunicorn processes and threads in each, for a small server with two cores; measured with
# `BENCH_LOAD=1 make bench` (README, "Benchmark"): 2 × 2 served 10-20 % more than 2 × 4, whose
# extra threads mostly took turns at the GIL (7.7 against 6.7-7.2 ms of CPU a request).
DEFAULT_WORKERS = 2
DEFAULT_THREADS = 2
DEFAULT_PORT = 8000


def _setup_django(data_dir: str | None = None) -> None:
    if data_dir:
        os.environ["REKINDLE_DATA_DIR"] = str(Path(data_dir).expanduser())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rekindle.settings")
    import django

    django.setup()


def _prepare(*, static: bool = True) -> None:
    """Bring the database (and static files) up to date. Safe on every start, one process at a time."""
    import fcntl

    from django.conf import settings
    from django.core.management import call_command

    with open(settings.DATA_DIR / ".prepare.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        call_command("migrate", interactive=False, verbosity=0)
        if static:
            call_command("collectstatic", interactive=False, verbosity=0)


def serve(args: argparse.Namespace) -> int:
    _setup_django(args.data_dir)
    from django.conf import settings

    _prepare()
    from rekindle.lib.server import run_gunicorn

    url = f"http://{args.host}:{args.port}"
    if settings.SERVE_WORKER and not args.no_worker:
        from rekindle.reminders.worker import start_in_background

        start_in_background(data_dir=args.data_dir)  # one worker process beside the web workers
    print(f"Rekindle is running at {url}  (data: {settings.DATA_DIR}; stop with Ctrl-C)", flush=True)
    run_gunicorn(host=args.host, port=args.port, workers=args.workers, threads=args.threads)
    return 0


def worker(args: argparse.Namespace) -> int:
    """Run background workers (reminders and other scheduled work) apart from the web server."""
    import subprocess

    _setup_django(args.data_dir)
    _prepare(static=False)
    if args.processes > 1:
        command = [sys.executable, "-m", "rekindle", "worker", "--processes", "1"]
        if args.data_dir:
            command += ["--data-dir", args.data_dir]
        import signal

        children = [subprocess.Popen(command) for _ in range(args.processes)]

        def stop_children(signum, frame):
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop_children)
        signal.signal(signal.SIGINT, stop_children)
        print(f"Rekindle: {len(children)} background workers running (stop with Ctrl-C)", flush=True)
        codes = [child.wait() for child in children]
        return 0 if all(code in (0, -signal.SIGTERM) for code in codes) else 1
    from rekindle.reminders.worker import ReminderWorker

    runner = ReminderWorker(interval=args.interval)
    runner.configure_signals()
    print("Rekindle: a background worker is running (stop with Ctrl-C)", flush=True)
    runner.run()
    return 0


def demo(args: argparse.Namespace) -> int:
    _setup_django(args.data_dir)
    _prepare(static=False)
    from rekindle.lib.demo import load_demo

    logins = load_demo()
    print("A demo couple is ready. Log in as either of them (in two browsers to see both sides):")
    for login in logins:
        print(f"  {login.name:<8} e-mail: {login.email:<22} password: {login.password}")
    return 0


def content(args: argparse.Namespace) -> int:
    """Check every content file; print problems as file:line: message, or a summary of counts."""
    import json

    _setup_django(args.data_dir)
    from rekindle.lib.content import check_all

    report = check_all()
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.problems:
        print(f"{len(report.problems)} problem(s) found.", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report.summary, indent=2, sort_keys=True))
    else:
        print("All content files are valid.")
        for name, counts in sorted(report.summary.items()):
            if isinstance(counts, dict) and all(isinstance(v, dict) for v in counts.values()):
                print(f"  {name}:")
                for key, sub in counts.items():
                    print(f"    {key}: " + ", ".join(f"{v} {k}" for k, v in sub.items()))
            elif isinstance(counts, dict):
                print(f"  {name}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
            else:
                print(f"  {name}: {counts}")
    return 0


def backup(args: argparse.Namespace) -> int:
    """One archive with a consistent copy of the database, the photos and the data directory's keys."""
    _setup_django(args.data_dir)
    from rekindle.lib.backup import VENDOR_NAMES, BackupError, create_backup

    try:
        made = create_backup(args.output)
    except BackupError as exc:
        print(f"No backup was made. {exc}", file=sys.stderr)
        return 1
    print(f"Backed up Rekindle ({VENDOR_NAMES[made.vendor]}, {made.photos} photo files, {made.size / 1e6:.1f} MB) to {made.path}")
    print("It holds everyone's words and the secret key: keep it as private as the server.")
    return 0


def restore(args: argparse.Namespace) -> int:
    """Bring a backup back into an empty data directory and database, then bring it up to date."""
    _setup_django(args.data_dir)
    from django.conf import settings

    from rekindle.lib.backup import VENDOR_NAMES, BackupError, restore_backup

    try:
        done = restore_backup(args.archive)
    except BackupError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Restored the backup made {done.created_at} by Rekindle {done.app_version}: the {VENDOR_NAMES[done.vendor]} database "
          f"and {done.photos} photo files, into {settings.DATA_DIR}.")
    if done.migrations_applied:
        print(f"The database was brought up to date for this Rekindle ({done.migrations_applied} migrations).")
    print("Start it with `rekindle serve`.")
    return 0


def import_(args: argparse.Namespace) -> int:
    """Bring a person's export (the ZIP from their export page) into their account here."""
    _setup_django(args.data_dir)
    _prepare(static=False)
    from django.core.exceptions import ValidationError

    from rekindle.portability.importer import archive_import
    from rekindle.spaces.models import Person

    person = Person.objects.filter(email__iexact=args.email).first()
    if person is None:
        print(f"No account here has the e-mail {args.email}. Sign up first, then import.", file=sys.stderr)
        return 1
    try:
        with open(args.archive, "rb") as upload:
            result = archive_import(person=person, upload=upload)
    except OSError as exc:
        print(f"Couldn't read {args.archive}: {exc.strerror}.", file=sys.stderr)
        return 1
    except ValidationError as exc:
        print(" ".join(exc.messages), file=sys.stderr)
        return 1
    print(f"{result.total_added} entries imported for {person.email}; {result.already_here} were already here.")
    if result.partners:
        print(f"{result.partners} of the partner's entries were left out — they are theirs to bring.")
    if result.left_out:
        print(f"{result.left_out} answered something the partner wrote, so they stay in the file.")
    return 0


def manage(args: argparse.Namespace) -> int:
    _setup_django(args.data_dir)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["rekindle manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rekindle", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_text: str, handler):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--data-dir", help="where data lives (default: $REKINDLE_DATA_DIR or ~/.local/share/rekindle)")
        sub.set_defaults(handler=handler)
        return sub

    sub = add("serve", "Set up (first time) and serve Rekindle with gunicorn.", serve)
    sub.add_argument("--host", default=os.environ.get("REKINDLE_HOST", DEFAULT_HOST))
    sub.add_argument("--port", type=int, default=os.environ.get("REKINDLE_PORT", DEFAULT_PORT))
    sub.add_argument("--workers", type=int, default=os.environ.get("REKINDLE_WORKERS", DEFAULT_WORKERS))
    sub.add_argument("--threads", type=int, default=os.environ.get("REKINDLE_THREADS", DEFAULT_THREADS),
                     help="threads per worker")

    sub.add_argument("--no-worker", action="store_true",
                     help="don't run the background worker in this process (run `rekindle worker` instead)")

    sub = add("worker", "Run background workers (reminders) separately from `rekindle serve`.", worker)
    sub.add_argument("--processes", type=int, default=1, help="how many workers to run (default 1)")
    sub.add_argument("--interval", type=float, default=1.0, help="seconds to rest when there is nothing to do")

    add("demo", "Create a demo couple with three weeks of history and print both logins.", demo)

    sub = add("content", "Work with content files: `rekindle content check [--json]`.", content)
    sub.add_argument("action", choices=["check"])
    sub.add_argument("--json", action="store_true", help="print the summary as JSON")

    sub = add("backup", "Write one archive (.tar.gz) of the database, the photos and the keys.", backup)
    sub.add_argument("--output", help="the file or folder to write to (default: rekindle-backup-<UTC time>.tar.gz here)")

    sub = add("restore", "Bring a backup back into an empty data directory and database.", restore)
    sub.add_argument("archive", help="the .tar.gz that `rekindle backup` wrote")

    sub = add("import", "Import an export ZIP into an account: `rekindle import FILE.zip EMAIL`.", import_)
    sub.add_argument("archive", help="the ZIP downloaded from the export page")
    sub.add_argument("email", help="the e-mail of the account here it belongs to")

    sub = add("manage", "Run a Django management command, e.g. `rekindle manage createsuperuser`.", manage)
    sub.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
