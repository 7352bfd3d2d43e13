"""Self-care and care answers, for their author's own export only."""

from __future__ import annotations

from rekindle.wellbeing.models import CareAnswers, CareCard, SelfCareGoal, SelfCareLookBack, SelfCarePlan


def selfcare(person) -> list[dict]:
    rows = [{"kind": "plan", "recharges": p.recharges, "needs": p.needs, "updated_at": p.updated_at.isoformat()}
            for p in SelfCarePlan.objects.filter(author=person)]
    rows += [{"kind": "goal", "text": g.text, "done_on": g.done_on.isoformat() if g.done_on else None}
             for g in SelfCareGoal.objects.filter(author=person).order_by("created_at", "id")]
    rows += [{"kind": "look back", "week_of": b.week_of.isoformat(), "answer": b.answer, "note": b.note}
             for b in SelfCareLookBack.objects.filter(author=person).order_by("week_of")]
    return rows


def cared_for(person) -> list[dict]:
    rows = [{"kind": "answers", "taken_at": a.created_at.isoformat(), "ratings": a.ratings, "examples": a.examples}
            for a in CareAnswers.objects.filter(author=person).order_by("created_at", "id")]
    rows += [{"kind": "card", "ways": c.ways, "show_examples": c.show_examples, "show_touch": c.show_touch,
              "note": c.note} for c in CareCard.objects.filter(author=person)]
    return rows
