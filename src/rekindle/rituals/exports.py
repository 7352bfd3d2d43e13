"""What a person wrote in rituals, for their own export.

Shared lines written together (a meeting's notes, a quarterly review) can't be split by
author, so they stay out of personal exports rather than risk including a partner's words.
"""

from __future__ import annotations

from rekindle.rituals.models import Commitment, Experiment, MeetingEntry


def commitments(person) -> list[dict]:
    return [
        {"text": c.text, "due_on": c.due_on.isoformat(), "outcome": c.outcome, "alternative": c.alternative}
        for c in Commitment.objects.filter(author=person).order_by("created_at")
    ]


def experiments(person) -> list[dict]:
    return [
        {"title": e.title, "plan": e.plan, "from": e.starts_on.isoformat(), "review_on": e.review_on.isoformat(),
         "decision": e.status, "why": e.review_note}
        for e in Experiment.objects.filter(author=person).order_by("created_at")
    ]


def meeting_entries(person) -> list[dict]:
    return [
        {"meeting": e.meeting.held_on.isoformat(), "kind": e.kind, "text": e.text}
        for e in MeetingEntry.objects.filter(author=person).select_related("meeting").order_by("created_at")
    ]

