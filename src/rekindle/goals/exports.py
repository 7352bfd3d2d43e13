"""Values and goals, as kinds of the export."""

from __future__ import annotations

from rekindle.goals.models import Goal, GoalCheer, GoalStep, SharedValue, ValuePick
from rekindle.spaces.exports import Kind

KINDS = (
    Kind("values", ValuePick, "Values picked", ("value_key", "own_name", "created_at"), words=("value_key", "own_name")),
    Kind("shared_values", SharedValue, "Values suggested to share", ("value_key", "name", "confirmed_at", "created_at"),
         owner="proposed_by", words=("name",)),
    Kind("goals", Goal, "Goals",
         ("shared", "value_name", "title", "note", "target_on", "status", "ended_on", "ended_note", "created_at", "updated_at"),
         words=("title", "note", "ended_note")),
    Kind("goal_steps", GoalStep, "Steps towards a goal", ("title", "due_on", "done_on", "created_at"),
         owner="added_by", refs={"goal": "goals"}, space=None, words=("title",)),
    Kind("goal_cheers", GoalCheer, "Cheers for a goal", ("day", "created_at"),
         refs={"goal": "goals"}, space=None, when="day"),
)
