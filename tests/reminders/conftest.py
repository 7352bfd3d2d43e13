"""A real SMTP server (aiosmtpd on a free local port) and a worker run, for the reminder tests."""

from __future__ import annotations

import email
import email.policy
import socket
import threading

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["To"]]

    def text(self, message) -> str:
        return message.get_body(("plain",)).get_content()

    def html(self, message) -> str:
        return message.get_body(("html",)).get_content()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """Mail goes through Django's SMTP backend to a server the test started."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    try:
        yield inbox
    finally:
        controller.stop()


def run_worker(**kwargs) -> None:
    """One worker: plan the minute's round if it's due, then run every ready task, then stop."""
    from unittest import mock

    from django.db import connection

    from rekindle.reminders.worker import ReminderWorker

    if connection.in_atomic_block:
        # Inside a test's transaction: a real worker's "drop stale connections" would drop the test's.
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"), \
                mock.patch("rekindle.reminders.worker.close_old_connections"):
            ReminderWorker(batch=True, interval=0, **kwargs).run()
    else:
        ReminderWorker(batch=True, interval=0, **kwargs).run()
