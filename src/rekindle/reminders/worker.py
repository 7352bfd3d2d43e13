"""Run background workers: django-tasks-db's worker, plus the minute clock that plans reminders.

Every worker looks at the clock between tasks; the first to see a planning round due moves the
clock on (a conditional UPDATE, so one worker per minute) and enqueues `plan_reminders`.
"""

from __future__ import annotations

import atexit
import ctypes
import logging
import signal
import subprocess
import sys
import time

from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger(__name__)


class ReminderWorker(Worker):
    """The database worker, which also enqueues a planning round each minute."""

    def __init__(self, *, interval: float = 1.0, batch: bool = False, worker_id: str | None = None,
                 max_tasks: int | None = None, plan: bool = True):
        super().__init__(
            queue_names=["default"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=False,
            max_tasks=max_tasks,
            worker_id=worker_id or get_random_string(32),
            excluded_queue_names=[],
        )
        self.plan = plan

    def run_task(self, db_task_result) -> None:
        super().run_task(db_task_result)
        self.tick()

    def tick(self) -> None:
        if not self.plan:
            return
        from rekindle.reminders import services
        from rekindle.reminders.tasks import plan_reminders

        try:
            if services.take_round():
                plan_reminders.enqueue()
        except Exception:  # a locked database or a dropped connection: the next minute tries again
            logger.exception("Could not plan reminders this minute")

    def run(self) -> None:
        """Plan, run every task that is ready, rest a moment; until stopped (or once, with batch)."""
        once = self.batch
        self.batch = True  # the parent loop returns when the queue is empty
        while True:
            close_old_connections()
            self.tick()
            super().run()
            if once or not self.running:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            time.sleep(self.interval)


def start_in_background(*, data_dir: str | None = None, interval: float = 2.0) -> subprocess.Popen:
    """One worker beside the web server: what `rekindle serve` runs by default.

    A process of its own, not a thread: gunicorn forks its web workers from the serving process,
    and a thread there halfway through an import would leave that module half-imported in every
    child. The worker ends with the server (the kernel signals it when its parent goes)."""
    command = [sys.executable, "-m", "rekindle", "worker", "--interval", str(interval)]
    if data_dir:
        command += ["--data-dir", data_dir]
    child = subprocess.Popen(command, preexec_fn=_end_with_parent)
    atexit.register(_stop, child)
    return child


def _end_with_parent() -> None:
    """In the child, before it starts: SIGTERM when the parent dies, even by SIGKILL (Linux)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: atexit still stops it on a clean exit
        pass


def _stop(child: subprocess.Popen) -> None:
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
