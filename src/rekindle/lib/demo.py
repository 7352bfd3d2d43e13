"""A demo couple with three weeks of history, from content/demo.toml."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from rekindle.lib.content import load_toml


@dataclass(frozen=True)
class DemoLogin:
    name: str
    email: str
    password: str


@transaction.atomic
def load_demo() -> list[DemoLogin]:
    """(Re)create the demo couple, dated relative to today, with fresh random passwords."""
    from rekindle.checkins.models import (
        Appreciation,
        AppreciationReply,
        CheckIn,
        CheckInRound,
        Reflection,
    )
    from rekindle.spaces.models import Membership, Person, Space

    data = load_toml("demo.toml")
    people_data = data["people"]
    emails = [p["email"] for p in people_data.values()]
    old_spaces = Membership.objects.filter(person__email__in=emails).values("space")
    Space.objects.filter(pk__in=old_spaces).delete()
    Person.objects.filter(email__in=emails).delete()

    now = timezone.now()
    logins, people = [], {}
    for key, info in people_data.items():
        password = secrets.token_urlsafe(9)
        people[key] = Person.objects.create_user(
            info["email"], password, display_name=info["name"], time_zone=info["time_zone"]
        )
        logins.append(DemoLogin(info["name"], info["email"], password))
    space = Space.objects.create(name=data["space_name"], created_by=people["a"], created_at=now - dt.timedelta(days=30))
    for person in people.values():
        Membership.objects.create(space=space, person=person, joined_at=now - dt.timedelta(days=30))

    other = {"a": "b", "b": "a"}
    for day in data["days"]:
        at = now - dt.timedelta(days=day["days_ago"])
        answered = [key for key in ("a", "b") if key in day]
        round_ = CheckInRound.objects.create(
            space=space,
            date=people[answered[0]].checkin_today(at),
            opened_at=at,
            completed_at=at if len(answered) == 2 else None,
        )
        checkins = {
            key: CheckIn.objects.create(
                author=people[key],
                space=space,
                round=round_,
                local_date=people[key].checkin_today(at),
                created_at=at,
                updated_at=at,
                **day[key],
            )
            for key in answered
        }
        for reflection in day.get("reflections", []):
            Reflection.objects.create(
                checkin=checkins[other[reflection["by"]]],
                item=reflection["item"],
                author=people[reflection["by"]],
                text=reflection["text"],
                response=reflection.get("response", ""),
                created_at=at,
                updated_at=at,
            )
    for item in data["appreciations"]:
        at = now - dt.timedelta(days=item["days_ago"])
        appreciation = Appreciation.objects.create(
            author=people[item["by"]],
            space=space,
            text=item["text"],
            local_date=people[item["by"]].today() - dt.timedelta(days=item["days_ago"]),
            created_at=at,
        )
        if item.get("reply"):
            AppreciationReply.objects.create(
                appreciation=appreciation, author=people[other[item["by"]]], text=item["reply"], created_at=at
            )
    return logins
