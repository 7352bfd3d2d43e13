"""What a person wrote in check-ins and appreciations, for their own export."""

from __future__ import annotations

from rekindle.checkins.models import (
    Appreciation,
    AppreciationReply,
    CheckIn,
    Reflection,
)


def checkins(person) -> list[dict]:
    return [
        {"date": c.local_date.isoformat(), "rose": c.rose, "bud": c.bud, "thorn": c.thorn}
        for c in CheckIn.objects.filter(author=person).order_by("local_date")
    ]


def reflections(person) -> list[dict]:
    return [
        {"on_date": r.checkin.local_date.isoformat() if r.checkin else None, "item": r.item, "text": r.text, "written_at": r.created_at.isoformat()}
        for r in Reflection.objects.filter(author=person).select_related("checkin").order_by("created_at")
    ]


def appreciations(person) -> list[dict]:
    return [
        {"date": a.local_date.isoformat(), "text": a.text}
        for a in Appreciation.objects.filter(author=person).order_by("created_at")
    ]


def appreciation_replies(person) -> list[dict]:
    return [
        {"written_at": r.created_at.isoformat(), "text": r.text}
        for r in AppreciationReply.objects.filter(author=person).order_by("created_at")
    ]
