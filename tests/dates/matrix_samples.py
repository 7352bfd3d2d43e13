"""Plans for the authorization matrix: alice's plan and after-date line hold her shared words,
carol's plan holds hers; alice has a calendar address (discreet, so it shows no words at all)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from rekindle.dates import services
from rekindle.lib.dates import zone
from rekindle.spaces.selectors import couple_for


def _plan(person, partner, title, *, days_ago=0):
    """A plan both said yes to, at 19:00 on a day that is `days_ago` days past (or tomorrow when 0)."""
    with time_machine.travel(timezone.now() - dt.timedelta(days=days_ago + 1), tick=False):
        day = timezone.now().astimezone(zone(person.time_zone)).date() + dt.timedelta(days=1)
        plan = services.plan_propose(person=person, couple=couple_for(person), title=title, place=f"{title} place",
                                     day=day, time=dt.time(9, 0), duration_minutes=60)
        services.plan_accept(person=partner, couple=couple_for(partner), plan_id=plan.pk, version=plan.version)
    plan.refresh_from_db()
    return plan


def add_samples(alice, bob, carol, dave) -> dict:
    from tests.test_authorization_matrix import ALICE_SHARED, CAROL_SHARED

    coming = _plan(alice, bob, f"{ALICE_SHARED} dinner")
    happened = _plan(alice, bob, f"{ALICE_SHARED} walk", days_ago=1)
    services.after_line_save(person=alice, couple=couple_for(alice), plan_id=happened.pk,
                             occurred_on=happened.starts_at.astimezone(zone(happened.time_zone)).date(),
                             text=f"{ALICE_SHARED} line")
    _plan(carol, dave, f"{CAROL_SHARED} dinner")
    feed = services.feed_create(person=alice)
    assert coming.status == "accepted"
    return {"plan_id": coming.pk, "token": feed.token}
