"""Every page stays within a small, fixed number of SQL queries, however much history a couple has."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from rekindle.checkins.models import Appreciation, AppreciationReply, CheckIn, CheckInRound, Reflection
from rekindle.spaces.models import Invite
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for

BUDGET = 10
TODAY_BUDGET = 8  # the page everyone opens most: sign-in, couple, and one query per card that shows


def add_history(alice, bob, days: int) -> None:
    """`days` days of check-ins from both, a reflection each day, and daily appreciations with replies."""
    space = couple_for(alice).space
    today = alice.checkin_today()
    now = timezone.now()
    rounds = CheckInRound.objects.bulk_create(
        CheckInRound(space=space, date=today - dt.timedelta(days=offset), opened_at=now - dt.timedelta(days=offset),
                     completed_at=now - dt.timedelta(days=offset))
        for offset in range(days)
    )
    checkins = []
    for offset, round_ in enumerate(rounds):
        for person in (alice, bob):
            checkins.append(
                CheckIn(author=person, space=space, round=round_, local_date=round_.date, rose=f"r{offset}", bud="b",
                        thorn="t")
            )
    CheckIn.objects.bulk_create(checkins)
    alice_checkins = CheckIn.objects.filter(author=alice)
    Reflection.objects.bulk_create(
        Reflection(checkin=c, item="rose", author=bob, text="Sounds lovely") for c in alice_checkins
    )
    appreciations = Appreciation.objects.bulk_create(
        Appreciation(author=alice if i % 2 else bob, space=space, text=f"Thanks {i}", local_date=today)
        for i in range(days)
    )
    AppreciationReply.objects.bulk_create(
        AppreciationReply(appreciation=a, author=bob if a.author_id == alice.pk else alice, text="Aw")
        for a in appreciations
    )


def pages(alice):
    today = alice.checkin_today()
    checkin = CheckIn.objects.filter(author=alice).first()
    return [
        reverse("today"),
        reverse("partner_status"),
        reverse("checkin_history"),
        reverse("checkin_history") + "?page=2",
        reverse("checkin_day", kwargs={"day": today}),
        reverse("appreciations"),
        reverse("space"),
        reverse("profile"),
        reverse("join"),
        reverse("together"),
        reverse("together_plans"),
        reverse("together_plan_new"),
        reverse("together_calendar"),
        reverse("us"),
        reverse("me"),
        reverse("reminders"),
        reverse("pwa_offline"),
    ] + ([reverse("checkin_day", kwargs={"day": checkin.local_date})] if checkin else [])


@pytest.mark.parametrize("days", [1, 365])
def test_every_page_stays_within_budget_with_a_day_or_a_year_of_history(couple, days, django_assert_max_num_queries):
    alice, bob = couple
    add_history(alice, bob, days)
    client = client_for(alice)
    for url in pages(alice):
        with django_assert_max_num_queries(BUDGET, info=url):
            response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("days", [1, 365])
def test_today_within_its_own_budget_once_both_have_checked_in(couple, days, django_assert_max_num_queries):
    alice, bob = couple
    add_history(alice, bob, days)  # today's round included: both answered, the day is revealed
    client = client_for(alice)
    client.get(reverse("today"))
    with django_assert_max_num_queries(TODAY_BUDGET):
        response = client.get(reverse("today"))
    assert response.status_code == 200
    assert response.content.decode().count("r0") >= 2  # both answers of today's round are open


def test_today_and_history_cost_the_same_for_a_day_and_a_year(couple):
    alice, bob = couple
    client = client_for(alice)
    add_history(alice, bob, 1)
    counts = {}
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for label in ("one day", "one year"):
        if label == "one year":
            CheckInRound.objects.all().delete()
            Appreciation.objects.all().delete()
            add_history(alice, bob, 365)
        for url in (reverse("today"), reverse("checkin_history")):
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            counts[(label, url)] = len(captured)
    for url in (reverse("today"), reverse("checkin_history")):
        assert counts[("one day", url)] == counts[("one year", url)], counts


def test_public_and_solo_pages_stay_within_budget(erin, django_assert_max_num_queries):
    invite_page = reverse("join_invite", kwargs={"code": Invite.objects.create(
        space=couple_for(erin).space, created_by=erin, expires_at=erin.date_joined + dt.timedelta(days=7)
    ).code})
    anonymous = client_for(None)
    from rekindle.reminders.tokens import unsubscribe_token

    unsubscribe = reverse("reminders_unsubscribe", kwargs={"signed": unsubscribe_token(person_id=erin.pk, kind="checkin")})
    for url in (reverse("home"), reverse("join"), invite_page, reverse("account_login"), reverse("account_signup"),
                unsubscribe, reverse("pwa_manifest"), reverse("pwa_service_worker"), reverse("pwa_offline")):
        with django_assert_max_num_queries(BUDGET, info=url):
            assert anonymous.get(url).status_code == 200
    client = client_for(erin)
    for url in (reverse("today"), reverse("space"), invite_page):
        with django_assert_max_num_queries(BUDGET, info=url):
            assert client.get(url).status_code == 200


def test_export_cost_does_not_grow_with_history(couple):
    """The export is a download, one query per kind of content, whatever the amount."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    alice, bob = couple
    client = client_for(alice)
    add_history(alice, bob, 1)
    with CaptureQueriesContext(connection) as one_day:
        client.get(reverse("export_download"))
    CheckInRound.objects.all().delete()
    Appreciation.objects.all().delete()
    add_history(alice, bob, 365)
    with CaptureQueriesContext(connection) as one_year:
        client.get(reverse("export_download"))
    assert len(one_day) == len(one_year)


