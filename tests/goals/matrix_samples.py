"""Values and goals for the authorization matrix (tests/test_authorization_matrix.py)."""

import datetime as dt

from rekindle.goals import services
from rekindle.spaces.selectors import couple_for
from tests.test_authorization_matrix import ALICE_SHARED, CAROL_SHARED


def _goal(person, marker, *, shared=True):
    couple = couple_for(person)
    goal = services.goal_create(
        person=person, couple=couple, shared=shared, title=f"{marker} goal", value_name="Health",
        target_on=person.today() + dt.timedelta(days=30), note=f"{marker} note",
        steps=[(f"{marker} step", person.today())],
    )
    return goal


def add_samples(alice, bob, carol, dave):
    services.values_pick(person=alice, couple=couple_for(alice), keys=["health"], own=[f"{ALICE_SHARED}"[:40]])
    alice_value = services.shared_value_propose(person=alice, couple=couple_for(alice), name=ALICE_SHARED)
    alice_goal = _goal(alice, ALICE_SHARED)
    _goal(alice, ALICE_SHARED, shared=False)

    services.values_pick(person=carol, couple=couple_for(carol), keys=["family"], own=[CAROL_SHARED])
    services.shared_value_propose(person=carol, couple=couple_for(carol), name=CAROL_SHARED)
    _goal(carol, CAROL_SHARED)
    return {
        "goal_id": alice_goal.pk,
        "step_id": alice_goal.steps.get().pk,
        "shared_value_id": alice_value.pk,
    }
