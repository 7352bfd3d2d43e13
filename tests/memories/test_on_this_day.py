"""On this day: a memory from today's date in an earlier year comes back on Today."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rekindle.memories import services
from rekindle.memories.models import Memory
from rekindle.memories.selectors import month_before, on_this_day
from rekindle.spaces.models import Space
from rekindle.spaces.selectors import couple_for
from rekindle.today.cards import TodayPage
from rekindle.memories.cards import on_this_day_context
from tests.conftest import client_for

NOON = dt.timezone.utc


def add(person, title, date, precision=Memory.DAY):
    return services.memory_add(person=person, couple=couple_for(person), title=title, date=date, precision=precision)


def at(day: dt.date):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 12, tzinfo=NOON), tick=False)


def shows(person, memory) -> bool:
    """Today carries the card for this memory (its title comes in with the card's own request)."""
    body = client_for(person).get(reverse("today")).content.decode()
    return reverse("memory_glance", kwargs={"memory_id": memory.pk}) in body


def test_on_the_anniversary_the_memory_is_on_today_for_both(couple):
    alice, bob = couple
    with at(dt.date(2024, 6, 1)):
        memory = add(alice, "The day we met", dt.date(2019, 6, 14))
    with at(dt.date(2026, 6, 14)):
        for person in (alice, bob):
            body = client_for(person).get(reverse("today")).content.decode()
            assert "On this day, 7 years ago" in body and "Open your memory from 14 June 2019" in body
            assert shows(person, memory)
            glance = client_for(person).get(reverse("memory_glance", kwargs={"memory_id": memory.pk}), HTTP_HX_REQUEST="true")
            assert "The day we met" in glance.content.decode()
    with at(dt.date(2026, 6, 15)):
        assert not shows(alice, memory)


def test_a_hidden_memory_does_not_come_back_for_the_one_who_hid_it(couple):
    alice, bob = couple
    with at(dt.date(2024, 6, 1)):
        memory = add(alice, "The hospital", dt.date(2020, 3, 9))
    with at(dt.date(2026, 3, 9)):
        response = client_for(bob).post(
            reverse("memory_hide", kwargs={"memory_id": memory.pk}), {"hidden": "1", "back": "today"}
        )
        assert response.status_code == 302 and response.url == reverse("today")
        assert not shows(bob, memory)
        assert shows(alice, memory)
        assert "The hospital" in client_for(bob).get(reverse("memories")).content.decode(), "still in the book"
        client_for(bob).post(reverse("memory_hide", kwargs={"memory_id": memory.pk}), {"hidden": "0"})
        assert shows(bob, memory)


def test_a_young_book_brings_back_a_memory_from_a_month_ago(couple):
    alice, _ = couple
    with at(dt.date(2026, 4, 20)):
        memory = add(alice, "Picnic in the park", dt.date(2026, 4, 20))
    with at(dt.date(2026, 5, 20)):
        body = client_for(alice).get(reverse("today")).content.decode()
        assert "A month ago today" in body and shows(alice, memory)


def test_a_month_before_never_invents_a_day():
    assert month_before(dt.date(2026, 3, 31)) is None
    assert month_before(dt.date(2026, 3, 28)) == dt.date(2026, 2, 28)
    assert month_before(dt.date(2026, 1, 15)) == dt.date(2025, 12, 15)


def test_the_same_memory_never_comes_back_two_days_in_a_row(couple):
    """Across a whole year of days, with memories on every kind of date, no memory shows two days running."""
    alice, _ = couple
    with at(dt.date(2025, 12, 31)):
        for n, day in enumerate([dt.date(2025, 1, 31), dt.date(2025, 2, 28), dt.date(2024, 2, 29), dt.date(2025, 3, 1),
                                 dt.date(2025, 12, 30), dt.date(2023, 12, 31), dt.date(2022, 12, 31)]):
            add(alice, f"memory {n}", day)
    couple_ = couple_for(alice)
    previous = None
    day = dt.date(2026, 1, 1)
    while day < dt.date(2027, 1, 1):
        found = on_this_day(alice, couple_, day)
        shown = found.memory_id if found else None
        assert shown is None or shown != previous, day
        previous, day = shown, day + dt.timedelta(days=1)


def test_several_memories_on_one_date_take_turns_year_by_year(couple):
    alice, _ = couple
    with at(dt.date(2024, 1, 1)):
        for year in (2019, 2020, 2021):
            add(alice, f"Birthday {year}", dt.date(year, 8, 2))
    shown = {on_this_day(alice, couple_for(alice), dt.date(year, 8, 2)).memory_id for year in (2024, 2025, 2026)}
    assert len(shown) == 3


def test_approximate_dates_do_not_resurface(couple):
    alice, _ = couple
    add(alice, "That summer", dt.date(2019, 6, 1), Memory.SEASON)
    assert Space.objects.get().memory_days == {}
    assert on_this_day(alice, couple_for(alice), dt.date(2026, 6, 1)) is None


def test_the_card_asks_the_database_nothing_whether_or_not_it_shows(couple, rf):
    alice, bob = couple
    with at(dt.date(2024, 1, 1)):
        memory = add(alice, "Snow day", dt.date(2021, 1, 9))
    couple_ = couple_for(alice)
    page = TodayPage(request=rf.get("/"), person=alice, couple=couple_)
    with at(dt.date(2026, 1, 10)):
        with CaptureQueriesContext(connection) as nothing:
            assert on_this_day_context(page) is None
        assert len(nothing) == 0
    with at(dt.date(2026, 1, 9)):
        with CaptureQueriesContext(connection) as showing:
            context = on_this_day_context(page)
        assert context["found"].memory_id == memory.pk and context["found"].years_ago == 5
        assert len(showing) == 0


def test_a_memory_that_left_with_its_author_does_not_come_back_for_the_other(couple):
    from rekindle.spaces import services as space_services

    alice, bob = couple
    with at(dt.date(2024, 1, 1)):
        memory = add(alice, "Snow day", dt.date(2021, 1, 9))
    space_services.space_leave(person=alice)
    with at(dt.date(2026, 1, 9)):
        assert on_this_day(bob, couple_for(bob), dt.date(2026, 1, 9)) is None
        assert client_for(bob).get(reverse("memory_glance", kwargs={"memory_id": memory.pk})).status_code == 404


def test_memory_days_follow_edits_and_deletions(couple):
    alice, _ = couple
    memory = add(alice, "First", dt.date(2020, 5, 5))
    add(alice, "Second", dt.date(2021, 7, 7))
    second = Memory.objects.get(title="Second")
    assert Space.objects.get().memory_days == {"05-05": [[memory.pk, alice.pk, 2020]], "07-07": [[second.pk, alice.pk, 2021]]}
    services.memory_edit(person=alice, couple=couple_for(alice), memory_id=memory.pk, title="First", date=dt.date(2020, 5, 6))
    assert set(Space.objects.get().memory_days) == {"05-06", "07-07"}
    services.memory_delete(person=alice, couple=couple_for(alice), memory_id=memory.pk)
    assert set(Space.objects.get().memory_days) == {"07-07"}
