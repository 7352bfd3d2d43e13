"""Check-in and appreciation markup built in Python, for what pages show many of.

History shows up to sixty roses, buds and thorns, Today's reveal six, the appreciations feed
twenty: built here rather than by including a template per item, they cost a fraction as much
to render. The template tags in `templatetags/checkin_items.py` call these.

Every word a person wrote goes through `html.escape` (what Django's `escape` does, without its
lazy-text wrapper, which was most of the cost); the rest is fixed markup. Day and month names
are English, as the rest of the app writes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from typing import Callable

from django.urls import get_script_prefix, reverse
from django.utils.timezone import get_current_timezone

from rekindle.checkins.models import ITEMS
from rekindle.checkins.selectors import CheckInDay, ItemView
from rekindle.lib.dates import MONTHS, WEEKDAYS
from rekindle.lib.urls import id_url, id_url_for


@lru_cache(maxsize=1024)
def _day_url(prefix: str, day: dt.date) -> str:  # `prefix` keys the cache: reverse() prepends it
    return reverse("checkin_day", kwargs={"day": day})


def _day_month(moment: dt.date) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]}"


def _day_month_year(moment: dt.date) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def csrf_input(token) -> str:
    """The hidden field `{% csrf_token %}` renders, for the token in a template's context."""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(token))}">' if token else ""


def _partner_name(couple) -> str:
    return escape(couple.partner.display_name) if couple.partner else ""


def _reflection(reflection, is_mine: bool, partner: str, answer_form: str = "") -> str:
    """The reflection under an item, `partner` already escaped; under my own item, with what I
    said back to it and, where it can be answered, `answer_form`."""
    text = escape(reflection.text)
    if is_mine:
        said = ""
        if reflection.response == "yes":
            said = """<p class="pill pill-ok">You said: that's it</p>"""
        elif reflection.response:
            said = '<p class="pill">You said: not quite</p>'
        return f'<div class="reflection"><p><strong>{partner} heard:</strong> {text}</p>{said}{answer_form}</div>'
    return f'<div class="reflection"><p><strong>You heard:</strong> {text}</p><p class="quiet">{_their_answer(reflection, partner)}</p></div>'


def _their_answer(reflection, partner: str) -> str:
    if reflection.response == "yes":
        return f"{partner} says: that's it."
    if reflection.response == "not_quite":
        return f"{partner} says: not quite. Want to try again?"
    return "Waiting to hear if that's it."


def compact_items(day: CheckInDay, checkin, partner: str, *, reflect_url: str = "") -> str:
    """One check-in's items, read-only (`partner` already escaped); with `reflect_url` (the day
    page), a link there to reflect one of my partner's. Built straight from the rows: History
    shows sixty of these."""
    is_mine = checkin is day.mine
    anchor_start, anchor_end = ("mine-" if is_mine else "their-"), "-" + day.ymd
    if is_mine or not day.revealed:
        reflect_url = ""
    pk, rows = checkin.pk, []
    for item in ITEMS:
        anchor = anchor_start + item + anchor_end
        reflection = day.reflections.get((pk, item))
        after = _reflection(reflection, is_mine, partner) if reflection else ""
        if reflect_url and not reflection:
            after = f'<a href="{reflect_url}#{anchor}">Reflect this {item}</a>'
        rows.append(
            f'<li id="{anchor}"><span class="item-label">{item}</span>'
            f'<p class="item-text">{escape(getattr(checkin, item))}</p>{after}</li>'
        )
    return "".join(rows)


