"""Time zones as people know them: current zones by region, with city names, and each zone's country.

The IANA database ships `zone.tab` (one line per current zone: country code, coordinates,
zone name) and `iso3166.tab` (country names). They come with the `tzdata` package, and most
systems have them in /usr/share/zoneinfo too. Old aliases ("US/Pacific") and the Etc/GMT
zones (whose signs are inverted) are not in zone.tab, so they are not offered; a person who
already has one stored keeps it — it stays valid and is offered back to them.
"""

from __future__ import annotations

import zoneinfo
from functools import cache
from importlib import resources
from pathlib import Path

from rekindle.lib.dates import is_valid_timezone

REGIONS = {
    "Africa": "Africa",
    "America": "Americas",
    "Antarctica": "Antarctica",
    "Arctic": "Arctic",
    "Asia": "Asia",
    "Atlantic": "Atlantic Ocean",
    "Australia": "Australia",
    "Europe": "Europe",
    "Indian": "Indian Ocean",
    "Pacific": "Pacific Ocean",
}


def _read_tab(name: str) -> list[list[str]]:
    """Rows of a tzdata .tab file, from the tzdata package, else the system's zoneinfo directory."""
    text = None
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        for directory in (*zoneinfo.TZPATH, "/usr/share/zoneinfo"):
            path = Path(directory) / name
            if path.is_file():
                text = path.read_text(encoding="utf-8")
                break
    if text is None:
        return []
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


# Where iso3166.tab's short names are not the ones people use.
_COUNTRY_NAMES = {"GB": "United Kingdom", "KR": "South Korea", "KP": "North Korea", "RU": "Russia", "VA": "Vatican City"}


@cache
def country_names() -> dict[str, str]:
    return {row[0]: _COUNTRY_NAMES.get(row[0], row[1]) for row in _read_tab("iso3166.tab") if len(row) >= 2}


@cache
def zone_countries() -> dict[str, str]:
    """Zone name → ISO country code, for the zones in use today."""
    return {row[2]: row[0] for row in _read_tab("zone.tab") if len(row) >= 3 and is_valid_timezone(row[2])}


def country_for_zone(name: str) -> str | None:
    return zone_countries().get(name or "")


def city_name(name: str) -> str:
    """America/Argentina/Buenos_Aires → Buenos Aires; Europe/Isle_of_Man → Isle of Man."""
    return name.rsplit("/", 1)[-1].replace("_", " ")


@cache
def grouped_choices() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """Current zones grouped by region, each named by its city and country, for a <select>."""
    names = country_names()
    groups: dict[str, list[tuple[str, str]]] = {}
    for zone, code in zone_countries().items():
        region = REGIONS.get(zone.split("/", 1)[0])
        if region is None:
            continue
        city = city_name(zone)
        country = names.get(code, code)
        label = city if city == country else f"{city} · {country}"
        groups.setdefault(region, []).append((zone, label))
    ordered = [(region, tuple(sorted(groups[region], key=lambda choice: choice[1]))) for region in sorted(groups)]
    ordered.append(("Universal", (("UTC", "UTC — no local time"),)))
    return tuple(ordered)


def choices_with(current: str | None) -> list:
    """The grouped choices, plus a person's stored zone when it is an older name no longer offered."""
    choices = [(region, list(options)) for region, options in grouped_choices()]
    offered = {zone for _, options in choices for zone, _ in options}
    if current and current not in offered and is_valid_timezone(current):
        choices.insert(0, ("Your current setting", [(current, current.replace("_", " "))]))
    return choices
