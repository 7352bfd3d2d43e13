"""Help resources by country, from content/help_resources.toml, validated on load."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rekindle.lib.zones import country_for_zone
from rekindle.lib.content import ContentError, Report, content_path, line_of, read_toml

FILE = "help_resources.toml"
KINDS = {"hotline", "text", "chat", "web"}
FALLBACK = "default"


@dataclass(frozen=True)
class Service:
    name: str
    kind: str
    hours: str
    description: str
    phone: str = ""
    text: str = ""
    url: str = ""


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    emergency: str
    services: tuple[Service, ...]
    note: str = ""


def parse(path: Path) -> dict[str, Country]:
    data, text = read_toml(path)
    problems: list[str] = []
    countries: dict[str, Country] = {}

    def problem(needle: str, message: str) -> None:
        problems.append(f"{path}:{line_of(text, needle)}: {message}")

    for entry in data.get("countries", []):
        code = entry.get("code", "")
        where = f'code = "{code}"'
        for key in ("code", "name", "emergency"):
            if not isinstance(entry.get(key), str) or not entry.get(key).strip():
                problem(where, f"country {code or '?'} needs a '{key}'")
        if code in countries:
            problem(where, f"country {code} appears twice")
        services = []
        for service in entry.get("services", []):
            name = service.get("name", "")
            swhere = f'name = "{name}"'
            for key in ("name", "kind", "hours", "description"):
                if not isinstance(service.get(key), str) or not service[key].strip():
                    problem(swhere, f"{code}: service {name or '?'} needs a '{key}'")
            if service.get("kind") not in KINDS:
                problem(swhere, f"{code}: {name}: kind must be one of {', '.join(sorted(KINDS))}")
            if not any(service.get(key) for key in ("phone", "text", "url")):
                problem(swhere, f"{code}: {name}: give a phone, text or url so people can reach it")
            sources = service.get("sources", [])
            if len(set(sources)) < 2:
                problem(swhere, f"{code}: {name}: list at least two sources it was checked against")
            if not isinstance(service.get("checked"), dt.date):
                problem(swhere, f"{code}: {name}: add the date it was checked (checked = YYYY-MM-DD)")
            services.append(
                Service(**{k: service.get(k, "") for k in ("name", "kind", "hours", "description", "phone", "text", "url")})
            )
        if code != FALLBACK and not services:
            problem(where, f"country {code} needs at least one service")
        countries[code] = Country(
            code=code, name=entry.get("name", ""), emergency=entry.get("emergency", ""),
            services=tuple(services), note=entry.get("note", ""),
        )
    if FALLBACK not in countries:
        problems.append(f'{path}:1: add a country with code = "{FALLBACK}" for everyone else')
    if problems:
        raise ContentError(problems)
    return countries


@cache
def all_countries() -> dict[str, Country]:
    return parse(content_path(FILE))


def for_country(code: str) -> Country:
    countries = all_countries()
    return countries.get((code or "").upper()) or countries[FALLBACK]


def country_choices() -> list[tuple[str, str]]:
    countries = all_countries()
    listed = sorted((c.code, c.name) for c in countries.values() if c.code != FALLBACK)
    return listed + [(FALLBACK, "Somewhere else")]


def country_for_person(*, chosen: str = "", time_zone: str = "") -> tuple[str, str]:
    """Whose help to show: the country the person chose, else their time zone's, else everyone's.

    Returns (code, why) where why is "chosen", "time_zone" or "fallback". The browser's
    language is never used: an en-GB phone in Los Angeles needs American numbers.
    """
    codes = all_countries()
    if chosen and chosen.upper() in codes:
        return chosen.upper(), "chosen"
    if chosen == FALLBACK:
        return FALLBACK, "chosen"
    zone_country = country_for_zone(time_zone)
    if zone_country in codes:
        return zone_country, "time_zone"
    return FALLBACK, "fallback"


def check(report: Report) -> None:
    countries = parse(content_path(FILE))
    report.summary["help_resources"] = {
        "countries": len([c for c in countries if c != FALLBACK]),
        "services": sum(len(c.services) for c in countries.values()),
    }
