"""Viewer-scoped reads of check-ins and appreciations.

Everything here starts from `visible_to(person)`, so a sealed answer can't reach a page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, Q, When
from django.utils import timezone

from rekindle.checkins.models import (
    ITEMS,
    Appreciation,
    AppreciationReply,
    ROUND_LIFETIME,
    CheckIn,
    CheckInRound,
    Reflection,
)
from rekindle.lib.dates import compact_date, month_bounds
from rekindle.lib.prepared import Merged, Pages, prepared
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import Couple, couple_for

HISTORY_PAGE_SIZE = 10
FEED_PAGE_SIZE = 20
# Today keeps showing a reveal that came while you were away (your partner far behind you
# completed your round while you slept) for this long, above the new day's form.
RECENT_REVEAL = dt.timedelta(hours=24)


@dataclass
class CheckInDay:
    """One of the viewer's check-in dates as they may see it: their own answer and, once the
    round is complete, their partner's answer in the same round.

    `date` is always the viewer's own check-in date; the partner's answer in the round may
    carry another date of theirs (partners far apart).
    """

    date: dt.date
    mine: CheckIn | None = None
    theirs: CheckIn | None = None
    # With no answer of mine: the partner has a round I can still join (their words stay sealed).
    partner_answered: bool = False
    reflections: dict[tuple[int, str], Reflection] = field(default_factory=dict)
    # Words a person typed that could not be saved, keyed like `reflections`: (typed, message).
    unsaved: dict[tuple[int, str], tuple[str, str]] = field(default_factory=dict)
    # Whether my partner can still answer the round my answer is in.
    partner_can_join: bool = False
    # On Today, before today's check-in: the last round, if it was revealed recently.
    previous: CheckInDay | None = None

    @cached_property
    def ymd(self) -> str:
        """The date as it appears in the page's anchors: 20261204."""
        return compact_date(self.date)

    @property
    def revealed(self) -> bool:
        return self.mine is not None and self.theirs is not None

    @property
    def waiting(self) -> bool:
        """My answer is in and sealed, and my partner can still answer this round."""
        return self.mine is not None and self.theirs is None and self.partner_can_join

    @property
    def stayed_mine(self) -> bool:
        """My answer is in, and the round can no longer be joined: it stays just mine."""
        return self.mine is not None and self.theirs is None and not self.partner_can_join

    def item(self, checkin: CheckIn, item: str) -> ItemView:
        typed, error = self.unsaved.get((checkin.pk, item), ("", ""))
        return ItemView(
            item=item,
            text=checkin.item_text(item),
            checkin=checkin,
            is_mine=checkin is self.mine,
            reflection=self.reflections.get((checkin.pk, item)),
            can_reflect=self.revealed and checkin is self.theirs,
            day=self.date,
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
    day: dt.date | None = None  # the viewer's check-in date this item is shown under
    typed: str = ""
    error: str = ""

    @property
    def anchor(self) -> str:
        return f"{'mine' if self.is_mine else 'their'}-{self.item}-{compact_date(self.day or self.checkin.local_date)}"


def joinable_round(person: Person, couple: Couple | None, *, at: dt.datetime | None = None) -> CheckInRound | None:
    """The partner's round that `person` can still answer at `at` (default now), if any.

    Joinable: not completed, opened less than ROUND_LIFETIME ago, and its date is still the
    check-in date of one of the two. Of two such rounds (a partner ahead of you opened one
    for each of their dates), the older one: it is the one of your date and expires first.
    """
    if couple is None or couple.partner is None:
        return None
    at = timezone.now() if at is None else at
    partner = couple.partner
    return (
        CheckInRound.objects.filter(
            space=couple.space,
            completed_at__isnull=True,
            opened_at__gt=at - ROUND_LIFETIME,
            date__in={person.checkin_today(at), partner.checkin_today(at)},
            checkins__author=partner,
        )
        .order_by("opened_at", "pk")
        .first()
    )


def _with_reflections(person: Person, rows: list[CheckIn]) -> list[CheckIn]:
    """Each check-in with the reflections on it the viewer may read: one query for all of them."""
    return reflections_on.attach(person, rows, key="checkin_id", to_attr="visible_reflections")


def _attach(day: CheckInDay, checkin: CheckIn) -> None:
    for reflection in getattr(checkin, "visible_reflections", ()):
        day.reflections[(checkin.pk, reflection.item)] = reflection


def _place(person: Person, day: CheckInDay, checkin: CheckIn) -> None:
    """Put one visible check-in of the day's round in its place."""
    _attach(day, checkin)
    if checkin.author_id == person.pk:
        day.mine = checkin
    else:
        day.theirs = checkin
        day.partner_answered = True


def _settle(person: Person, couple: Couple | None, day: CheckInDay, at: dt.datetime, round: CheckInRound | None) -> None:
    """Once placed: can my partner still answer my round (`round`; None when it is closed)?"""
    if day.mine is not None and day.theirs is None and round is not None and couple is not None and couple.partner is not None:
        day.partner_can_join = round.joinable(joiner_tz=couple.partner.time_zone, opener_tz=person.time_zone, at=at)


# Every check-in the viewer may read in the rounds of their own check-ins of a date, of today
# (or recently revealed), or of a page of history.
@prepared
def _day_rows(viewer, couple, date):
    return CheckIn.objects.in_pairs_answered_by(viewer, local_date=date).select_related("round")


@prepared
def _today_rows(viewer, couple, date, revealed_since):
    return CheckIn.objects.in_pairs_answered_by(viewer, _today_or_recent(date, revealed_since)).select_related("round")


# Whether my partner can still answer a round is decided by its date and when it opened, and
# only an open round can be joined: the rows carry those of open rounds, NULL for closed ones.
_OPEN_ROUND = Q(round__completed_at__isnull=True)


@dataclass(slots=True)
class HistoryAnswer:
    """A check-in as History shows it: its words, not when it was written or changed. Plain
    values rather than a model instance: a page of History has twenty."""

    pk: int
    author_id: int
    round_id: int
    rose: str
    bud: str
    thorn: str
    open_round_date: dt.date | None
    open_round_opened_at: dt.datetime | None
    visible_reflections: list = field(default_factory=list)


@prepared
def _rounds_rows(viewer, couple, round_ids):
    return (
        CheckIn.objects.in_pairs_answered_by(viewer, round__in=round_ids)
        .annotate(
            open_round_date=Case(When(_OPEN_ROUND, then="round__date")),
            open_round_opened_at=Case(When(_OPEN_ROUND, then="round__opened_at")),
        )
        .order_by()  # placed by round, in the page's order
        .values_list("pk", "author_id", "round_id", *ITEMS, "open_round_date", "open_round_opened_at")
    )


@prepared
def reflections_on(viewer, couple, checkin_ids):
    """The reflections the viewer may read on these check-ins (no page shows their times)."""
    return Reflection.objects.visible_to(viewer).filter(checkin__in=checkin_ids).defer("created_at", "updated_at")


def checkin_day(
    person: Person,
    couple: Couple | None,
    date: dt.date,
    *,
    with_reflections: bool = True,
    at: dt.datetime | None = None,
) -> CheckInDay:
    """The viewer's check-in date `date`: their answer, and their partner's in the same round."""
    day = CheckInDay(date=date)
    if couple is None:
        return day
    at = timezone.now() if at is None else at
    rows = _day_rows.rows(person, date)
    for checkin in _with_reflections(person, rows) if with_reflections else rows:
        _place(person, day, checkin)
    _settle(person, couple, day, at, day.mine.round if day.mine else None)
    if day.mine is None and date == person.checkin_today(at):
        # Whether the partner answered is shown ("add yours to see theirs"); what they wrote is not.
        day.partner_answered = joinable_round(person, couple, at=at) is not None
    return day


def _today_or_recent(date: dt.date, revealed_since: dt.datetime) -> Q:
    """The viewer's check-ins of `date`, and earlier ones whose round was revealed since then."""
    return Q(local_date=date) | Q(local_date__lt=date, round__completed_at__gte=revealed_since)


def checkin_today(person: Person, couple: Couple | None, *, with_reflections: bool = False) -> CheckInDay:
    """Today's check-in card: the viewer's check-in date now, and before they have checked in,
    the last round if it was revealed within RECENT_REVEAL (a partner far behind completed it
    while they slept). One query for both, whatever the history."""
    at = timezone.now()
    date = person.checkin_today(at)
    day = CheckInDay(date=date)
    if couple is None:
        return day
    rounds: dict[int, list[CheckIn]] = {}
    rows = _today_rows.rows(person, date, at - RECENT_REVEAL)
    for checkin in _with_reflections(person, rows) if with_reflections else rows:
        rounds.setdefault(checkin.round_id, []).append(checkin)
    my_dates = {c.round_id: c.local_date for group in rounds.values() for c in group if c.author_id == person.pk}
    for round_id, my_date in my_dates.items():
        if my_date == date:
            for checkin in rounds[round_id]:
                _place(person, day, checkin)
    _settle(person, couple, day, at, day.mine.round if day.mine else None)
    if day.mine is None and couple.partner is not None:
        day.partner_answered = joinable_round(person, couple, at=at) is not None
        earlier = [(my_date, round_id) for round_id, my_date in my_dates.items() if my_date < date]
        if earlier:
            my_date, round_id = max(earlier)
            previous = CheckInDay(date=my_date)
            for checkin in rounds[round_id]:
                _place(person, previous, checkin)
            if previous.revealed:
                day.previous = previous
    return day


def checkin_day_of(person: Person, couple: Couple | None, checkin_id: int) -> CheckInDay | None:
    """The viewer's day that holds a check-in they can read (theirs or their partner's)."""
    checkin = CheckIn.objects.visible_to(person).filter(pk=checkin_id).only("round").first()
    if checkin is None:
        return None
    date = CheckIn.objects.filter(author=person, round=checkin.round_id).values_list("local_date", flat=True).first()
    return None if date is None else checkin_day(person, couple, date)


@prepared
def _my_checkins(viewer, couple, start, stop):
    return CheckIn.objects.filter(author=viewer).order_by("-local_date").values_list("round_id", "local_date")[start:stop]


def checkin_history(person: Person, page_number, *, couple: Couple | None = None) -> tuple[list[CheckInDay], object]:
    """A page of the viewer's own check-in dates, newest first, each with the partner's answer
    in the same round once revealed."""
    at = timezone.now()
    mine = Paginator(Pages(_my_checkins, person), HISTORY_PAGE_SIZE)
    page = mine.get_page(page_number)
    days = {round_id: CheckInDay(date=date) for round_id, date in page.object_list}  # my rounds, my dates
    open_rounds: dict[int, CheckInRound] = {}
    if days:
        answers = [HistoryAnswer(*row) for row in _rounds_rows.rows(person, list(days))]
        for checkin in _with_reflections(person, answers):
            _place(person, days[checkin.round_id], checkin)
            if checkin.open_round_opened_at is not None:
                open_rounds[checkin.round_id] = CheckInRound(
                    pk=checkin.round_id, date=checkin.open_round_date, opened_at=checkin.open_round_opened_at
                )
        for round_id, day in days.items():
            _settle(person, couple, day, at, open_rounds.get(round_id))
    return list(days.values()), page


# Plain SQL: Today asks this on every visit, and building the same union through the ORM
# costs ten times more Python than the database takes to answer it. Only the person's own rows.
_DAYS_PRACTISED_SQL = (
    "SELECT COUNT(*) FROM ("
    " SELECT local_date FROM {checkins} WHERE author_id = %s AND local_date BETWEEN %s AND %s"
    " UNION"
    " SELECT local_date FROM {appreciations} WHERE author_id = %s AND local_date BETWEEN %s AND %s"
    ") AS practised"
).format(checkins=CheckIn._meta.db_table, appreciations=Appreciation._meta.db_table)


def days_practised(person: Person, today: dt.date) -> int:
    """How many dates this month the person checked in or wrote an appreciation."""
    first, last = month_bounds(today)
    with connection.cursor() as cursor:
        cursor.execute(_DAYS_PRACTISED_SQL, [person.pk, first, last] * 2)
        return cursor.fetchone()[0]


def _with_authors(person: Person, appreciations: list[Appreciation]) -> list[Appreciation]:
    couple = couple_for(person)
    if couple is not None:
        couple.fill_people(appreciations, "author")
        couple.fill_people([reply for a in appreciations for reply in a.visible_replies], "author")
    return appreciations


def _newest_first(shown, viewer, couple, start, stop):
    """A page of the appreciations in `shown`, newest first. Each one the viewer may read is
    theirs or their partner's: an arm each, read along the index of author and time, so a page
    costs the same after years of them."""
    if couple is None or couple.partner is None:
        return shown[start:stop]
    arms = (shown.filter(author=viewer), shown.filter(author=couple.partner))
    return Merged(arms, ("-created_at", "-id"), start, stop)


@prepared
def _appreciations(viewer, couple, start, stop):
    # The API's feed shows all but the form's one-time key.
    return _newest_first(Appreciation.objects.visible_to(viewer).defer("submission"), viewer, couple, start, stop)


@prepared
def _appreciations_shown(viewer, couple, start, stop):
    # The page shows who wrote what, and when.
    shown = Appreciation.objects.visible_to(viewer).values_list("pk", "author_id", "text", "created_at")
    return _newest_first(shown, viewer, couple, start, stop)


@prepared
def _replies_to(viewer, couple, appreciation_ids):
    return AppreciationReply.objects.visible_to(viewer).filter(appreciation__in=appreciation_ids)


@prepared
def _replies_shown(viewer, couple, appreciation_ids):
    # The page shows a reply's words, not when it was written.
    replies = AppreciationReply.objects.visible_to(viewer).filter(appreciation__in=appreciation_ids)
    return replies.values_list("appreciation_id", "author_id", "text")


@dataclass(slots=True)
class ShownReply:
    appreciation_id: int
    author_id: int
    text: str


@dataclass(slots=True)
class ShownAppreciation:
    """An appreciation as the page shows it, with the replies to it the viewer may read: plain
    values rather than model instances, twenty to a page. Their authors are the couple's two."""

    pk: int
    author_id: int
    text: str
    created_at: dt.datetime
    visible_replies: list[ShownReply] = field(default_factory=list)


def _with_replies(person: Person, appreciations: list[Appreciation]) -> list[Appreciation]:
    """Each appreciation with the replies to it the viewer may read: one query for the page."""
    return _replies_to.attach(person, appreciations, key="appreciation_id", to_attr="visible_replies")


def appreciation_feed(person: Person, page_number=1, *, whole: bool = False):
    """A page of both partners' appreciations with their replies: as the page shows them, or
    `whole`, as model instances with every field the API gives."""
    if whole:
        page = Paginator(Pages(_appreciations, person), FEED_PAGE_SIZE).get_page(page_number)
        page.object_list = _with_authors(person, _with_replies(person, list(page.object_list)))
        return page
    page = Paginator(Pages(_appreciations_shown, person), FEED_PAGE_SIZE).get_page(page_number)
    shown = {row[0]: ShownAppreciation(*row) for row in page.object_list}
    for reply in _replies_shown.rows(person, list(shown)) if shown else ():
        shown[reply[0]].visible_replies.append(ShownReply(*reply))
    page.object_list = list(shown.values())
    return page


def appreciation_for(person: Person, appreciation_id: int) -> Appreciation | None:
    appreciation = Appreciation.objects.visible_to(person).filter(pk=appreciation_id).first()
    return _with_authors(person, _with_replies(person, [appreciation]))[0] if appreciation is not None else None


@prepared
def _latest_from_partner(viewer, couple):
    return Appreciation.objects.visible_to(viewer).filter(author=couple.partner)[:1]


def latest_appreciation_from_partner(person: Person, couple: Couple | None) -> Appreciation | None:
    if couple is None or couple.partner is None:
        return None
    latest = _latest_from_partner.first(person)
    if latest is not None:
        latest.author = couple.partner
    return latest
