"""What a person wrote in programs, for their own export."""

from __future__ import annotations

from rekindle.programs.models import ActivityDone, ClosingReflection


def activity_notes(person) -> list[dict]:
    return [
        {"program": d.enrolment.program_slug, "step": d.step, "kind": d.kind, "note": d.note, "done_at": d.done_at.isoformat()}
        for d in ActivityDone.objects.filter(author=person).select_related("enrolment").order_by("done_at")
    ]


def reflections(person) -> list[dict]:
    return [
        {"program": r.enrolment.program_slug, "answers": r.answers, "written_at": r.created_at.isoformat()}
        for r in ClosingReflection.objects.filter(author=person).select_related("enrolment").order_by("created_at")
    ]