def _answer_form(it: ItemView, csrf: str) -> str:
    """'That's it' or 'not quite', for the writer of the item a reflection is about."""
    response = it.reflection.response
    post_url = id_url("reflection_respond", reflection_id=it.reflection.pk)
    yes = ' aria-pressed="true"' if response == "yes" else ""
    not_quite = ' aria-pressed="true"' if response == "not_quite" else ""
    return (
        f'<form class="row" method="post" action="{post_url}" hx-post="{post_url}" hx-target="#{it.anchor}"'
        f' hx-swap="outerHTML">{csrf}<span class="visually-hidden">Did that catch what you meant?</span>'
        f'<button type="submit" name="response" value="yes" class="small"{yes}>That\'s it</button>'
        f'<button type="submit" name="response" value="not_quite" class="small"{not_quite}>Not quite</button></form>'
    )


def _reflect_form(it: ItemView, csrf: str) -> str:
    """The line to say back what you heard in your partner's item (or try again)."""
    post_url = reverse("reflect", kwargs={"checkin_id": it.checkin.pk, "item": it.item})
    field = f"reflect-{it.checkin.pk}-{it.item}"
    label = "Try another way to say it" if it.reflection else f"Reflect their {it.item}"
    error, invalid = "", ""
    if it.error:
        error = f'<p class="errorlist" id="{field}-error" role="alert">{escape(it.error)}</p>'
        invalid = f' aria-invalid="true" aria-describedby="{field}-error" data-focus-after-swap'
    return (
        f'<form class="inline-form" method="post" action="{post_url}" hx-post="{post_url}" hx-target="#{it.anchor}"'
        f' hx-swap="outerHTML" novalidate>{csrf}<div><label for="{field}">{label}</label>{error}'
        f'<input type="text" name="text" id="{field}" maxlength="500" placeholder="It sounds like you felt…"'
        f' autocomplete="off" value="{escape(it.typed)}"{invalid}></div>'
        '<button type="submit" class="small">Send</button></form>'
    )


def item(it: ItemView, couple, csrf: str) -> str:
    """One item where it can be reflected and answered (a day page, Today's reveal, an htmx swap)."""
    partner, reflection = _partner_name(couple), it.reflection
    parts = [f'<li id="{it.anchor}"><span class="item-label">{it.item}</span><p class="item-text">{escape(it.text)}</p>']
    if reflection:
        parts.append(_reflection(reflection, it.is_mine, partner, _answer_form(it, csrf) if it.is_mine else ""))
    if it.can_reflect and (reflection is None or reflection.response != "yes"):
        parts.append(_reflect_form(it, csrf))
    parts.append("</li>")
    return "".join(parts)


def items(rows: list[ItemView], couple, csrf: str) -> str:
    return "".join(item(it, couple, csrf) for it in rows)


def both(day: CheckInDay, couple, csrf: str, *, compact=False, reflect_url="", heading_level=3) -> str:
    """A day's two answers side by side, or mine with a word on why theirs isn't here."""
    ymd, short, h = day.ymd, _day_month(day.date), heading_level
    partner = _partner_name(couple)

    def side(who: str, name: str, checkin) -> str:
        if compact:
            listed = compact_items(day, checkin, partner, reflect_url=reflect_url)
        else:
            listed = items(day.mine_items if checkin is day.mine else day.theirs_items, couple, csrf)
        return (
            f'<section aria-labelledby="{who}-{ymd}"><h{h} id="{who}-{ymd}">{name}'
            f'<span class="visually-hidden">, {short}</span></h{h}><ul class="checkin-items">{listed}</ul></section>'
        )

    parts = ['<div class="grid-2">']
    if day.mine:
        parts.append(side("mine", "You", day.mine))
    if day.theirs:
        parts.append(side("theirs", partner, day.theirs))
    elif day.mine and couple.partner:
        if day.waiting:
            why = f"Sealed until {partner} checks in."
        else:
            why = f"{partner} didn't check in in time for this one, so it stayed just yours."
        parts.append(f'<section class="sealed"><p class="quiet">{why}</p></section>')
    parts.append("</div>")
    return "".join(parts)