def test_today_at_its_busiest_stays_within_budget(couple, django_assert_max_num_queries):
    """Partner answered but not you, a program running, tonight's question open, a help suggestion."""
    from rekindle.care.signposting import suggest_professional_help
    from rekindle.checkins import services as checkin_services
    from rekindle.programs import services as program_services
    from rekindle.prompts import services as prompt_services

    alice, bob = couple
    checkin_services.checkin_submit(person=bob, couple=couple_for(bob), answers={"rose": "r", "bud": "b", "thorn": "t"}, revision=None)
    checkin_services.appreciation_create(person=bob, couple=couple_for(bob), text="Thanks", submission=None)
    program_services.program_start(person=alice, couple=couple_for(alice), slug="reconnect-30")
    prompt_services.draw_prompt(person=bob, couple=couple_for(bob), deck_slug="dreams")
    suggest_professional_help(person=alice, reason="asked")
    client = client_for(alice)
    with django_assert_max_num_queries(BUDGET):
        body = client.get(reverse("today")).content.decode()
    assert "Bob has checked in" in body and "Tonight's question" in body and "Day 1 of 30" in body


def add_news(alice, bob, count: int) -> None:
    """`count` news items from bob for alice, over the past year, and a real one on top."""
    from rekindle.checkins import services as checkin_services
    from rekindle.news.models import NewsItem

    space = couple_for(alice).space
    today = bob.today()
    NewsItem.objects.bulk_create(
        NewsItem(space=space, actor=bob, kind="appreciation", object_id=10_000_000 + n, day=today - dt.timedelta(days=n % 365))
        for n in range(count)
    )
    checkin_services.appreciation_create(person=bob, couple=couple_for(bob), text="Thanks", submission=None)


@pytest.mark.parametrize("news", [1, 2000])
def test_today_with_a_year_of_history_and_many_news_items_stays_within_budget(couple, news, django_assert_max_num_queries):
    """Today at its busiest — partner checked in, a program, tonight's question — with its news card."""
    from rekindle.programs import services as program_services
    from rekindle.prompts import services as prompt_services

    alice, bob = couple
    add_history(alice, bob, 365)
    CheckIn.objects.filter(author=alice, local_date=alice.checkin_today()).delete()
    # Bob's round for today waits for Alice again, as if only he had checked in.
    CheckInRound.objects.filter(checkins__author=bob, date=bob.checkin_today()).update(completed_at=None)
    add_news(alice, bob, news)
    program_services.program_start(person=alice, couple=couple_for(alice), slug="reconnect-30")
    prompt_services.draw_prompt(person=bob, couple=couple_for(bob), deck_slug="dreams")
    client = client_for(alice)
    with django_assert_max_num_queries(BUDGET, info="appreciations, with the unread mark"):
        assert "New from Bob" in client.get(reverse("appreciations")).content.decode()
    with django_assert_max_num_queries(BUDGET, info="today"):
        body = client.get(reverse("today")).content.decode()
    assert "Bob has checked in" in body and "Day 1 of 30" in body
    assert "Since you were last here" in body and "Bob shared an appreciation for you." in body
    with django_assert_max_num_queries(BUDGET):
        assert client.post(reverse("news_seen"), {"until": "2100-01-01T00:00:00+00:00"}).status_code == 302


