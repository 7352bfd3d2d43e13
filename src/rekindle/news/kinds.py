"""What each kind of news says and where it links — decided when it is read, never stored.

The words come from `content/news.toml`; the links are reversed here. A kind only ever
uses fixed words, a person's display name, content titles (a program) and ids: nothing a
person wrote, so news can be shown, or e-mailed, without opening anything sealed or private.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass
from functools import lru_cache

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from rekindle.lib.content import ContentError, content_path, line_of, read_toml

CHECKIN = "checkin"
REFLECTION = "reflection"
REFLECTION_ANSWERED = "reflection_answered"
APPRECIATION = "appreciation"
APPRECIATION_REPLY = "appreciation_reply"
PROGRAM_STEP = "program_step"
PROMPT_ANSWER = "prompt_answer"
BUCKET_ADD = "bucket_add"
BUCKET_DONE = "bucket_done"
COMMITMENT_MADE = "commitment_made"
COMMITMENT_OUTCOME = "commitment_outcome"
MEETING_STARTED = "meeting_started"
EXPERIMENT_REVIEWED = "experiment_reviewed"
MEMORY_ADD = "memory_add"
MEMORY_LINE = "memory_line"
WIN_ADD = "win_add"
PLAN_PROPOSED = "plan_proposed"
PLAN_ACCEPTED = "plan_accepted"
PLAN_CHANGED = "plan_changed"
PLAN_DECLINED = "plan_declined"
PLAN_CANCELLED = "plan_cancelled"
AFTER_LINE = "after_line"
MEASURE_SHARED = "measure_shared"
VALUES_PICKED = "values_picked"
SHARED_VALUE = "shared_value"
GOAL_ADDED = "goal_added"
GOAL_STEP_DONE = "goal_step_done"
GOAL_DONE = "goal_done"
GOAL_CHEER = "goal_cheer"
CARE_CARD = "care_card"

RECENT = dt.timedelta(hours=24)
PLACEHOLDERS = {"actor", "item", "unit", "number", "program", "date"}
CONTENT_FILE = "news.toml"


def _day_anchor(prefix: str, item) -> str:
    return reverse("checkin_day", kwargs={"day": item.on_date}) + f"#{prefix}-{item.key}-{item.on_date:%Y%m%d}"


def _program_step(item) -> str:
    return reverse("program_step", kwargs={"enrolment_id": item.object_id, "number": item.number})


LINKS = {
    CHECKIN: lambda item: reverse("today") + "#checkin-card",
    REFLECTION: lambda item: _day_anchor("mine", item),
    REFLECTION_ANSWERED: lambda item: _day_anchor("their", item),
    APPRECIATION: lambda item: reverse("appreciations") + f"#appreciation-{item.object_id}",
    APPRECIATION_REPLY: lambda item: reverse("appreciations") + f"#appreciation-{item.object_id}",
    PROGRAM_STEP: _program_step,
    PROMPT_ANSWER: lambda item: reverse("talk_question", kwargs={"draw_id": item.object_id}),
    BUCKET_ADD: lambda item: reverse("together_bucket") + f"#bucket-item-{item.object_id}",
    BUCKET_DONE: lambda item: reverse("together_bucket") + f"#bucket-item-{item.object_id}",
    COMMITMENT_MADE: lambda item: reverse("commitments") + f"#commitment-{item.object_id}",
    COMMITMENT_OUTCOME: lambda item: reverse("commitments") + f"#commitment-{item.object_id}",
    MEETING_STARTED: lambda item: reverse("meetings"),
    EXPERIMENT_REVIEWED: lambda item: reverse("experiments") + f"#experiment-{item.object_id}",
    MEMORY_ADD: lambda item: reverse("memory_detail", kwargs={"memory_id": item.object_id}),
    MEMORY_LINE: lambda item: reverse("memory_detail", kwargs={"memory_id": item.object_id}) + "#lines",
    WIN_ADD: lambda item: reverse("memories") + f"#memory-{item.object_id}",
    PLAN_PROPOSED: lambda item: reverse("together_plan", kwargs={"plan_id": item.object_id}),
    PLAN_ACCEPTED: lambda item: reverse("together_plan", kwargs={"plan_id": item.object_id}),
    PLAN_CHANGED: lambda item: reverse("together_plan", kwargs={"plan_id": item.object_id}),
    PLAN_DECLINED: lambda item: reverse("together_plan", kwargs={"plan_id": item.object_id}),
    PLAN_CANCELLED: lambda item: reverse("together_plans"),
    AFTER_LINE: lambda item: reverse("together_plan", kwargs={"plan_id": item.object_id}) + "#after",
    MEASURE_SHARED: lambda item: reverse("progress") + "#partner-title",
    VALUES_PICKED: lambda item: reverse("values") + "#side-by-side",
    SHARED_VALUE: lambda item: reverse("values") + "#shared-values",
    GOAL_ADDED: lambda item: reverse("goals_detail", kwargs={"goal_id": item.object_id}),
    GOAL_STEP_DONE: lambda item: reverse("goals_detail", kwargs={"goal_id": item.object_id}),
    GOAL_DONE: lambda item: reverse("goals_detail", kwargs={"goal_id": item.object_id}),
    GOAL_CHEER: lambda item: reverse("goals_detail", kwargs={"goal_id": item.object_id}),
    CARE_CARD: lambda item: reverse("cared_for") + "#partner-card",
}
KINDS = tuple(LINKS)


@dataclass(frozen=True)
class Sentences:
    sentence: str
    recent: str = ""
    by_detail: tuple[tuple[str, str], ...] = ()


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _parse(data: dict, text: str, path) -> dict[str, Sentences]:
    problems, result = [], {}
    kinds = data.get("kinds", {})
    for kind in KINDS:
        raw = kinds.get(kind)
        if not isinstance(raw, dict) or not isinstance(raw.get("sentence"), str) or not raw["sentence"].strip():
            problems.append(f"{path}:1: kind {kind!r} needs a `sentence`")
            continue
        by_detail = raw.get("by_detail", {})
        candidates = [raw["sentence"], raw.get("recent", ""), *by_detail.values()]
        for candidate in candidates:
            if not isinstance(candidate, str):
                problems.append(f"{path}:{line_of(text, f'[kinds.{kind}')}: every sentence of {kind!r} must be text")
                continue
            unknown = _fields(candidate) - PLACEHOLDERS
            if unknown:
                line = line_of(text, candidate[:30], line_of(text, f"[kinds.{kind}"))
                problems.append(f"{path}:{line}: unknown placeholder {{{', '.join(sorted(unknown))}}} in {kind!r}")
        result[kind] = Sentences(
            sentence=raw["sentence"],
            recent=raw.get("recent", ""),
            by_detail=tuple(sorted((str(k), v) for k, v in by_detail.items())),
        )
    for kind in kinds:
        if kind not in KINDS:
            problems.append(f"{path}:{line_of(text, f'[kinds.{kind}')}: {kind!r} is not a kind of news")
    if problems:
        raise ContentError(problems)
    return result


@lru_cache(maxsize=1)
def sentences() -> dict[str, Sentences]:
    path = content_path(CONTENT_FILE)
    data, text = read_toml(path)
    return _parse(data, text, path)


def check(report) -> None:
    report.summary["news sentences"] = len(sentences.__wrapped__())


def _program_words(slug: str) -> tuple[str, str]:
    from rekindle.programs.content import get_program

    program = get_program(slug)
    if program is None:
        return "step", "program you're on"
    title = program.title
    if len(title) > 1 and not title[1].isupper():
        title = title[0].lower() + title[1:]
    return program.unit, title


def sentence_for(item, *, actor_name: str, now=None) -> str:
    words = sentences()[item.kind]
    template = words.sentence
    if words.recent and (now or timezone.now()) - item.created_at < RECENT:
        template = words.recent
    template = dict(words.by_detail).get(item.detail, template)
    values = {"actor": actor_name, "item": item.key, "number": item.number, "date": f"{item.day:%-d %B}"}
    if item.kind == PROGRAM_STEP:
        values["unit"], values["program"] = _program_words(item.key)
    else:
        values["unit"], values["program"] = "step", "program"
    return template.format(**values)


def link_for(item) -> str:
    try:
        return LINKS[item.kind](item)
    except (NoReverseMatch, TypeError, ValueError, KeyError):
        return reverse("today")


_SAFE_KEY = re.compile(r"^[a-z0-9_-]{0,64}$")


def safe_key(key: str) -> str:
    """Keys are small fixed words (an item, an outcome, a program slug) — never free text."""
    if not _SAFE_KEY.match(key or ""):
        raise ValueError(f"news keys are short fixed words, not {key!r}")
    return key or ""