def history_days(days: list[CheckInDay], couple) -> str:
    """History's list items: each day's heading and its answers, read-only."""
    rows, prefix = [], get_script_prefix()
    for day in days:
        date, url = day.date, _day_url(prefix, day.date)
        both_pill = '<span class="pill pill-ok">both</span>' if day.revealed else ""
        rows.append(
            f'<li><h2><a href="{url}">{WEEKDAYS[date.weekday()]} {_day_month_year(date)}</a>{both_pill}</h2>'
            f"{both(day, couple, '', compact=True, reflect_url=url)}</li>"
        )
    return "".join(rows)


@dataclass
class _Reading:
    """What every appreciation on a page is shown with, looked up once for the page: the reader,
    the form token, their time zone, the reply address, and the writers' names, escaped."""

    me_id: int
    csrf: str
    zone: dt.tzinfo
    reply_url: Callable[[int], str]
    names: dict[int, str] = field(default_factory=dict)

    @classmethod
    def now(cls, me_id: int, csrf: str, couple) -> _Reading:
        reading = cls(me_id, csrf, get_current_timezone(), id_url_for("appreciation_reply", "appreciation_id"))
        for person in (couple.me, couple.partner) if couple is not None else ():
            if person is not None:
                reading.names[person.pk] = escape(person.display_name)
        return reading

    def name(self, row) -> str:
        """The name of `row`'s author, escaped: one of the couple's two, or (a model row) its `author`."""
        name = self.names.get(row.author_id)
        if name is None:
            name = self.names[row.author_id] = escape(row.author.display_name)
        return name


def appreciations(rows, *, me_id: int, csrf: str, couple) -> str:
    """The feed's appreciations."""
    reading = _Reading.now(me_id, csrf, couple)
    return "".join(_appreciation(a, reading) for a in rows)


def appreciation(a, *, me_id: int, csrf: str, couple, reply_error: str | None = None, reply_typed: str = "") -> str:
    """One appreciation as the feed shows it (an htmx swap; a reply sent back with an error)."""
    return _appreciation(a, _Reading.now(me_id, csrf, couple), reply_error, reply_typed)


def _appreciation(a, reading: _Reading, reply_error: str | None = None, reply_typed: str = "") -> str:
    """One appreciation with its replies, and the reply form for the one it was written to."""
    me_id, csrf = reading.me_id, reading.csrf
    pk, mine = a.pk, a.author_id == me_id
    who = "You" if mine else reading.name(a)
    replies = "".join(
        '<p class="reflection"><strong>'
        + ("Your reply" if reply.author_id == me_id else f"{reading.name(reply)} replied")
        + f":</strong> {escape(reply.text)}</p>"
        for reply in a.visible_replies
    )
    form = ""
    if not mine:
        post_url = reading.reply_url(pk)
        error, invalid = "", ""
        if reply_error:
            error = f'<p class="errorlist" id="reply-{pk}-error" role="alert">{escape(reply_error)}</p>'
            invalid = f' aria-invalid="true" aria-describedby="reply-{pk}-error" data-focus-after-swap'
        form = (
            f'<details class="reply"{" open" if reply_error else ""}>'
            f'<summary>{"Change your reply" if a.visible_replies else "Reply"}</summary>'
            f'<form class="inline-form" method="post" action="{post_url}" hx-post="{post_url}"'
            f' hx-target="#appreciation-{pk}" hx-swap="outerHTML" novalidate>{csrf}'
            f'<div><label for="reply-{pk}">Your reply</label>{error}'
            f'<input type="text" id="reply-{pk}" name="text" maxlength="280" placeholder="That meant a lot…"'
            f' autocomplete="off" value="{escape(reply_typed or "")}"{invalid}></div>'
            '<button type="submit" class="small">Send reply</button></form></details>'
        )
    return (
        f'<li id="appreciation-{pk}"><p class="item-text">{escape(a.text)}</p>'
        f'<p class="byline">{who}, {_day_month_year(a.created_at.astimezone(reading.zone))}</p>{replies}{form}</li>'
    )
