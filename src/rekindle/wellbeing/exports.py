"""Self-care and how I feel cared for: private to their author, never in the partner's export."""

from __future__ import annotations

from rekindle.spaces.exports import Kind
from rekindle.wellbeing.models import CareAnswers, CareCard, SelfCareGoal, SelfCareLookBack, SelfCarePlan

KINDS = (
    Kind("selfcare_plans", SelfCarePlan, "My self-care plan", ("recharges", "needs", "version", "updated_at"),
         space=None, shared=False, when="updated_at", words=("recharges", "needs"), order=("id",)),
    Kind("selfcare_goals", SelfCareGoal, "Small self-care goals", ("text", "done_on", "created_at"),
         space=None, shared=False, words=("text",)),
    Kind("selfcare_look_backs", SelfCareLookBack, "Weekly self-care look-backs", ("week_of", "answer", "note", "updated_at"),
         space=None, shared=False, when="week_of", words=("answer", "note"), order=("week_of", "id")),
    Kind("care_answers", CareAnswers, "How I feel cared for: my answers", ("ratings", "examples", "created_at"),
         space=None, shared=False, words=("examples",)),
    Kind("care_cards", CareCard, "How I feel cared for: my card", ("ways", "show_examples", "show_touch", "note", "updated_at"),
         space=None, shared=False, when="updated_at", words=("ways", "note"), order=("id",)),
)
