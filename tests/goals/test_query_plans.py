"""The goals, values and care pages find their rows through indexes, with a couple's worth of data
and other couples' data around it (see tests/test_query_plans.py)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from rekindle.goals.models import Goal
from rekindle.rituals import services as ritual_services
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for, make_person, pair
from tests.test_query_budgets import add_goals
from tests.test_query_plans import full_scans


@pytest.mark.django_db
def test_goal_and_care_pages_read_no_content_table_in_full(couple):
    alice, bob = couple
    add_goals(alice, bob, 40, 5)
    for n in range(3):  # other couples' goals, so a missing index would show
        first, second = make_person(f"P{n}a"), make_person(f"P{n}b")
        pair(first, second, f"Space {n}")
        add_goals(first, second, 20, 5)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    meeting = ritual_services.meeting_start(person=alice, couple=couple_for(alice))
    review = ritual_services.review_open(person=alice, couple=couple_for(alice))
    goal = Goal.objects.filter(space=couple_for(alice).space, shared=True).first()
    urls = [reverse("goals"), reverse("values"), reverse("goals_detail", kwargs={"goal_id": goal.pk}),
            reverse("meeting_step", kwargs={"meeting_id": meeting.pk, "step": 4}),
            reverse("review", kwargs={"review_id": review.pk}), reverse("today"), reverse("selfcare"),
            reverse("cared_for")]
    client = client_for(alice)
    problems = []
    for url in urls:
        statements = []

        def collect(execute, sql, params, many, context):
            statements.append((sql, params))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(collect):
            assert client.get(url).status_code == 200, url
        for sql, params in statements:
            if sql.lstrip().upper().startswith("SELECT"):
                scans = full_scans(sql, params)
                if scans:
                    problems.append(f"{url}: full scan of {', '.join(scans)} in\n    {sql}")
    assert not problems, "\n".join(problems)
