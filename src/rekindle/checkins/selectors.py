"""Viewer-scoped reads of check-ins and appreciations.

Everything here starts from `visible_to(person)`, so a sealed answer can't reach a page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Prefetch

from rekindle.checkins.models import (
    ITEMS,
    Appreciation,
    AppreciationReply,
    CheckIn,
    Reflection,
)
from rekindle.lib.dates import month_bounds
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import Couple

HISTORY_PAGE_SIZE = 10
FEED_PAGE_SIZE = 20


@dataclass
class CheckInDay:
    """One date as the viewer may see it: their own answer and, once revealed, their partner's."""

    date: dt.date
    mine: CheckIn | None = None
    theirs: CheckIn | None = None
    partner_answered: bool = False
    reflections: dict[tuple[int, str], Reflection] = field(default_factory=dict)
    # Words a person typed that could not be saved, keyed like `reflections`: (typed, message).
    unsaved: dict[tuple[int, str], tuple[str, str]] = field(default_factory=dict)

    @property
    def revealed(self) -> bool:
        return self.mine is not None and self.theirs is not None

    def item(self, checkin: CheckIn, item: str) -> ItemView:
        typed, error = self.unsaved.get((checkin.pk, item), ("", ""))
        return ItemView(
            item=item,
            text=checkin.item_text(item),
            checkin=checkin,
            is_mine=checkin is self.mine,
            reflection=self.reflections.get((checkin.pk, item)),
            can_reflect=self.revealed and checkin is self.theirs,
            typed=typed,
            error=error,
        )

    @property
    def mine_items(self) -> list[ItemView]:
        return [self.item(self.mine, item) for item in ITEMS] if self.mine else []

    @property
    def theirs_items(self) -> list[ItemView]:
        return [self.item(self.theirs, item) for item in ITEMS] if self.theirs else []


@dataclass
class ItemView:
    """One rose, bud or thorn on a page, with its reflection and any unsaved words."""

    item: str
    text: str
    checkin: CheckIn
    is_mine: bool
    reflection: Reflection | None
    can_reflect: bool
    typed: str = ""
    error: str = ""

    @property
    def anchor(self) -> str:
        return f"{'mine' if self.is_mine else 'their'}-{self.item}-{self.checkin.local_date:%Y%m%d}"


def _with_reflections(person: Person, queryset):
    return queryset.prefetch_related(
        Prefetch("reflections", queryset=Reflection.objects.visible_to(person), to_attr="visible_reflections")
    )


def _attach(day: CheckInDay, checkin: CheckIn) -> None:
    for reflection in getattr(checkin, "visible_reflections", ()):
        day.reflections[(checkin.pk, reflection.item)] = reflection


def checkin_day(person: Person, couple: Couple | None, date: dt.date, *, with_reflections: bool = True) -> CheckInDay:
    day = CheckInDay(date=date)
    if couple is None:
        return day
    rows = CheckIn.objects.visible_to(person).filter(local_date=date)
    if with_reflections:
        rows = _with_reflections(person, rows)
    for checkin in rows:
        _attach(day, checkin)
        if checkin.author_id == person.pk:
            day.mine = checkin
        else:
            day.theirs = checkin
    if day.theirs is not None:
        day.partner_answered = True
    elif day.mine is None and couple.partner is not None:
        # Whether the partner answered is shown ("add yours to see it"); what they wrote is not.
        # (Once the viewer has answered, a partner's answer would already be visible above.)
        day.partner_answered = CheckIn.objects.filter(
            author=couple.partner, space=couple.space, local_date=date
        ).exists()
    return day


def checkin_history(person: Person, page_number) -> tuple[list[CheckInDay], object]:
    """A page of the viewer's own check-in dates, newest first, each with the partner's if revealed."""
    mine = Paginator(CheckIn.objects.filter(author=person).order_by("-local_date"), HISTORY_PAGE_SIZE)
    page = mine.get_page(page_number)
    dates = [checkin.local_date for checkin in page.object_list]
    days = {date: CheckInDay(date=date) for date in dates}
    if dates:
        rows = _with_reflections(person, CheckIn.objects.visible_to(person).filter(local_date__in=dates))
        for checkin in rows:
            day = days[checkin.local_date]
            _attach(day, checkin)
            if checkin.author_id == person.pk:
                day.mine = checkin
            else:
                day.theirs = checkin
                day.partner_answered = True
    return [days[date] for date in dates], page


def days_practised(person: Person, today: dt.date) -> int:
    """How many dates this month the person checked in or wrote an appreciation."""
    first, last = month_bounds(today)
    in_month = {"author": person, "local_date__range": (first, last)}
    checkin_dates = CheckIn.objects.filter(**in_month).order_by().values_list("local_date", flat=True)
    appreciation_dates = Appreciation.objects.filter(**in_month).order_by().values_list("local_date", flat=True)
    return checkin_dates.union(appreciation_dates).count()


def _appreciations_with_replies(person: Person):
    return (
        Appreciation.objects.visible_to(person)
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=AppreciationReply.objects.visible_to(person).select_related("author"),
                to_attr="visible_replies",
            )
        )
    )


def appreciation_feed(person: Person, page_number=1):
    return Paginator(_appreciations_with_replies(person), FEED_PAGE_SIZE).get_page(page_number)


def appreciation_for(person: Person, appreciation_id: int) -> Appreciation | None:
    return _appreciations_with_replies(person).filter(pk=appreciation_id).first()


def latest_appreciation_from_partner(person: Person, couple: Couple | None) -> Appreciation | None:
    if couple is None or couple.partner is None:
        return None
    return Appreciation.objects.visible_to(person).filter(author=couple.partner).select_related("author").first()
