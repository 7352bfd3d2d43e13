"""The access layer for couple data.

`couple_for` says who a person shares a space with; `SharedContentQuerySet.visible_to`
is the one rule for who may read a piece of couple content. Content apps build on both.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, OuterRef, Q

from rekindle.spaces.models import Invite, Membership, Person, Space


@dataclass(frozen=True)
class Couple:
    """A person's view of their active space: who they are and who their partner is."""

    space: Space
    me: Person
    partner: Person | None

    @property
    def is_solo(self) -> bool:
        return self.partner is None


def couple_for(person: Person) -> Couple | None:
    """The person's active space with its active members, in one query."""
    if not person.is_authenticated:
        return None
    my_spaces = Membership.objects.active().filter(person=person).values("space")
    memberships = list(
        Membership.objects.active().filter(space__in=my_spaces).select_related("space", "person")
    )
    if not memberships:
        return None
    partner = next((m.person for m in memberships if m.person_id != person.pk), None)
    return Couple(space=memberships[0].space, me=person, partner=partner)


def couple_for_request(request) -> Couple | None:
    """`couple_for` cached on the request, so a page asks the database once."""
    if not hasattr(request, "_rekindle_couple"):
        request._rekindle_couple = couple_for(request.user)
    return request._rekindle_couple


def open_invite_for(couple: Couple) -> Invite | None:
    from django.utils import timezone

    return (
        Invite.objects.filter(
            space=couple.space, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .order_by("-created_at")
        .first()
    )


class SharedContentQuerySet(models.QuerySet):
    """For content with an `author` and a `space`, shared with the author's partner.

    The author always sees what they wrote. Their partner sees it only while both are
    active members of the space it was written in: when someone leaves, what they wrote
    leaves with them. Content that hangs off other content names the path to its space
    in `space_lookup`.
    """

    space_lookup = "space"

    def visible_to(self, person: Person):
        if not person.is_authenticated:
            return self.none()
        my_spaces = Membership.objects.active().filter(person=person).values("space")
        members_with_me = Membership.objects.active().filter(space__in=my_spaces).values("person")
        in_my_space = Q(**{f"{self.space_lookup}__in": my_spaces}, author__in=members_with_me)
        return self.filter(Q(author=person) | in_my_space)


class SealedContentQuerySet(SharedContentQuerySet):
    """Paired answers ("both voices, no anchoring"): the partner's answer is visible only once
    the viewer has answered the same thing. `pair_fields` say what makes two answers a pair —
    a date in a space, a drawn question, a program run.
    """

    pair_fields: tuple[str, ...] = ()

    def visible_to(self, person: Person):
        mine = self.model.objects.filter(author=person, **{name: OuterRef(name) for name in self.pair_fields})
        return super().visible_to(person).filter(Q(author=person) | Exists(mine))
