"""The two kinds other practices register: a planned date an hour before, and the monthly check-up."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine

from rekindle.dates import services as dates
from rekindle.measures.services import month_of
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import couple_for
from tests.conftest import make_person, pair
from tests.reminders.conftest import run_worker
from tests.reminders.test_reminders_by_email import switch_on

LONDON, NEW_YORK = ZoneInfo("Europe/London"), ZoneInfo("America/New_York")


def worker_at(moment):
    with time_machine.travel(moment, tick=False):
        run_worker()


def a_saturday_ritual(ana, ben):
    """Saturdays at 19:00 London time, both said yes; spring 2027 moves London's clocks on 28 March."""
    with time_machine.travel(dt.datetime(2027, 3, 1, 12, tzinfo=LONDON), tick=False):
        plan = dates.plan_propose(person=ana, couple=couple_for(ana), title="SECRET-DINNER", place="SECRET-PLACE",
                                  day=dt.date(2027, 3, 20), time=dt.time(19, 0), duration_minutes=120, repeat="weekly")
        dates.plan_accept(person=ben, couple=couple_for(ben), plan_id=plan.pk, version=None)
    return plan


def test_a_date_is_announced_an_hour_before_in_each_partners_own_time_across_a_clock_change(db, smtp):
    ana, ben = make_person("Ana", "Europe/London"), make_person("Ben", "America/New_York")
    pair(ana, ben, "Ana & Ben")
    a_saturday_ritual(ana, ben)
    for person in (ana, ben):
        switch_on(person, kind="date_soon")

    worker_at(dt.datetime(2027, 3, 27, 17, 59, tzinfo=LONDON))
    assert smtp.messages == []
    worker_at(dt.datetime(2027, 3, 27, 18, 0, tzinfo=LONDON))  # before London's change: 19:00 GMT, 15:00 in New York
    assert len(smtp.messages) == 2
    worker_at(dt.datetime(2027, 3, 27, 18, 30, tzinfo=LONDON))  # once per time, however often the worker runs
    assert len(smtp.messages) == 2
    assert "19:00" in smtp.text(smtp.to(ana.email)[0]) and "15:00" in smtp.text(smtp.to(ben.email)[0])

    worker_at(dt.datetime(2027, 4, 3, 18, 0, tzinfo=LONDON))  # after it: 19:00 BST is 14:00 in New York
    assert len(smtp.messages) == 4
    assert "19:00" in smtp.text(smtp.to(ana.email)[1]) and "14:00" in smtp.text(smtp.to(ben.email)[1])
    for message in smtp.messages:  # discreet: when, never what or where
        body = smtp.text(message) + smtp.html(message) + message["Subject"]
        assert "SECRET" not in body and message["Subject"].endswith("Time together soon")


def test_a_called_off_date_sends_nothing(db, smtp):
    ana, ben = make_person("Ana", "Europe/London"), make_person("Ben", "America/New_York")
    pair(ana, ben, "Ana & Ben")
    plan = a_saturday_ritual(ana, ben)
    switch_on(ana, kind="date_soon")
    with time_machine.travel(dt.datetime(2027, 3, 26, 12, tzinfo=LONDON), tick=False):
        dates.plan_cancel(person=ben, couple=couple_for(ben), plan_id=plan.pk)
    worker_at(dt.datetime(2027, 3, 27, 18, 0, tzinfo=LONDON))
    assert smtp.messages == []


def test_the_monthly_check_up_comes_on_the_first_and_not_once_it_is_answered(db, smtp):
    erin = make_person("Erin", "Asia/Tokyo")  # a personal measure: no partner needed
    switch_on(erin, kind="measure", at_time=dt.time(19, 0))
    tokyo = ZoneInfo("Asia/Tokyo")

    worker_at(dt.datetime(2027, 2, 1, 18, 59, tzinfo=tokyo))
    worker_at(dt.datetime(2027, 2, 2, 19, 0, tzinfo=tokyo))  # not the first: nothing
    assert smtp.messages == []
    worker_at(dt.datetime(2027, 3, 1, 19, 0, tzinfo=tokyo))
    worker_at(dt.datetime(2027, 3, 1, 20, 0, tzinfo=tokyo))
    assert len(smtp.messages) == 1 and "check-up" in smtp.text(smtp.messages[0])
    assert "/us/progress/month/" in smtp.text(smtp.messages[0])

    Person.objects.filter(pk=erin.pk).update(measure_month_done=month_of(dt.date(2027, 4, 1)))
    worker_at(dt.datetime(2027, 4, 1, 19, 0, tzinfo=tokyo))  # already answered (or set aside) this month
    assert len(smtp.messages) == 1
