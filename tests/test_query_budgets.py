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

    unsubscribe = reverse("reminders_unsubscribe", kwargs={"token": unsubscribe_token(person_id=erin.pk, kind="checkin")})
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
        client.get(reverse("export"))
    CheckInRound.objects.all().delete()
    Appreciation.objects.all().delete()
    add_history(alice, bob, 365)
    with CaptureQueriesContext(connection) as one_year:
        client.get(reverse("export"))
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
