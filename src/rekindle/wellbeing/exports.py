"""Looking after myself and how I feel loved: private to their author, never in the partner's export."""

from __future__ import annotations

from rekindle.spaces.exports import Kind
from rekindle.wellbeing.models import CareAnswers, CareCard, SelfCareGoal, SelfCareLookBack, SelfCarePlan

KINDS = (
    Kind("looking_after_myself_plans", SelfCarePlan, "Looking after myself: my plan", ("recharges", "needs", "version", "updated_at"),
         space=None, shared=False, when="updated_at", words=("recharges", "needs"), order=("id",)),
    Kind("looking_after_myself_goals", SelfCareGoal, "Looking after myself: small goals", ("text", "done_on", "created_at"),
         space=None, shared=False, words=("text",)),
    Kind("looking_after_myself_look_backs", SelfCareLookBack, "Looking after myself: weekly look-backs", ("week_of", "answer", "note", "updated_at"),
         space=None, shared=False, when="week_of", words=("answer", "note"), order=("week_of", "id")),
    Kind("how_i_feel_loved_answers", CareAnswers, "How I feel loved: my answers", ("ratings", "examples", "created_at"),
         space=None, shared=False, words=("examples",)),
    Kind("how_i_feel_loved_cards", CareCard, "How I feel loved: my card", ("ways", "show_examples", "show_touch", "note", "updated_at"),
         space=None, shared=False, when="updated_at", words=("ways", "note"), order=("id",)),
)