def add_memory_book(alice, bob, memories: int, photos: int) -> None:
    """`memories` memories and small wins over the years, `photos` photos on them, and private notes."""
    from rekindle.memories.models import Memory, MemoryLine, Photo, PrivateNote
    from rekindle.memories.services import refresh_memory_days

    space = couple_for(alice).space
    today = alice.today()
    book = Memory.objects.bulk_create(
        Memory(space=space, author=alice if n % 2 else bob, kind="win" if n % 5 == 0 else "memory", title=f"Memory {n}",
               text="What a day", date=today - dt.timedelta(days=n * 3 + 365), precision="day")
        for n in range(memories)
    )
    Photo.objects.bulk_create(
        Photo(memory=book[n % memories], space=space, author=alice if n % 3 else bob, image=f"photos/{n}.jpg",
              thumb=f"photos/{n}.webp", width=2048, height=1536)
        for n in range(photos)
    )
    covers = {p.memory_id: p.pk for p in Photo.objects.filter(space=space).order_by("-id")}
    for memory in book:
        memory.cover_id, memory.photo_count = covers.get(memory.pk), photos // memories
    Memory.objects.bulk_update(book, ["cover", "photo_count"])
    MemoryLine.objects.bulk_create(MemoryLine(memory=m, author=bob, text="I remember") for m in book[:200])
    PrivateNote.objects.bulk_create(PrivateNote(author=alice, text=f"note {n}") for n in range(300))
    refresh_memory_days(space)


def test_memory_pages_and_today_stay_within_budget_with_1000_memories_and_5000_photos(couple, django_assert_max_num_queries):
    from rekindle.memories.models import Memory

    alice, bob = couple
    add_memory_book(alice, bob, 1000, 5000)
    # One of them falls on today's date in an earlier year, so Today shows it.
    anniversary = Memory.objects.filter(kind="memory").first()
    today = alice.today()
    anniversary.date = today.replace(year=today.year - 3)
    anniversary.save()
    from rekindle.memories.services import refresh_memory_days

    refresh_memory_days(couple_for(alice).space)
    memory = Memory.objects.filter(kind="memory", author=alice, photos__isnull=False).first()
    client = client_for(alice)
    urls = [
        reverse("memories"),
        reverse("memories") + "?page=20",
        reverse("memories_photos"),
        reverse("memories_photos") + "?page=50",
        reverse("memory_new"),
        reverse("memory_detail", kwargs={"memory_id": memory.pk}),
        reverse("memory_edit", kwargs={"memory_id": memory.pk}),
        reverse("memory_delete", kwargs={"memory_id": memory.pk}),
        reverse("private_notes"),
        reverse("private_notes") + "?page=5",
    ]
    for url in urls:
        with django_assert_max_num_queries(BUDGET, info=url):
            response = client.get(url)
        assert response.status_code == 200, url
    with django_assert_max_num_queries(BUDGET, info="today, on this day"):
        body = client.get(reverse("today")).content.decode()
    assert "On this day, 3 years ago" in body
    with django_assert_max_num_queries(BUDGET, info="the on-this-day card's memory"):
        glance = client.get(reverse("memory_glance", kwargs={"memory_id": anniversary.pk}), HTTP_HX_REQUEST="true")
    assert anniversary.title in glance.content.decode()


def test_memory_pages_cost_the_same_for_ten_memories_and_a_thousand(couple):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rekindle.memories.models import Memory, PrivateNote

    alice, bob = couple
    client = client_for(alice)
    counts = {}
    for size in (10, 1000):
        Memory.objects.all().delete()
        PrivateNote.objects.all().delete()
        add_memory_book(alice, bob, size, size * 5)
        for url in (reverse("memories"), reverse("memories_photos"), reverse("private_notes")):
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            counts[(size, url)] = len(captured)
    for url in (reverse("memories"), reverse("memories_photos"), reverse("private_notes")):
        assert counts[(10, url)] == counts[(1000, url)], counts


def add_plans(alice, bob, count: int):
    """`count` plans both said yes to (dates and rituals, past and to come) with lines after them; the newest returned."""
    import time_machine

    from rekindle.dates import services as dates
    from rekindle.dates.models import AfterLine, Plan

    with time_machine.travel(timezone.now() - dt.timedelta(days=20), tick=False):
        plan = None
        for n in range(count):
            plan = dates.plan_propose(
                person=alice if n % 2 else bob, couple=couple_for(alice if n % 2 else bob), title=f"Plan {n}",
                day=alice.today() + dt.timedelta(days=1 + n % 19), time=dt.time(19, 0), duration_minutes=90,
                repeat="weekly" if n % 5 == 0 else "",
            )
            Plan.objects.filter(pk=plan.pk).update(status=Plan.ACCEPTED, awaiting=None)
            AfterLine.objects.create(plan=plan, author=alice, occurred_on=alice.today() + dt.timedelta(days=1 + n % 19),
                                     text=f"Line {n}")
    dates.plan_propose(person=bob, couple=couple_for(bob), title="Waiting for Alice",
                       day=alice.today() + dt.timedelta(days=2), time=dt.time(19, 0), duration_minutes=60)
    return plan


