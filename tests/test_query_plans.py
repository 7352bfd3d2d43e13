"""Every query of the main pages finds its rows through an index, never by reading a whole content table.

Each SELECT a page runs is put through the database's own planner: PostgreSQL with sequential
scans switched off (so a `Seq Scan` left in the plan means no index can serve the query), SQLite
with `EXPLAIN QUERY PLAN` (a `SCAN <table>` is a full read of it). Tables from Django itself
(sessions, content types) are not content and are left out.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.db import connection

from rekindle import bench
from rekindle.lib.dates import local_today

OUR_APPS = {"spaces", "checkins", "prompts", "programs", "rituals", "together", "listening", "care", "gentle",
            "memories", "dates", "goals", "wellbeing"}


# Not couple content: the operator's directory of counsellors is small and listed whole on purpose.
NOT_CONTENT = {"care_counsellor"}


def content_tables() -> set[str]:
    return {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in OUR_APPS and model._meta.db_table not in NOT_CONTENT
    }


def full_scans(sql: str, params) -> list[str]:
    """The content tables the plan for this query reads in full."""
    tables = content_tables()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            lines = [row[0] for row in cursor.fetchall()]
            cursor.execute("SET LOCAL enable_seqscan = on")
            found = [re.search(r"Seq Scan on (\w+)", line) for line in lines]
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            lines = [row[-1] for row in cursor.fetchall()]
            # "SCAN t" reads every row; "SCAN t USING INDEX i" reads every row of an index. A
            # search ("SEARCH t USING INDEX i (x=?)") is what we want.
            found = [re.match(r"SCAN (\w+)", line) for line in lines]
    return sorted({m.group(1) for m in found if m and m.group(1) in tables})


@pytest.fixture
def seeded(db):
    """Three couples with two weeks of history each, and one with a year; the first one is measured."""
    today = local_today("UTC")
    couples = bench.seed(0, 3, 14, today) + bench.seed(3, 1, 365, today)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return couples, today


def test_no_page_reads_a_content_table_in_full(seeded, client):
    couples, today = seeded
    problems = []
    for person in (couples[0][0], couples[3][1]):
        client.force_login(person)
        for name, url in bench.pages(today):
            statements = []

            def collect(execute, sql, params, many, context):
                statements.append((sql, params))
                return execute(sql, params, many, context)

            with connection.execute_wrapper(collect):
                response = client.get(url)
            assert response.status_code == 200, url
            for sql, params in statements:
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                scans = full_scans(sql, params)
                if scans:
                    problems.append(f"{name}: full scan of {', '.join(scans)} in\n    {sql}")
    assert not problems, "\n".join(problems)
