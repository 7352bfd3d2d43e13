"""A person's own words, for them to take away.

Each content app registers a function that returns what the person authored; nothing a
partner wrote is ever included.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

from rekindle.spaces.models import Person

Exporter = Callable[[Person], list[dict]]
_exporters: dict[str, Exporter] = {}


def register(section: str, exporter: Exporter) -> None:
    _exporters[section] = exporter


def export_for(person: Person) -> dict:
    data = {
        "exported_at": timezone.now().isoformat(),
        "person": {"name": person.display_name, "email": person.email, "time_zone": person.time_zone},
    }
    for section, exporter in sorted(_exporters.items()):
        data[section] = exporter(person)
    return data