@pytest.mark.parametrize("count", [1, 60])
def test_plan_pages_and_the_feed_stay_within_budget_however_many_plans(couple, count, django_assert_max_num_queries):
    from rekindle.dates import services as dates

    alice, bob = couple
    plan = add_plans(alice, bob, count)
    feed = dates.feed_create(person=alice)
    client = client_for(alice)
    urls = [
        reverse("together"), reverse("together_plans"), reverse("together_calendar"),
        reverse("together_plan", kwargs={"plan_id": plan.pk}), reverse("together_feed", kwargs={"token": feed.token}),
    ]
    for url in urls:
        with django_assert_max_num_queries(BUDGET, info=url):
            response = client.get(url)
        assert response.status_code == 200, url
    assert "Waiting for Alice" in client.get(reverse("together_plans")).content.decode()


def test_the_plans_card_costs_today_one_query_when_it_shows_and_none_when_not(couple):
    """Today's own budget is the lead's; the plans card adds at most one query to it, and none when empty."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    alice, bob = couple
    client = client_for(alice)
    client.get(reverse("today"))

    def today_queries():
        with CaptureQueriesContext(connection) as captured:
            body = client.get(reverse("today")).content.decode()
        return len(captured), body

    without, body = today_queries()
    assert 'id="plans-card"' not in body
    add_plans(alice, bob, 60)
    with_plans, body = today_queries()
    assert 'id="plans-card"' in body and "Waiting for Alice" in body
    assert with_plans == without + 1


def test_today_asks_nothing_about_plans_when_there_are_none(couple, django_assert_num_queries):
    from rekindle.dates.selectors import today_plans

    alice, _ = couple
    couple_of_alice = couple_for(alice)
    with django_assert_num_queries(0):
        assert today_plans(alice, couple_of_alice) is None


def test_today_asks_once_about_plans_when_it_shows_them(couple, django_assert_num_queries):
    from rekindle.dates.selectors import today_plans

    alice, bob = couple
    add_plans(alice, bob, 3)
    alice.refresh_from_db()
    couple_of_alice = couple_for(alice)
    with django_assert_num_queries(1):
        assert today_plans(alice, couple_of_alice) is not None


def test_progress_pages_stay_within_budget_with_five_years_of_weekly_data(couple, django_assert_max_num_queries):
    """Five years of weekly connection and monthly check-ups from both, shared, and daily practice."""
    from rekindle.measures import services as measure_services
    from rekindle.measures.models import Measure
    from rekindle.rituals.models import QuarterlyReview

    alice, bob = couple
    add_history(alice, bob, 5 * 365)
    space = couple_for(alice).space
    today = alice.today()
    rows = []
    for person in (alice, bob):
        measure_services.sharing_set(person=person, choices={"csi4": True, "ios": True, "connection": True})
        for week in range(5 * 52):
            rows.append(Measure(author=person, space=space, kind="connection", shared=True, answers=[5], score=5,
                                period=measure_services.week_of(today - dt.timedelta(weeks=week))))
        for month in range(60):
            first = (today.replace(day=1) - dt.timedelta(days=31 * month)).replace(day=1)
            rows.append(Measure(author=person, space=space, kind="csi4", shared=True, answers=[3, 3, 3, 3], score=12, period=first))
            rows.append(Measure(author=person, space=space, kind="ios", shared=True, answers=[4], score=4, period=first))
    Measure.objects.bulk_create(rows)
    review = QuarterlyReview.objects.create(space=space, started_by=alice, quarter_start=today.replace(day=1))
    client = client_for(alice)
    for url in (
        reverse("progress"), reverse("progress") + "?range=all", reverse("progress_monthly"), reverse("progress_weekly"),
        reverse("progress_report") + f"?start={today.year - 5}-01&end={today:%Y-%m}",
        reverse("review", kwargs={"review_id": review.pk}),
    ):
        with django_assert_max_num_queries(BUDGET, info=url):
            response = client.get(url)
        assert response.status_code == 200, url


def add_goals(alice, bob, goals: int, steps_each: int) -> None:
    """`goals` goals (shared, own, paused, finished) with `steps_each` steps each, values, self-care, care answers."""
    from rekindle.goals import services as goal_services
    from rekindle.goals.models import Goal, GoalStep
    from rekindle.wellbeing import services as care_services
    from rekindle.wellbeing.content import questionnaire

    space = couple_for(alice).space
    today = alice.today()
    statuses = [Goal.ACTIVE, Goal.ACTIVE, Goal.PAUSED, Goal.DONE, Goal.LET_GO]
    made = Goal.objects.bulk_create(
        Goal(space=space, author=alice if n % 2 else bob, shared=n % 3 != 2, title=f"Goal {n}", value_name="Health",
             target_on=today + dt.timedelta(days=n + 1), status=statuses[n % 5],
             ended_on=today if statuses[n % 5] in (Goal.DONE, Goal.LET_GO) else None)
        for n in range(goals)
    )
    GoalStep.objects.bulk_create(
        GoalStep(goal=g, added_by=g.author, title=f"Step {s}", due_on=today - dt.timedelta(days=1) + dt.timedelta(days=s),
                 done_on=today if s % 2 else None, done_by=alice if s % 2 else None)
        for g in made for s in range(steps_each)
    )
    goal_services.refresh_next_step(space)
    goal_services.values_pick(person=alice, couple=couple_for(alice), keys=["health", "family"], own=["Music"])
    goal_services.values_pick(person=bob, couple=couple_for(bob), keys=["health", "curiosity"], own=[])
    shared = goal_services.shared_value_propose(person=alice, couple=couple_for(alice), key="health")
    goal_services.shared_value_confirm(person=bob, couple=couple_for(bob), shared_value_id=shared.pk)
    ratings = {q.key: 4 for q in questionnaire().questions}
    for person in (alice, bob):
        for _ in range(3):
            care_services.care_answers_save(person=person, couple=couple_for(person), ratings=ratings,
                                            examples={"words": "Say it"})
    care_services.care_card_save(person=bob, ways=["words", "time"], show_examples=True, show_touch=True)
    care_services.selfcare_plan_save(person=alice, recharges="Running", needs="Sleep", version=None)
    for n in range(30):
        care_services.selfcare_goal_add(person=alice, text=f"Small thing {n}")
    care_services.selfcare_look_back(person=alice, answer="yes")


@pytest.mark.parametrize("goals,steps_each", [(1, 1), (200, 10)])
def test_goal_values_and_care_pages_stay_within_budget_with_200_goals_and_2000_steps(
    couple, goals, steps_each, django_assert_max_num_queries
):
    from rekindle.goals.models import Goal
    from rekindle.rituals import services as ritual_services

    alice, bob = couple
    add_goals(alice, bob, goals, steps_each)
    meeting = ritual_services.meeting_start(person=alice, couple=couple_for(alice))
    review = ritual_services.review_open(person=alice, couple=couple_for(alice))
    goal = Goal.objects.filter(shared=True, status=Goal.ACTIVE).first()
    client = client_for(alice)
    urls = [
        reverse("goals"), reverse("goals") + "?page=2", reverse("values"), reverse("goals_new"),
        reverse("goals_detail", kwargs={"goal_id": goal.pk}), reverse("goals_edit", kwargs={"goal_id": goal.pk}),
        reverse("meeting_step", kwargs={"meeting_id": meeting.pk, "step": 4}),
        reverse("review", kwargs={"review_id": review.pk}),
        reverse("selfcare"), reverse("cared_for"), reverse("cared_for_questions"),
    ]
    for url in urls:
        with django_assert_max_num_queries(BUDGET, info=url):
            response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("goals,steps_each", [(1, 1), (200, 10)])
def test_todays_goal_step_card_costs_one_query_when_it_shows_and_none_when_it_does_not(couple, goals, steps_each):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rekindle.spaces.models import Space

    alice, bob = couple
    client = client_for(alice)
    client.get(reverse("today"))  # warm up: sessions, first-visit writes
    with CaptureQueriesContext(connection) as without_goals:
        assert "A goal step for today" not in client.get(reverse("today")).content.decode()
    add_goals(alice, bob, goals, steps_each)
    client.get(reverse("today"))  # the news card's first look after the news came in
    with CaptureQueriesContext(connection) as with_a_due_step:
        assert "A goal step for today" in client.get(reverse("today")).content.decode()
    assert len(with_a_due_step) <= len(without_goals) + 1
    Space.objects.update(next_goal_step_on=alice.today() + dt.timedelta(days=5))  # nothing due today
    with CaptureQueriesContext(connection) as nothing_due:
        assert "A goal step for today" not in client.get(reverse("today")).content.decode()
    assert len(nothing_due) <= len(without_goals)
