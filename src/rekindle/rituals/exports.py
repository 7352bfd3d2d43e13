"""Commitments, experiments and the weekly meeting, as kinds of the export.

A meeting's own lines (the issue, the next date, "on track") are written together and
can't be split by author, so the meeting travels only as a container: when and how far it
got. Each entry in it is its author's. Quarterly reviews are edited jointly, line by line,
without a record of who wrote what, so they stay out of personal exports.
"""

from __future__ import annotations

from rekindle.rituals.models import Commitment, Experiment, Meeting, MeetingEntry
from rekindle.spaces.exports import Kind

KINDS = (
    Kind("meetings", Meeting, "Weekly meetings", ("held_on", "step", "finished_at", "created_at"),
         owner=None, when="held_on", order=("held_on", "id")),
    Kind("commitments", Commitment, "Commitments",
         ("text", "due_on", "outcome", "outcome_at", "alternative", "created_at"),
         refs={"meeting": "meetings", "renegotiated_from": "commitments"}, words=("text", "alternative")),
    Kind("experiments", Experiment, "Experiments",
         ("title", "plan", "starts_on", "review_on", "status", "review_note", "reviewed_at", "created_at"),
         when="starts_on", words=("title", "plan", "review_note")),
    Kind("meeting_entries", MeetingEntry, "Said in weekly meetings", ("kind", "text", "created_at"),
         refs={"meeting": "meetings"}, space=None, words=("kind", "text")),
)
