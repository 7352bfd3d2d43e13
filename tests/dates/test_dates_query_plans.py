"""The plans pages, Today's plans card and the calendar feed find plans and lines through indexes."""

from __future__ import annotations

from django.db import connection
from django.urls import reverse

from rekindle.dates import services
from tests.conftest import client_for
from tests.test_query_budgets import add_plans
from tests.test_query_plans import full_scans


def test_plan_reads_use_indexes(couple, other_couple):
    alice, bob = couple
    carol, dave = other_couple
    plan = add_plans(alice, bob, 12)
    add_plans(carol, dave, 12)
    feed = services.feed_create(person=alice)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    alice.refresh_from_db()
    client = client_for(alice)
    urls = [reverse("today"), reverse("together"), reverse("together_plans"), reverse("together_calendar"),
            reverse("together_plan", kwargs={"plan_id": plan.pk}), reverse("together_feed", kwargs={"token": feed.token})]
    problems = []
    for url in urls:
        statements = []

        def collect(execute, sql, params, many, context):
            statements.append((sql, params))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(collect):
            assert client.get(url).status_code == 200, url
        for sql, params in statements:
            if sql.lstrip().upper().startswith("SELECT") and "dates_" in sql:
                scans = full_scans(sql, params)
                if scans:
                    problems.append(f"{url}: full scan of {', '.join(scans)} in\n    {sql}")
    assert not problems, "\n".join(problems)
