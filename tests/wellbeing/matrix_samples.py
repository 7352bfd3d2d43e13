"""Self-care (private: the sealed marker, alice only) and care cards for the authorization matrix."""

from rekindle.wellbeing import services
from rekindle.wellbeing.content import WAYS, questionnaire
from tests.test_authorization_matrix import ALICE_SEALED, ALICE_SHARED, CAROL_SHARED


def _answers(person, couple, marker):
    services.care_answers_save(person=person, couple=couple, ratings={q.key: 4 for q in questionnaire().questions},
                               examples={way: f"{marker} {way}" for way in WAYS})


def add_samples(alice, bob, carol, dave):
    from rekindle.spaces.selectors import couple_for

    # Self-care is private to alice: it must reach nobody else, bob included.
    services.selfcare_plan_save(person=alice, recharges=f"{ALICE_SEALED} recharges", needs=f"{ALICE_SEALED} needs",
                                version=None)
    goal = services.selfcare_goal_add(person=alice, text=f"{ALICE_SEALED} small goal")
    services.selfcare_look_back(person=alice, answer="partly", note=f"{ALICE_SEALED} look back")
    # Alice's care card is for bob to see.
    _answers(alice, couple_for(alice), ALICE_SHARED)
    services.care_card_save(person=alice, ways=list(WAYS), show_examples=True, show_touch=True,
                            note=f"{ALICE_SHARED} card")
    _answers(carol, couple_for(carol), CAROL_SHARED)
    return {"selfcare_goal_id": goal.pk}
