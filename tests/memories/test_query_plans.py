"""The memory pages find their rows through indexes, never by reading a whole table (see tests/test_query_plans.py)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.urls import reverse

from rekindle.memories.models import Memory, MemoryLine, Photo, PrivateNote
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for, make_person, pair
from tests.test_query_plans import full_scans


def seed_book(a, b, memories: int) -> None:
    space = couple_for(a).space
    book = Memory.objects.bulk_create(
        Memory(space=space, author=a if n % 2 else b, title=f"m{n}", date=dt.date(2020, 1, 1) + dt.timedelta(days=n))
        for n in range(memories)
    )
    Photo.objects.bulk_create(
        Photo(memory=m, space=space, author=m.author, image=f"photos/{m.pk}.jpg", thumb=f"photos/{m.pk}.webp", width=1, height=1)
        for m in book
    )
    MemoryLine.objects.bulk_create(MemoryLine(memory=m, author=b, text="yes") for m in book[::3])
    PrivateNote.objects.bulk_create(PrivateNote(author=a, text=f"n{n}") for n in range(memories))


def test_memory_pages_never_read_a_whole_table(db):
    people = [make_person(f"P{n}") for n in range(6)]
    for n in range(0, 6, 2):
        pair(people[n], people[n + 1], f"Couple {n}")
        seed_book(people[n], people[n + 1], 120)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    alice = people[0]
    memory = Memory.objects.filter(space=couple_for(alice).space, author=alice).first()
    client = client_for(alice)
    problems = []
    for url in (
        reverse("memories"),
        reverse("memories_photos"),
        reverse("memory_detail", kwargs={"memory_id": memory.pk}),
        reverse("memory_glance", kwargs={"memory_id": memory.pk}),
        reverse("memory_thumb", kwargs={"photo_id": memory.photos.first().pk}),
        reverse("private_notes"),
    ):
        statements = []

        def collect(execute, sql, params, many, context):
            statements.append((sql, params))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(collect):
            client.get(url)
        for sql, params in statements:
            if sql.lstrip().upper().startswith("SELECT"):
                scans = [t for t in full_scans(sql, params) if t.startswith("memories_")]
                if scans:
                    problems.append(f"{url}: full scan of {', '.join(scans)} in\n    {sql}")
    assert not problems, "\n".join(problems)
