"""Two workers never send a reminder twice; a worker that dies mid-send loses nothing."""

from __future__ import annotations

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from rekindle.reminders import services
from rekindle.reminders.models import Delivery
from tests.conftest import make_person, pair
from tests.reminders.conftest import run_worker
from tests.reminders.test_reminders_by_email import switch_on

EVENING = dt.datetime(2026, 7, 15, 21, 0, tzinfo=ZoneInfo("Europe/London"))
# Two workers as threads of one test process need a database that lets two connections wait
# for each other. SQLite's in-memory test database answers "table is locked" at once instead,
# so on SQLite two real `rekindle worker` processes on a database file are tested instead
# (test_worker_processes.py); these run on PostgreSQL.
two_connections = pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite: see test_worker_processes.py (two real processes)"
)
COUPLES = 6


def many_people():
    people = []
    for n in range(COUPLES):
        first, second = make_person(f"First{n}"), make_person(f"Second{n}")
        pair(first, second, f"Couple {n}")
        for person in (first, second):
            switch_on(person)
            people.append(person)
    return people


def patiently(call, *args):
    """SQLite's in-memory test database reports "table is locked" at once where a real database
    file waits (its busy timeout): wait and retry here, as the file would. PostgreSQL never needs it."""
    import time

    from django.db import OperationalError

    for _ in range(200):
        try:
            return call(*args)
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.01)
    raise AssertionError("still locked")


def side_by_side(*jobs):
    """Run the jobs in threads at the same moment (each its own database connection)."""
    start, errors = threading.Barrier(len(jobs)), []

    def run(job):
        try:
            start.wait()
            job()
        except BaseException as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []


@two_connections
@pytest.mark.django_db(transaction=True)
def test_two_workers_send_each_reminder_exactly_once(smtp):
    people = many_people()
    with time_machine.travel(EVENING, tick=False):
        side_by_side(run_worker, run_worker)
        run_worker()  # and a third, later in the same minute: nothing new
    with time_machine.travel(EVENING + dt.timedelta(minutes=1), tick=False):
        side_by_side(run_worker, run_worker)
    assert sorted(m["To"] for m in smtp.messages) == sorted(p.email for p in people)
    assert Delivery.objects.filter(state=Delivery.SENT).count() == len(people)


@two_connections
@pytest.mark.django_db(transaction=True)
def test_two_workers_planning_and_sending_the_same_round_at_once_send_each_exactly_once(smtp):
    """Even if both plan the same minute (the clock aside), the unique delivery and its lease hold."""
    people = many_people()

    def plan_and_send_everything():
        patiently(services.plan_round)
        for delivery_id in patiently(lambda: list(Delivery.objects.values_list("pk", flat=True))):
            patiently(services.deliver, delivery_id)

    with time_machine.travel(EVENING, tick=False):
        side_by_side(plan_and_send_everything, plan_and_send_everything)
    assert sorted(m["To"] for m in smtp.messages) == sorted(p.email for p in people)


class WorkerKilled(BaseException):
    """What a worker process being killed looks like from inside the send: it just stops."""


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_is_resumed_by_another_without_loss_or_duplicates(smtp, monkeypatch):
    alice, bob = make_person("Alice"), make_person("Bob")
    pair(alice, bob, "Alice & Bob")
    switch_on(alice)
    from django.core.mail.backends.smtp import EmailBackend

    real_send = EmailBackend.send_messages

    def dies(self, messages):
        raise WorkerKilled

    with time_machine.travel(EVENING, tick=False):
        monkeypatch.setattr(EmailBackend, "send_messages", dies)
        (delivery_id,) = services.plan_round()
        with pytest.raises(WorkerKilled):
            services.deliver(delivery_id)
        monkeypatch.setattr(EmailBackend, "send_messages", real_send)
        held = Delivery.objects.get()
        assert held.state == Delivery.PENDING and held.attempts == 1
        run_worker()  # another worker, while the dead one's lease still holds: it waits
        assert smtp.messages == []
    with time_machine.travel(EVENING + services.LEASE + dt.timedelta(minutes=1), tick=False):
        run_worker()  # the lease ran out: the next round sends it
        run_worker()
    with time_machine.travel(EVENING + services.LEASE + dt.timedelta(minutes=2), tick=False):
        run_worker()
    assert [m["To"] for m in smtp.messages] == [alice.email]
    sent = Delivery.objects.get()
    assert sent.state == Delivery.SENT and sent.attempts == 2
    assert smtp.messages[0]["Message-ID"] == sent.message_id  # the same message as the first try


@pytest.mark.django_db(transaction=True)
def test_a_task_lost_before_any_worker_took_it_is_sent_by_a_later_round(smtp):
    """Planned, but the worker died before running the send task (or the task row was lost)."""
    from django_tasks_db.models import DBTaskResult

    alice, bob = make_person("Alice"), make_person("Bob")
    pair(alice, bob, "Alice & Bob")
    switch_on(alice)
    with time_machine.travel(EVENING, tick=False):
        services.plan_round()
        DBTaskResult.objects.all().delete()
    with time_machine.travel(EVENING + services.STUCK_AFTER + dt.timedelta(minutes=1), tick=False):
        run_worker()
    assert [m["To"] for m in smtp.messages] == [alice.email]
