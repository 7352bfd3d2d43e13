"""Writes for people, spaces and invites. Each one checks its rules and is atomic."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rekindle.lib.dates import is_valid_timezone
from rekindle.spaces.models import (
    Invite,
    Membership,
    Person,
    Space,
    normalise_invite_code,
)
from rekindle.spaces.selectors import forget_couples

SPACE_NAME_MAX = 80


def _clean_space_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError("Give your space a name — anything that feels like the two of you.", code="empty")
    if len(name) > SPACE_NAME_MAX:
        raise ValidationError(f"Please keep the name under {SPACE_NAME_MAX} characters.", code="too_long")
    return name


@transaction.atomic
def space_create(*, person: Person, name: str) -> Space:
    name = _clean_space_name(name)
    if Membership.objects.active().filter(person=person).exists():
        raise ValidationError("You already share a space. Leave it first to start a new one.", code="in_space")
    space = Space.objects.create(name=name, created_by=person)
    Membership.objects.create(space=space, person=person)
    forget_couples()  # who shares a space changed: no cached couple may outlive it
    return space


@transaction.atomic
def space_rename(*, person: Person, name: str) -> Space:
    membership = _active_membership(person)
    membership.space.name = _clean_space_name(name)
    membership.space.save(update_fields=["name"])
    return membership.space


@transaction.atomic
def space_leave(*, person: Person) -> None:
    """Leave the active space. What each person wrote stays with its author."""
    membership = _active_membership(person)
    now = timezone.now()
    membership.left_at = now
    membership.save(update_fields=["left_at"])
    Space.objects.filter(pk=membership.space_id).update(member_left_at=now)
    # News and plans build on spaces, not the other way round.
    from rekindle.dates.services import plans_stop
    from rekindle.news.services import news_forget_member

    news_forget_member(person=person, space=membership.space)
    plans_stop(space=membership.space)  # no date, reminder or calendar event with someone who has gone
    forget_couples()
    still_there = Membership.objects.active().filter(space=membership.space).exists()
    if not still_there:
        Invite.objects.filter(space=membership.space, used_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )


def _active_membership(person: Person) -> Membership:
    membership = Membership.objects.active().select_related("space").filter(person=person).first()
    if membership is None:
        raise ValidationError("You're not in a space right now.", code="no_space")
    return membership


@transaction.atomic
def invite_create(*, person: Person) -> Invite:
    """A fresh single-use invite for the partner. Any earlier open invite is revoked."""
    membership = _active_membership(person)
    space = membership.space
    if Membership.objects.active().filter(space=space).count() >= Membership.MAX_MEMBERS:
        raise ValidationError("Your space already has two people in it.", code="full")
    now = timezone.now()
    Invite.objects.filter(space=space, used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    for _ in range(5):
        try:
            with transaction.atomic():
                return Invite.objects.create(
                    space=space,
                    created_by=person,
                    created_at=now,
                    expires_at=now + dt.timedelta(days=Invite.LIFETIME_DAYS),
                )
        except IntegrityError:  # a code collision: astronomically rare, try another
            continue
    raise RuntimeError("Could not create a unique invite code.")


@transaction.atomic
def invite_revoke(*, person: Person, invite_id: int) -> None:
    membership = _active_membership(person)
    updated = Invite.objects.filter(
        pk=invite_id, space=membership.space, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if not updated:
        raise ValidationError("That invite is no longer open.", code="not_open")


def invite_find(code: str) -> Invite | None:
    code = normalise_invite_code(code)
    if not code:
        return None
    return Invite.objects.select_related("space", "created_by").filter(code=code).first()


INVITE_PROBLEMS = {
    "used": "This invite has already been used. Ask your partner for a new one.",
    "revoked": "This invite was cancelled. Ask your partner for a new one.",
    "expired": "This invite has expired — invites last seven days. Ask your partner for a new one.",
}


@transaction.atomic
def invite_accept(*, person: Person, code: str) -> Space:
    code = normalise_invite_code(code)
    invite = Invite.objects.select_for_update().select_related("space").filter(code=code).first() if code else None
    if invite is None:
        raise ValidationError("We couldn't find that invite code. Check it and try again.", code="not_found")
    # Lock the space so two people can't squeeze into the last place at once.
    Space.objects.select_for_update(no_key=True).filter(pk=invite.space_id).first()
    members = list(Membership.objects.active().filter(space=invite.space))
    if any(m.person_id == person.pk for m in members):
        raise ValidationError("You're already in this space.", code="already_member")
    if invite.status in INVITE_PROBLEMS:
        raise ValidationError(INVITE_PROBLEMS[invite.status], code=invite.status)
    if len(members) >= Membership.MAX_MEMBERS:
        raise ValidationError("This space already has two people in it.", code="full")
    if Membership.objects.active().filter(person=person).exists():
        raise ValidationError(
            "You already share a space. Leave it first, then use this invite.", code="in_space"
        )
    if not members:
        raise ValidationError("Nobody is in this space any more.", code="empty_space")
    Membership.objects.create(space=invite.space, person=person)
    forget_couples()
    invite.used_at = timezone.now()
    invite.used_by = person
    invite.save(update_fields=["used_at", "used_by"])
    return invite.space


@transaction.atomic
def person_update(*, person: Person, display_name: str, time_zone: str) -> Person:
    display_name = (display_name or "").strip()
    if not display_name:
        raise ValidationError({"display_name": "Tell us what to call you."})
    if not is_valid_timezone(time_zone):
        raise ValidationError({"time_zone": "Choose a time zone from the list."})
    person.display_name = display_name[:60]
    person.time_zone = time_zone
    person.save(update_fields=["display_name", "time_zone"])
    return person
