"""Planned time together and the lines written after it, as kinds of the export."""

from __future__ import annotations

from rekindle.dates.models import AfterLine, Plan
from rekindle.spaces.exports import Kind

KINDS = (
    Kind("plans", Plan, "Plans for time together",
         ("title", "place", "idea_id", "starts_at", "time_zone", "duration_minutes", "repeat", "repeat_until",
          "skipped", "status", "created_at", "updated_at"),
         refs={"bucket_item": "bucket_list", "meeting": "meetings"}, when="starts_at", words=("title", "place")),
    Kind("after_date_lines", AfterLine, "Lines after time together", ("occurred_on", "text", "created_at"),
         refs={"plan": "plans"}, space=None, when="occurred_on", words=("text",)),
)
