"""Programs as data: content/programs/*.toml, validated on load. Adding a program needs no code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rekindle.lib.content import (
    CONTENT_DIR,
    ContentError,
    Report,
    content_path,
    line_of,
    read_toml,
)

KINDS = {"emotional": "Emotional connection", "physical": "Closeness", "together": "Together"}
CADENCES = {"daily": "day", "weekly": "week"}


@dataclass(frozen=True)
class Activity:
    kind: str
    title: str
    how: str
    why: str
    touch_tags: tuple[str, ...] = ()
    alternative: Activity | None = None

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


@dataclass(frozen=True)
class Phase:
    name: str
    first: int
    last: int
    intro: str


@dataclass(frozen=True)
class Step:
    number: int
    phase: Phase
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class Program:
    slug: str
    title: str
    summary: str
    description: str
    cadence: str
    next: str
    closing_reflection: tuple[str, ...]
    phases: tuple[Phase, ...]
    steps: tuple[Step, ...]

    @property
    def unit(self) -> str:
        return CADENCES[self.cadence]

    @property
    def length(self) -> int:
        return len(self.steps)

    def step(self, number: int) -> Step:
        return self.steps[number - 1]


@cache
def touch_tags() -> dict[str, str]:
    """Touch tag keys and their labels, in file order."""
    data, text = read_toml(content_path("touch_tags.toml"))
    tags = {}
    for tag in data.get("tags", []):
        if not tag.get("key") or not tag.get("label"):
            raise ContentError([f"{content_path('touch_tags.toml')}:{line_of(text, str(tag))}: each tag needs a key and a label"])
        tags[tag["key"]] = tag["label"]
    return tags


def _program_files() -> dict[str, Path]:
    """Packaged programs, overridden or extended by the operator's `<data dir>/content/programs/`."""
    from django.conf import settings

    files: dict[str, Path] = {}
    for folder in (CONTENT_DIR / "programs", Path(settings.DATA_DIR) / "content" / "programs"):
        files.update({path.name: path for path in sorted(folder.glob("*.toml"))})
    return files


def parse(path: Path) -> Program:
    data, text = read_toml(path)
    problems: list[str] = []
    vocabulary = touch_tags()

    def problem(needle: str, message: str) -> None:
        problems.append(f"{path}:{line_of(text, needle)}: {message}")

    for key in ("slug", "title", "summary", "description", "cadence"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            problem(f"{key} =", f"add '{key}'")
    if data.get("slug") and data["slug"] != path.stem:
        problem("slug =", f"slug '{data['slug']}' must match the file name '{path.stem}'")
    if data.get("cadence") not in CADENCES:
        problem("cadence =", f"cadence must be one of {', '.join(CADENCES)}")

    def text_fields(raw: dict, where: str) -> dict:
        for key in ("title", "how", "why"):
            if not str(raw.get(key, "")).strip():
                problem(where, f"an activity needs '{key}'")
        return {key: raw.get(key, "") for key in ("title", "how", "why")}

    def activity(raw: dict) -> Activity:
        where = f'title = "{raw.get("title", "")}"'
        kind = raw.get("kind")
        if kind not in KINDS:
            problem(where, f"kind must be one of {', '.join(KINDS)}")
        tags = tuple(raw.get("touch_tags", []))
        unknown = set(tags) - set(vocabulary)
        if unknown:
            problem(where, f"unknown touch tag(s) {', '.join(sorted(unknown))}; use the keys in touch_tags.toml")
        alternative = None
        if kind == "physical":
            if not tags:
                problem(where, "a physical activity needs touch_tags")
            raw_alt = raw.get("alternative")
            if raw_alt is None:
                problem(where, "a physical activity needs an alternative")
            else:
                alt_where = f'title = "{raw_alt.get("title", "")}"'
                if raw_alt.get("touch_tags"):
                    problem(alt_where, "an alternative must not carry touch tags")
                alternative = Activity(kind=kind, **text_fields(raw_alt, alt_where))
        return Activity(kind=kind, touch_tags=tags, alternative=alternative, **text_fields(raw, where))

    phases = tuple(
        Phase(name=p.get("name", ""), first=int(p.get("first", 0)), last=int(p.get("last", 0)), intro=p.get("intro", ""))
        for p in data.get("phases", [])
    )
    steps = []
    for index, raw in enumerate(data.get("steps", []), start=1):
        number = raw.get("number")
        where = f"number = {number}"
        if number != index:
            problem(where, f"steps must be numbered 1, 2, 3 … without gaps: expected {index}, found {number}")
        phase = next((p for p in phases if p.first <= index <= p.last), None)
        if phase is None:
            problem(where, f"step {index} is in no phase")
            phase = Phase("", index, index, "")
        activities = tuple(activity(raw_activity) for raw_activity in raw.get("activities", []))
        if not activities:
            problem(where, f"step {index} has no activities")
        steps.append(Step(number=index, phase=phase, activities=activities))
    if not steps:
        problem("[[steps]]", "a program needs at least one step")
    if problems:
        raise ContentError(problems)
    return Program(
        slug=data["slug"], title=data["title"], summary=data["summary"], description=data["description"],
        cadence=data["cadence"], next=data.get("next", ""), closing_reflection=tuple(data.get("closing_reflection", [])),
        phases=phases, steps=tuple(steps),
    )


def _load_all() -> dict[str, Program]:
    programs, problems = {}, []
    for path in _program_files().values():
        try:
            program = parse(path)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        programs[program.slug] = program
    for program in programs.values():
        if program.next and program.next not in programs:
            problems.append(f"{_program_files()[program.slug + '.toml']}:1: next program '{program.next}' doesn't exist")
    if problems:
        raise ContentError(problems)
    return programs


@cache
def all_programs() -> dict[str, Program]:
    return _load_all()


def get_program(slug: str) -> Program | None:
    return all_programs().get(slug)


def check(report: Report) -> None:
    touch_tags.cache_clear()
    programs = _load_all()
    report.summary["programs"] = {
        slug: {
            "days": p.length * (7 if p.cadence == "weekly" else 1),
            "steps": p.length,
            "activities": sum(len(step.activities) for step in p.steps),
        }
        for slug, p in sorted(programs.items())
    }
