"""What a person wrote in values and goals, for their own export: never the partner's words."""

from __future__ import annotations

from rekindle.goals.models import Goal, GoalStep, SharedValue, ValuePick


def values(person) -> list[dict]:
    rows = [{"kind": "my value", "value_key": p.value_key, "own_name": p.own_name,
             "picked_at": p.created_at.isoformat()} for p in ValuePick.objects.filter(author=person)]
    rows += [{"kind": "suggested to share", "name": s.name, "confirmed": s.confirmed_at is not None,
              "suggested_at": s.created_at.isoformat()} for s in SharedValue.objects.filter(proposed_by=person)]
    return rows


def goals(person) -> list[dict]:
    """Goals the person set, and the steps they added (to any goal of theirs or a shared one)."""
    rows = [
        {"kind": "goal", "id": g.pk, "shared": g.shared, "title": g.title, "value": g.value_name, "note": g.note,
         "target_on": g.target_on.isoformat(), "status": g.status, "ended_note": g.ended_note,
         "ended_on": g.ended_on.isoformat() if g.ended_on else None}
        for g in Goal.objects.filter(author=person).order_by("created_at", "id")
    ]
    rows += [
        {"kind": "step", "goal_id": s.goal_id, "title": s.title, "due_on": s.due_on.isoformat() if s.due_on else None,
         "done_on": s.done_on.isoformat() if s.done_on else None}
        for s in GoalStep.objects.filter(added_by=person).order_by("created_at", "id")
    ]
    return rows
