"""Writes for check-ins, reflections and appreciations."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rekindle.checkins.models import (
    ITEMS,
    LINE_MAX,
    Appreciation,
    AppreciationReply,
    CheckIn,
    CheckInRound,
    Reflection,
)
from rekindle.checkins.selectors import joinable_round
from rekindle.news import kinds as news
from rekindle.news.services import news_checkin, news_record
from rekindle.spaces.models import Person, Space
from rekindle.spaces.selectors import Couple

ITEM_PROMPTS = {
    "rose": "Add your rose — one good thing from today.",
    "bud": "Add your bud — one thing you're looking forward to.",
    "thorn": "Add your thorn — one small thing that was hard. A few words is enough.",
}
REPLY_MAX = 280


def _clean_line(value: str | None, *, empty: str, limit: int = LINE_MAX) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(empty, code="empty")
    if len(value) > limit:
        raise ValidationError(
            f"That's {len(value)} characters; please keep it under {limit}. A line or two is plenty.",
            code="too_long",
        )
    return value


def _clean_items(answers: dict[str, str]) -> dict[str, str]:
    cleaned, errors = {}, {}
    for item in ITEMS:
        try:
            cleaned[item] = _clean_line(answers.get(item), empty=ITEM_PROMPTS[item])
        except ValidationError as exc:
            errors[item] = exc
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def checkin_submit(*, person: Person, couple: Couple, answers: dict[str, str], revision: int | None) -> CheckIn:
    """Save the check-in for the person's check-in date, or edit it while its round is open.

    A new check-in completes the partner's round if it can still be joined, and otherwise
    opens a new one. `revision` is the version the form was opened on (None for a new
    check-in); a form opened on an older version is refused rather than silently
    overwriting newer words.
    """
    cleaned = _clean_items(answers)
    # One writer per space at a time: two partners submitting at once make one round, not two.
    # (NO KEY: rows being inserted that point at the space don't wait for it, nor it for them.)
    Space.objects.select_for_update(no_key=True).filter(pk=couple.space.pk).first()
    now = timezone.now()
    date = person.checkin_today(now)
    existing = CheckIn.objects.select_related("round").filter(author=person, local_date=date).first()
    if existing is None:
        round_ = joinable_round(person, couple, at=now)
        if round_ is None:
            round_ = CheckInRound.objects.create(space=couple.space, date=date, opened_at=now)
        else:
            round_.completed_at = now
            round_.save(update_fields=["completed_at"])
        checkin = CheckIn.objects.create(
            author=person, space=couple.space, local_date=date, round=round_, created_at=now, updated_at=now, **cleaned
        )
        return news_checkin(checkin, couple)
    unchanged = all(getattr(existing, item) == cleaned[item] for item in ITEMS)
    if unchanged:
        return existing  # a double submit, or saving without changes
    if existing.round.is_completed:
        raise ValidationError(
            "Your partner has checked in too, so both answers are now revealed and can't be changed.",
            code="revealed",
        )
    if revision != existing.revision:
        raise ValidationError(
            "Your check-in changed somewhere else (another tab or device) since you opened this page.",
            code="stale",
        )
    for item in ITEMS:
        setattr(existing, item, cleaned[item])
    existing.revision += 1
    existing.updated_at = now
    existing.save()
    return existing


@transaction.atomic
def reflection_save(*, person: Person, checkin_id: int, item: str, text: str) -> Reflection:
    """Reflect the feeling in one item of your partner's revealed check-in."""
    if item not in ITEMS:
        raise ValidationError("There is nothing to reflect on there.", code="bad_item")
    checkin = CheckIn.objects.visible_to(person).exclude(author=person).filter(pk=checkin_id).first()
    if checkin is None:
        raise ValidationError("That check-in isn't open for reflections.", code="not_visible")
    text = _clean_line(text, empty="Write a few words about how it sounded to you.")
    reflection, created = Reflection.objects.get_or_create(
        checkin=checkin, item=item, author=person, defaults={"text": text}
    )
    if not created and reflection.text != text:
        reflection.text = text
        reflection.response = ""  # a new try deserves a fresh answer
        reflection.updated_at = timezone.now()
        reflection.save()
        created = True
    if created:
        news_record(actor=person, space=checkin.space_id, kind=news.REFLECTION, object_id=checkin.pk, key=item,
                    on_date=checkin.local_date)
    return reflection


@transaction.atomic
def reflection_respond(*, person: Person, reflection_id: int, response: str) -> Reflection:
    """The writer says whether a reflection caught what they meant."""
    if response not in {"yes", "not_quite"}:
        raise ValidationError("Choose “that's it” or “not quite”.", code="bad_response")
    reflection = (
        Reflection.objects.visible_to(person).filter(pk=reflection_id, checkin__author=person).first()
    )
    if reflection is None:
        raise ValidationError("That reflection isn't yours to answer.", code="not_visible")
    if reflection.response != response:
        reflection.response = response
        reflection.save(update_fields=["response"])
        checkin = reflection.checkin
        news_record(actor=person, space=checkin.space_id, kind=news.REFLECTION_ANSWERED, object_id=checkin.pk,
                    key=reflection.item, detail=response, on_date=checkin.local_date)
    return reflection


@transaction.atomic
def appreciation_create(*, person: Person, couple: Couple, text: str, submission: uuid.UUID | None) -> Appreciation:
    text = _clean_line(text, empty="Write what they did, and what it says about them.")
    if submission is not None:
        earlier = Appreciation.objects.filter(submission=submission, author=person).first()
        if earlier is not None:
            return earlier  # the same form sent twice
    try:
        with transaction.atomic():
            appreciation = Appreciation.objects.create(
                author=person, space=couple.space, text=text, local_date=person.today(), submission=submission
            )
    except IntegrityError:
        earlier = Appreciation.objects.filter(submission=submission, author=person).first()
        if earlier is None:
            raise ValidationError("That form was already used. Please write it once more.", code="reused") from None
        return earlier
    news_record(actor=person, space=couple.space, kind=news.APPRECIATION, object_id=appreciation.pk, couple=couple,
                fresh=True)
    return appreciation


@transaction.atomic
def appreciation_reply(*, person: Person, appreciation_id: int, text: str) -> AppreciationReply:
    appreciation = Appreciation.objects.visible_to(person).exclude(author=person).filter(pk=appreciation_id).first()
    if appreciation is None:
        raise ValidationError("You can reply to appreciations your partner wrote for you.", code="not_visible")
    text = _clean_line(text, empty="Write a short reply.", limit=REPLY_MAX)
    reply, created = AppreciationReply.objects.get_or_create(
        appreciation=appreciation, author=person, defaults={"text": text}
    )
    if not created and reply.text != text:
        reply.text = text
        reply.save(update_fields=["text"])
        created = True
    if created:
        news_record(actor=person, space=appreciation.space_id, kind=news.APPRECIATION_REPLY, object_id=appreciation.pk)
    return reply
