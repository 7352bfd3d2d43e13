"""Check-ins, reflections and appreciations, as kinds of the export (rekindle.spaces.exports)."""

from __future__ import annotations

from rekindle.checkins.models import Appreciation, AppreciationReply, CheckIn, CheckInRound, Reflection
from rekindle.spaces.exports import Kind

KINDS = (
    # A round pairs two partners' check-ins of a day; an imported check-in gets a round of its own.
    Kind("checkin_rounds", CheckInRound, "Check-in days", ("date", "opened_at", "completed_at"),
         owner=None, when="date", order=("opened_at", "id")),
    Kind("checkins", CheckIn, "Check-ins", ("local_date", "rose", "bud", "thorn", "revision", "created_at", "updated_at"),
         refs={"round": "checkin_rounds"}, when="local_date", words=("rose", "bud", "thorn"), order=("local_date", "id")),
    Kind("reflections", Reflection, "Reflections on a check-in", ("item", "text", "response", "created_at", "updated_at"),
         refs={"checkin": "checkins"}, space=None, words=("item", "text")),
    Kind("appreciations", Appreciation, "Appreciations", ("text", "local_date", "created_at"),
         when="local_date", words=("text",)),
    Kind("appreciation_replies", AppreciationReply, "Replies to appreciations", ("text", "created_at"),
         refs={"appreciation": "appreciations"}, space=None, words=("text",)),
)
