"""Listening sessions, pauses and parked topics, as kinds of the export.

A session's topic is the words of whoever started it; each sentence in it is its speaker's.
"""

from __future__ import annotations

from rekindle.listening.models import ListeningSession, ParkedTopic, Pause, Utterance
from rekindle.spaces.exports import Kind

def _ended_if_open(session: ListeningSession, local_id) -> None:
    """An open session needs a speaker and a listener; brought alone to a new space, it has ended."""
    if session.status in ListeningSession.OPEN:
        session.status, session.ended_at = ListeningSession.Status.ENDED, session.created_at


KINDS = (
    Kind("listening_sessions", ListeningSession, "Listening sessions started",
         ("topic", "mode", "turn_seconds", "status", "phase", "created_at", "ended_at"), owner="started_by", words=("topic",), on_import=_ended_if_open),
    Kind("listening_words", Utterance, "Words in listening sessions", ("kind", "text", "created_at", "confirmed_at"),
         refs={"session": "listening_sessions"}, space=None, words=("kind", "text")),
    Kind("pauses", Pause, "Pauses", ("reason_topic", "started_at", "minutes", "ended_at"),
         owner="called_by", refs={"session": "listening_sessions"}, when="started_at", words=("reason_topic",),
         order=("started_at", "id")),
    Kind("parked_topics", ParkedTopic, "Topics set aside for later", ("topic", "source", "created_at", "resumed_at"),
         refs={"session": "listening_sessions"}, words=("topic",)),
)
