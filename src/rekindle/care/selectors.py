"""Reads of private care state: only ever for the person themself, except one yes/no for a space."""

from __future__ import annotations

from rekindle.care.models import CarePreferences, Counsellor, SafetyCheck
from rekindle.lib.prepared import prepared
from rekindle.spaces.models import Membership


def preferences_for(person) -> CarePreferences:
    """The person's care settings (unsaved defaults if they have none yet).

    The signed-in person arrives with them already loaded (`spaces.auth`): no query then.
    """
    try:
        return person.care_preferences
    except CarePreferences.DoesNotExist:
        return CarePreferences(person=person)


@prepared
def _counsellors():
    return Counsellor.objects.all()


def counsellors() -> list[Counsellor]:
    """The directory of counsellors on the support page, in its order."""
    return _counsellors.rows()


def forget_preferences(person) -> None:
    """After a write: the copy loaded with the person is stale, read it again next time."""
    person._state.fields_cache.pop("care_preferences", None)


def safety_check_for(person) -> SafetyCheck | None:
    return SafetyCheck.objects.filter(person=person).first()


def joint_conflict_exercises_hidden(space) -> bool:
    """Whether joint conflict exercises are off for this space.

    True when any active member asked for it. Callers show nothing about why — to the
    partner, those exercises are simply not offered here.
    """
    return bool(_asked_to_hide_joint_exercises.rows(space.pk))


@prepared
def _asked_to_hide_joint_exercises(space_id: int):
    members = Membership.objects.active().filter(space=space_id).values("person")
    return CarePreferences.objects.filter(person__in=members, hide_joint_conflict=True)[:1]
