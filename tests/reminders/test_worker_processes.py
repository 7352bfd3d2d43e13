"""The real commands: `rekindle worker --processes 2` and the worker inside `rekindle serve`
send a due reminder through a real SMTP server, each exactly once."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from aiosmtpd.controller import Controller

from tests.reminders.conftest import Inbox, free_port
from tests.test_cli import clean_env, stop, wait_for

SEED = """
import datetime as dt, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.utils import timezone
from rekindle.reminders import services
from rekindle.spaces import services as spaces
from rekindle.spaces.models import Person
now = timezone.now()
due = (now - dt.timedelta(minutes=1)).time().replace(second=0, microsecond=0)
people = [Person.objects.create_user(f"{n}@example.test", "a-long-test-password", display_name=n.title(), time_zone="UTC")
          for n in ("ana", "ben")]
space = spaces.space_create(person=people[0], name="A & B")
spaces.invite_accept(person=people[1], code=spaces.invite_create(person=people[0]).code)
for person in people:
    services.reminders_save(person=person, choices={"checkin": {"enabled": True, "at": due, "weekday": None}},
                            quiet_from=None, quiet_until=None)
"""


@pytest.fixture
def mail_env(tmp_path):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    env = clean_env(tmp_path / "data")
    env.update({"REKINDLE_SMTP_HOST": "127.0.0.1", "REKINDLE_SMTP_PORT": str(controller.port), "REKINDLE_SMTP_TLS": "false",
                "DJANGO_SETTINGS_MODULE": "rekindle.settings"})
    (tmp_path / "data").mkdir()
    subprocess.run([sys.executable, "-c", SEED], env=env, check=True, timeout=120)
    try:
        yield inbox, env
    finally:
        controller.stop()


def wait_for_mail(inbox: Inbox, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while len(inbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.3)
    time.sleep(3)  # and a little longer: nothing more may come


def test_two_worker_processes_send_each_reminder_once(mail_env):
    inbox, env = mail_env
    workers = subprocess.Popen([sys.executable, "-m", "rekindle", "worker", "--processes", "2"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for_mail(inbox, 2)
    finally:
        output = stop(workers)
    assert sorted(m["To"] for m in inbox.messages) == ["ana@example.test", "ben@example.test"], output
    assert "2 background workers running" in output


def test_rekindle_serve_runs_a_worker_of_its_own(mail_env):
    inbox, env = mail_env
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "rekindle", "serve", "--port", str(port), "--workers", "1"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/offline/", timeout=180)
        wait_for_mail(inbox, 2)
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n{stop(server)}") from None
    output = stop(server)
    assert sorted(m["To"] for m in inbox.messages) == ["ana@example.test", "ben@example.test"], output
