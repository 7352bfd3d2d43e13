"""A person's own answers to the measures, for their export. Never the partner's."""

from __future__ import annotations

from rekindle.measures.models import Measure


def measures(person) -> list[dict]:
    return [
        {"measure": m.kind, "period": m.period.isoformat(), "answers": m.answers, "score": m.score,
         "shared": m.shared, "answered_at": m.updated_at.isoformat()}
        for m in Measure.objects.filter(author=person).order_by("kind", "period")
    ]
