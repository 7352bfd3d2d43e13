"""Closing an account: everything the person wrote goes, in one transaction; nothing their partner
wrote is touched.

Most of it is the database's own work: every row a person writes names them with
`on_delete=CASCADE`. What a partner wrote on her rows (a reflection on her check-in, a reply to her
appreciation, a line or photo on her memory, a line about her plan, a step or cheer on her goal)
points to its parent with `SET_NULL`, so it outlives the parent and stays its writer's. Photo files
go once the deletion is committed (rekindle.memories.apps). What is left to do by hand is below.

Not split: the shared lines of a meeting or a quarterly review do not say who wrote which part.
They stay (the partner wrote in them too), but nobody reads them any more — a record begun before
someone left leaves the stayer's view (Space.member_left_at), and exports leave them out.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from rekindle.goals.models import GoalStep
from rekindle.goals.services import refresh_next_step
from rekindle.listening.models import ListeningSession
from rekindle.memories.services import refresh_memory_days
from rekindle.spaces.models import Membership, Person, Space
from rekindle.spaces.services import space_leave

CONFIRM_WORD = "DELETE"


def _check(person: Person, password: str, confirmation: str) -> None:
    errors = {}
    if not person.check_password(password or ""):
        errors["password"] = "That isn't your password. Nothing has been deleted."
    if (confirmation or "").strip().upper() != CONFIRM_WORD:
        errors["confirmation"] = f"Type {CONFIRM_WORD} to confirm. Nothing has been deleted."
    if errors:
        raise ValidationError(errors)


def _end_sessions(person: Person) -> None:
    """Sign out every browser: allauth's list of where the person is signed in names each session,
    so only theirs are touched (a session left unlisted names an account that no longer exists)."""
    from allauth.usersessions.models import UserSession

    for session in UserSession.objects.filter(user=person):
        session.end()


@transaction.atomic
def account_delete(*, person: Person, password: str, confirmation: str) -> None:
    """Delete the person and all they wrote, after their password and the word DELETE."""
    _check(person, password, confirmation)
    if Membership.objects.active().filter(person=person).exists():
        space_leave(person=person)  # the partner's side of leaving: plans end, news goes, one neutral line
    spaces = list(Space.objects.filter(memberships__person=person).distinct())

    # Her words in rows that stay because they are not only hers:
    GoalStep.objects.filter(added_by=person).delete()  # steps she added to someone else's goal
    ListeningSession.objects.filter(started_by=person).update(topic="")  # the partner's turns stay theirs

    _end_sessions(person)
    person.delete()

    for space in spaces:
        if not Membership.objects.filter(space=space, person__isnull=False).exists():
            space.delete()  # nobody with an account was ever here but her: nothing of anyone else's is in it
        else:
            refresh_memory_days(space)  # Today's "on this day" never points at a memory that is gone
            refresh_next_step(space)
