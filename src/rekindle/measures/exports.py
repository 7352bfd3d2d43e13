"""Answers to the measures, as a kind of the export; the partner's only those they chose to share."""

from __future__ import annotations

from rekindle.measures.models import Measure
from rekindle.spaces.exports import Kind

KINDS = (
    Kind("measures", Measure, "Measures", ("kind", "period", "answers", "score", "shared", "created_at", "updated_at"),
         when="period", words=("kind", "score"), order=("kind", "period", "id")),
)
