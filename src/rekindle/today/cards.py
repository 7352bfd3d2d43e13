"""Today, composed from cards that each practice contributes.

A card is a template and a context function. The function gets a `TodayPage` (the viewer,
their couple, the request, and a few things several cards share, each loaded once on first
use) and returns the card's context, or None when the card has nothing to show; a card with
nothing to show should return None before it queries anything. Cards render in the order of
`CARDS`: what to do now first, then the day's practices, then the quieter things.

Adding a practice: write `<app>/templates/<app>/_today_<thing>.html` and a context function,
and add one `Card` below.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable

from rekindle.care.selectors import preferences_for
from rekindle.care.signposting import REASONS as HELP_REASONS
from rekindle.checkins import selectors as checkins
from rekindle.checkins.forms import AppreciationForm, CheckInForm
from rekindle.dates.selectors import today_plans
from rekindle.goals.selectors import due_step
from rekindle.lib.dates import zone
from rekindle.listening.selectors import active_pause
from rekindle.memories.cards import on_this_day_context
from rekindle.news.cards import today_news_context
from rekindle.programs.selectors import program_today
from rekindle.prompts.selectors import tonight
from rekindle.spaces.selectors import departure_for, open_invite_for


@dataclass
class TodayPage:
    request: Any
    person: Any
    couple: Any
    # A check-in form sent back with something to fix (a plain POST that did not save).
    checkin_form: CheckInForm | None = None

    @cached_property
    def day(self) -> checkins.CheckInDay:
        day = checkins.checkin_today(self.person, self.couple)
        if day.revealed:
            # Reflections are only needed once the answers are open, for the reveal: one query.
            for reflection in checkins.reflections_on.rows(self.person, [day.mine.pk, day.theirs.pk]):
                day.reflections[(reflection.checkin_id, reflection.item)] = reflection
        return day

    @cached_property
    def care(self):
        return preferences_for(self.person)

    @cached_property
    def pause(self):
        return active_pause(self.couple) if self.couple.partner else None


# --- the cards -----------------------------------------------------------------------------


def pause_now(page: TodayPage) -> dict | None:
    """An active pause leads the page: it is what to do now."""
    return {"pause": page.pause} if page.pause else None


def help_suggestion(page: TodayPage) -> dict | None:
    if not page.care.help_suggestion_showing:
        return None
    return {"help_reason": HELP_REASONS.get(page.care.help_reason, ""), "next": page.request.path}


def checkin(page: TodayPage) -> dict:
    """Check in — or, once both have, the reveal and the invitation to reflect."""
    from rekindle.checkins.views import _checkin_form  # one rule for which form Today shows

    day = page.day
    context = {"day": day, "form": page.checkin_form or _checkin_form(day)}
    if page.checkin_form is not None:
        context["typed"] = page.checkin_form.data
    return context


def waiting_for_partner(page: TodayPage) -> dict | None:
    if not page.couple.is_solo:
        return None
    return {"invite": open_invite_for(page.couple), "departure": departure_for(page.couple)}


def program_step(page: TodayPage) -> dict:
    return {"program_today": program_today(page.person, page.couple)}


def goal_step(page: TodayPage) -> dict | None:
    """A goal step that is due. No query unless `couple.space.next_goal_step_on` says one is."""
    step = due_step(page.person, page.couple)
    return {"goal_step": step, "today_date": page.person.today()} if step else None


def tonights_question(page: TodayPage) -> dict:
    return {"tonight": tonight(page.person, page.couple)}


def plans(page: TodayPage) -> dict | None:
    """A proposal to answer, the next time together, "how was it?" the day after. Decided first from
    `couple.space.plans_until` (no query when there is nothing), else one query."""
    shown = today_plans(page.person, page.couple)
    return {"plans": shown} if shown else None


def latest_appreciation(page: TodayPage) -> dict:
    return {
        "appreciation_form": AppreciationForm(),
        "latest_appreciation": checkins.latest_appreciation_from_partner(page.person, page.couple),
    }


def on_this_day(page: TodayPage) -> dict | None:
    """A memory from this date in an earlier year; no query unless `couple.space.memory_days` has today."""
    return on_this_day_context(page)


def measures_due(page: TodayPage) -> dict | None:
    """Once a week, 'how connected did you feel?'; once a month, a gentle invitation to the
    check-up. Decided from dates on the person and today's check-in: no query of its own."""
    from rekindle.measures.forms import WeeklyForm
    from rekindle.measures.instruments import wording
    from rekindle.measures.services import month_of, week_of

    today = page.person.today()
    if page.person.date_joined.astimezone(zone(page.person.time_zone)).date() == today and page.day.mine is None:
        return None  # a first day is for each other: the scores wait until the first check-in is in
    month_due = page.person.measure_month_done != month_of(today)
    week_due = page.person.measure_week_done != week_of(today)
    if not (month_due or week_due):
        return None
    return {"month_due": month_due, "week_due": week_due, "form": WeeklyForm(), "wording": wording(),
            "next": page.request.path}


def news(page: TodayPage) -> dict | None:
    """"Since you were last here": what the partner did, never their words. Solo: no card, no query."""
    if page.couple.partner is None:
        return None
    return today_news_context(page.person, page.couple)


def days_practised(page: TodayPage) -> dict:
    return {"days_practised": checkins.days_practised(page.person, page.person.today()), "month": page.day.date}


def pause_offer(page: TodayPage) -> dict | None:
    """'Need a pause?' sits quietly near the end when no pause is running."""
    if page.couple.partner is None or page.pause:
        return None
    return {"pause": None}


def safety_offer(page: TodayPage) -> dict | None:
    """Offered once, quietly, below the day's practices; always on the Support page."""
    return None if page.care.safety_offer_closed else {}


@dataclass(frozen=True)
class Card:
    name: str
    template: str
    context: Callable[[TodayPage], dict | None]


CARDS: list[Card] = [
    Card("pause", "listening/_today_pause.html", pause_now),
    Card("checkin", "checkins/_checkin_card.html", checkin),
    Card("help_suggestion", "today/_help_suggestion.html", help_suggestion),
    Card("waiting", "today/_waiting.html", waiting_for_partner),
    Card("program", "programs/_today_program.html", program_step),
    Card("goal_step", "goals/_today_goal_step.html", goal_step),
    Card("tonight", "prompts/_tonight.html", tonights_question),
    Card("plans", "dates/_today_plans.html", plans),
    Card("appreciation", "today/_appreciation.html", latest_appreciation),
    Card("news", "news/_today_news.html", news),
    Card("on_this_day", "memories/_today_on_this_day.html", on_this_day),
    Card("measures", "measures/_today_measures.html", measures_due),
    Card("practised", "today/_days_practised.html", days_practised),
    Card("pause_offer", "listening/_today_pause.html", pause_offer),
    Card("safety_offer", "today/_safety_offer.html", safety_offer),
]


@dataclass(frozen=True)
class RenderedCard:
    name: str
    template: str
    context: dict


def cards_for(page: TodayPage, cards: list[Card] | None = None) -> list[RenderedCard]:
    shown = []
    for card in CARDS if cards is None else cards:
        context = card.context(page)
        if context is not None:
            shown.append(RenderedCard(card.name, card.template, context))
    return shown
