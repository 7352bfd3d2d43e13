"""The access layer for couple data.

`couple_for` says who a person shares a space with; `SharedContentQuerySet.visible_to`
is the one rule for who may read a piece of couple content. Content apps build on both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery

from rekindle.lib.dates import zone
from rekindle.lib.prepared import prepared
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

    def member(self, person_id: int) -> Person | None:
        """Me or my partner by id — to fill in an author without joining the people table."""
        if person_id == self.me.pk:
            return self.me
        return self.partner if self.partner is not None and person_id == self.partner.pk else None

    def fill_people(self, rows, *fields: str):
        """Set each row's person fields (`author`, `done_by` …) from the couple instead of
        joining the people table per row: what a couple sees is by one of the two. A person who
        is neither (a former partner, rare) is left to load when shown. Returns `rows`."""
        if not rows:
            return rows
        meta = type(rows[0])._meta
        people = {person.pk: person for person in (self.me, self.partner) if person is not None}
        for field in fields:
            relation, attname = meta.get_field(field), f"{field}_id"
            for row in rows:
                person = people.get(getattr(row, attname))
                if person is not None:
                    relation.set_cached_value(row, person)  # what `row.<field> = person` ends with
        return rows


# Bumped whenever a membership, a space or a person changes (signals below), so a couple
# cached on a Person instance is never used after the data under it moved, even within a
# request or a test that keeps the same Person objects around.
_generation = 0


def forget_couples() -> None:
    """Mark every cached couple stale. Membership-changing services call this; signals do too."""
    global _generation
    _generation += 1


def couple_for(person: Person) -> Couple | None:
    """The person's active space with its active members, in one query, cached on the person.

    A person has at most one active space, so the couple is one space id and one or two
    person ids: the plain values `visible_to` filters on.
    """
    if not person.is_authenticated:
        return None
    cached = getattr(person, "_rekindle_couple", None)
    if cached is not None and cached[0] == _generation:
        return cached[1]
    generation = _generation
    memberships = active_memberships_with.rows(person.pk)
    if not memberships:
        couple = None
    else:
        partner = next((m.person for m in memberships if m.person_id != person.pk), None)
        couple = Couple(space=memberships[0].space, me=person, partner=partner)
    person._rekindle_couple = (generation, couple)
    return couple


@prepared
def active_memberships_with(person_id: int):
    """The active memberships of the space the person is an active member of, with its people."""
    # `space = (one value)`, not `space IN (…)`: the planner then expects two rows and walks
    # the indexes, instead of hashing the whole people table when its statistics are stale.
    my_space = Membership.objects.active().filter(person=person_id).values("space")[:1]
    return Membership.objects.active().filter(space=Subquery(my_space)).select_related("space", "person")


def known_couple(person: Person, couple: Couple | None) -> None:
    """Tell `couple_for` the person's couple without asking the database (for stand-ins)."""
    person._rekindle_couple = (_generation, couple)


def couple_for_request(request) -> Couple | None:
    """`couple_for` for the signed-in person; cached on the person, so a page asks the database once."""
    return couple_for(request.user)


def open_invite_for(couple: Couple) -> Invite | None:
    from django.utils import timezone

    return (
        Invite.objects.filter(
            space=couple.space, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .order_by("-created_at")
        .first()
    )


@dataclass(frozen=True)
class Departure:
    """The one neutral line a stayer sees: who left and on which day. No name once they closed their account."""

    name: str | None
    on: dt.date


def departure_for(couple: Couple) -> Departure | None:
    """Who last left the viewer's space, while nobody new has joined. No query unless someone ever left."""
    if not couple.is_solo or couple.space.member_left_at is None:
        return None
    left = (
        Membership.objects.filter(space=couple.space.pk, left_at__isnull=False)
        .exclude(person=couple.me.pk)
        .select_related("person")
        .order_by("-left_at")
        .first()
    )
    if left is None:
        return None
    name = left.person.display_name if left.person is not None else None
    return Departure(name=name, on=left.left_at.astimezone(zone(couple.me.time_zone)).date())


def shared_q(person: Person, *, author: str = "author", space: str = "space") -> Q:
    """The one privacy rule, as a filter on plain values.

    The author always sees what they wrote. Their partner sees it only while both are
    active members of the space it was written in: when someone leaves, what they wrote
    leaves with them. `author` and `space` name the fields (or paths) to test.
    """
    mine = Q(**{author: person.pk})
    couple = couple_for(person)
    if couple is None or couple.partner is None:
        return mine
    return mine | Q(**{space: couple.space.pk, author: couple.partner.pk})


class SharedContentQuerySet(models.QuerySet):
    """For content with an `author` and a `space`, shared with the author's partner.

    The rule is `shared_q`. Content that hangs off other content names the path to its
    space in `space_lookup`; content whose author field has another name sets `author_field`.
    """

    space_lookup = "space"
    author_field = "author"

    def visible_to(self, person: Person):
        if not person.is_authenticated:
            return self.none()
        return self.filter(shared_q(person, author=self.author_field, space=self.space_lookup))


class SealedContentQuerySet(SharedContentQuerySet):
    """Paired answers ("both voices, no anchoring"): the partner's answer is visible only once
    the viewer has answered the same thing. `pair_fields` say what makes two answers a pair —
    a date in a space, a drawn question, a program run.
    """

    pair_fields: tuple[str, ...] = ()

    def visible_to(self, person: Person):
        if not person.is_authenticated:
            return self.none()
        shared = super().visible_to(person)
        couple = couple_for(person)
        if couple is None or couple.partner is None:
            return shared  # only their own answers
        mine = self.model.objects.filter(
            **{self.author_field: person.pk}, **{name: OuterRef(name) for name in self.pair_fields}
        )
        return shared.filter(Q(**{self.author_field: person.pk}) | Exists(mine))

    def in_pairs_answered_by(self, person: Person, *own_q: Q, **own_filters):
        """Both answers of each pair the viewer answered, among their own rows matching the
        filters. Answering is what unseals the partner's, so this needs no per-row check —
        a cheaper query than `visible_to` for pages that start from the viewer's answers."""
        if not person.is_authenticated:
            return self.none()
        (pair,) = self.pair_fields  # one field makes a pair; more would need Exists, as above
        own = self.model.objects.filter(*own_q, **{self.author_field: person.pk}, **own_filters)
        return SharedContentQuerySet.visible_to(self, person).filter(**{f"{pair}__in": own.values(pair)})


class SpaceQuerySet(models.QuerySet):
    """For things that belong to a space as a whole, not to an author: seen by its active members."""

    def visible_to(self, person: Person):
        couple = couple_for(person) if person.is_authenticated else None
        if couple is None:
            return self.none()
        return self.filter(space=couple.space.pk)


def _forget_on_change(sender, **kwargs) -> None:
    forget_couples()


for _model in (Membership, Space, Person):
    models.signals.post_save.connect(_forget_on_change, sender=_model, dispatch_uid=f"forget-couples-{_model.__name__}")
    models.signals.post_delete.connect(
        _forget_on_change, sender=_model, dispatch_uid=f"forget-couples-del-{_model.__name__}"
    )
