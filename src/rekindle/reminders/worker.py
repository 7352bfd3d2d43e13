"""Run background workers: django-tasks-db's worker, plus the minute clock that plans reminders.

Every worker looks at the clock between tasks; the first to see a planning round due moves the
clock on (a conditional UPDATE, so one worker per minute) and enqueues `plan_reminders`.
"""

from __future__ import annotations

import logging
import threading
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


def start_in_background(*, interval: float = 2.0) -> threading.Thread:
    """One worker in a thread of this process: what `rekindle serve` runs by default."""
    # The web workers are forked from this process while the thread runs. A module the thread
    # is halfway through importing at that moment stays half-imported in the child (its import
    # lock belongs to a thread the child doesn't have), so import what the thread will need —
    # every URL, view and the mail machinery — before it starts.
    import django.core.mail.backends.smtp  # noqa: F401
    from django.urls import get_resolver

    from rekindle.reminders import mail, services, tasks  # noqa: F401

    get_resolver().url_patterns  # noqa: B018 (imports every urls and views module)
    worker = ReminderWorker(interval=interval)

    def run():
        while True:
            try:
                worker.run()
                return
            except Exception:
                logger.exception("The background worker stopped; starting it again in a minute")
                time.sleep(60)

    thread = threading.Thread(target=run, name="rekindle-worker", daemon=True)
    thread.start()
    return thread
