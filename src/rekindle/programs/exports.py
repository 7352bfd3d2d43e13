"""Programs: what a person noted on each activity and their closing reflection, as kinds of the export."""

from __future__ import annotations

from rekindle.programs.models import ActivityDone, ClosingReflection, Enrolment
from rekindle.spaces.exports import Kind

KINDS = (
    Kind("program_runs", Enrolment, "Programs", ("program_slug", "started_on", "status", "paused_on", "created_at", "ended_at"),
         owner=None, when="started_on", words=("program_slug",)),
    Kind("program_notes", ActivityDone, "Program activities done", ("step", "kind", "note", "done_at"),
         refs={"enrolment": "program_runs"}, space=None, when="done_at", words=("note",), order=("done_at", "id")),
    Kind("program_reflections", ClosingReflection, "Closing reflections", ("answers", "created_at"),
         refs={"enrolment": "program_runs"}, space=None, words=("answers",)),
)
