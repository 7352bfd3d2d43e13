"""Background tasks (Django's tasks API through the django-tasks backport, database backend)."""

from __future__ import annotations

from django_tasks import task

from rekindle.reminders import services


@task()
def plan_reminders() -> int:
    """One planning round: create what is due and enqueue a send for each."""
    ids = services.plan_round()
    for delivery_id in ids:
        send_reminder.enqueue(delivery_id)
    services.tidy_up()
    return len(ids)


@task()
def send_reminder(delivery_id: int) -> str:
    return services.deliver(delivery_id)
