"""What the API sends and accepts. Every response has a schema, so schemathesis can hold us to it."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field


def _by_me(obj, context) -> bool:
    return obj.author_id == context["request"].user.pk


def _author_name(obj) -> str:
    return obj.author.display_name


class Error(Schema):
    detail: str = Field(description="What went wrong, in plain words.")
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="Messages per field; `__all__` for those about the whole request."
    )


ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}


# --- check-ins -----------------------------------------------------------------------------------


class CheckIn(Schema):
    id: int
    date: dt.date = Field(description="The writer's own check-in date (their day runs until 04:00).")
    rose: str
    bud: str
    thorn: str
    revision: int = Field(description="Send it back when you edit, so newer words are never overwritten.")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_date(obj) -> dt.date:
        return obj.local_date


class CheckInToday(Schema):
    date: dt.date = Field(description="Your check-in date now.")
    mine: CheckIn | None
    partner: CheckIn | None = Field(description="Your partner's answer: only once you have both answered.")
    revealed: bool
    partner_answered: bool = Field(description="Whether your partner answered (never what, until you have).")
    waiting_for_partner: bool


class CheckInIn(Schema):
    rose: str = Field("", description="One good thing from today.")
    bud: str = Field("", description="One thing you're looking forward to.")
    thorn: str = Field("", description="One small thing that was hard.")
    revision: int | None = Field(None, description="The revision you are editing; leave out for a new check-in.")


# --- appreciations -------------------------------------------------------------------------------


class Reply(Schema):
    text: str
    by_me: bool
    author_name: str
    created_at: dt.datetime

    resolve_by_me = staticmethod(_by_me)
    resolve_author_name = staticmethod(_author_name)


class Appreciation(Schema):
    id: int
    text: str
    date: dt.date
    created_at: dt.datetime
    by_me: bool
    author_name: str
    replies: list[Reply]

    resolve_by_me = staticmethod(_by_me)
    resolve_author_name = staticmethod(_author_name)

    @staticmethod
    def resolve_date(obj) -> dt.date:
        return obj.local_date

    @staticmethod
    def resolve_replies(obj) -> list:
        return obj.visible_replies


class AppreciationPage(Schema):
    items: list[Appreciation]
    page: int
    pages: int
    count: int


class AppreciationIn(Schema):
    text: str = Field("", description="What they did, and what it says about them.")
    submission: uuid.UUID | None = Field(
        None, description="Any UUID of your choosing: sending the same one twice saves it once."
    )


# --- tonight's question --------------------------------------------------------------------------


class Answer(Schema):
    text: str
    created_at: dt.datetime
    updated_at: dt.datetime


class Draw(Schema):
    id: int
    question: str = Field(description="Empty when the question has since left its deck.")
    deck: str
    open: bool = Field(description="Someone still has to answer it.")
    i_answered: bool
    partner_answered: bool
    revealed: bool
    mine: Answer | None
    partner: Answer | None = Field(description="Your partner's answer: only once you have both answered.")


class Tonight(Schema):
    draw: Draw | None = Field(description="The newest question drawn in your space, if any.")


class AnswerIn(Schema):
    answer: str = Field("", description="A sentence or two is plenty.")


# --- commitments and plans -----------------------------------------------------------------------


class Commitment(Schema):
    id: int
    text: str
    due_on: dt.date
    outcome: str = Field(description="open, kept, not_kept or renegotiated.")
    outcome_at: dt.datetime | None
    alternative: str
    by_me: bool
    author_name: str

    resolve_by_me = staticmethod(_by_me)
    resolve_author_name = staticmethod(_author_name)


class Commitments(Schema):
    open: list[Commitment]
    recent: list[Commitment] = Field(description="The latest settled ones (up to 20).")


class Upcoming(Schema):
    plan_id: int
    title: str
    place: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    when: str = Field(description="When, in your own clock and words.")
    partner_when: str = Field(description="When for your partner, if their clock shows another time.")
    repeat: str


class Proposal(Schema):
    plan_id: int
    title: str
    place: str
    when: str


class Plans(Schema):
    upcoming: list[Upcoming] = Field(description="Times you both said yes to, in the next eight weeks (up to 12).")
    to_answer: list[Proposal] = Field(description="Plans your partner proposed that wait for your answer.")


# --- export --------------------------------------------------------------------------------------


class Export(BaseModel):
    """Everything you wrote, one list per kind of content (the same as the download on your profile)."""

    model_config = ConfigDict(extra="allow")

    exported_at: str
    person: dict[str, Any]
