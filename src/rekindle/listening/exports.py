"""What a person wrote in listening sessions and pauses, for their own export."""

from __future__ import annotations

from rekindle.listening.models import ListeningSession, ParkedTopic, Pause, Utterance


def sessions_started(person) -> list[dict]:
    return [
        {"started_at": s.created_at.isoformat(), "topic": s.topic, "status": s.status}
        for s in ListeningSession.objects.filter(started_by=person).order_by("created_at", "id")
    ]


def words(person) -> list[dict]:
    """Your own sentences, paraphrases, clarifications and notes (never your partner's)."""
    return [
        {"written_at": u.created_at.isoformat(), "session_started_at": u.session.created_at.isoformat(),
         "kind": u.kind, "text": u.text}
        for u in Utterance.objects.filter(author=person).select_related("session").order_by("created_at", "id")
    ]


def pauses(person) -> list[dict]:
    return [
        {"called_at": p.started_at.isoformat(), "minutes_apart": p.minutes, "topic": p.reason_topic}
        for p in Pause.objects.filter(called_by=person).order_by("started_at", "id")
    ]


def parked_topics(person) -> list[dict]:
    return [
        {"parked_at": t.created_at.isoformat(), "topic": t.topic,
         "picked_up_at": t.resumed_at.isoformat() if t.resumed_at else None}
        for t in ParkedTopic.objects.filter(author=person).order_by("created_at", "id")
    ]
