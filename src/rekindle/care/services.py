"""Writes for the private safety check and care settings. Each touches only its owner's rows."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from rekindle.care.models import QUESTIONS, CarePreferences, SafetyCheck
from rekindle.care.resources import all_countries
from rekindle.care.selectors import forget_preferences


def _prefs(person) -> CarePreferences:
    forget_preferences(person)
    return CarePreferences.objects.get_or_create(person=person)[0]


def _set_prefs(person, **values) -> None:
    forget_preferences(person)
    CarePreferences.objects.update_or_create(person=person, defaults=values)


@transaction.atomic
def safety_check_submit(*, person, answers: dict[str, bool]) -> SafetyCheck:
    values = {question: bool(answers[question]) for question in QUESTIONS}
    check, _ = SafetyCheck.objects.update_or_create(person=person, defaults={**values, "taken_at": timezone.now()})
    _set_prefs(person, safety_offer_closed=True)
    return check


@transaction.atomic
def safety_check_delete(*, person) -> None:
    SafetyCheck.objects.filter(person=person).delete()


@transaction.atomic
def safety_offer_close(*, person) -> None:
    _set_prefs(person, safety_offer_closed=True)


@transaction.atomic
def joint_conflict_hide(*, person, hide: bool) -> None:
    """Hide (or offer again) the joint conflict exercises in this person's space. The partner is never told."""
    _set_prefs(person, hide_joint_conflict=hide)


@transaction.atomic
def country_set(*, person, code: str) -> str:
    code = code if code in all_countries() else "default"
    prefs = _prefs(person)
    prefs.country = code
    prefs.save(update_fields=["country"])
    return code
