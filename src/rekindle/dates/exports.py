"""What a person wrote about time together, for their own export: plans they proposed, lines they wrote."""

from __future__ import annotations

from rekindle.dates.models import AfterLine, Plan


def plans(person) -> list[dict]:
    return [
        {
            "title": plan.title, "place": plan.place, "starts_at": plan.starts_at.isoformat(), "time_zone": plan.time_zone,
            "duration_minutes": plan.duration_minutes, "repeat": plan.repeat,
            "repeat_until": plan.repeat_until.isoformat() if plan.repeat_until else None, "status": plan.status,
        }
        for plan in Plan.objects.filter(author=person).order_by("created_at", "id")
    ]


def after_lines(person) -> list[dict]:
    """Only the person's own lines; the plan's title only when they proposed it."""
    rows = []
    for line in AfterLine.objects.filter(author=person).exclude(text="").select_related("plan").order_by("occurred_on", "id"):
        rows.append({
            "date": line.occurred_on.isoformat(), "text": line.text,
            "plan": ("(a plan from someone who has left)" if line.plan is None
                     else line.plan.title if line.plan.author_id == person.pk else "(a plan your partner proposed)"),
        })
    return rows
