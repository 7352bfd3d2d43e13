"""Self-care stays with its author; "how I feel cared for" rates five ways separately and the
partner sees only the card its author chose to show."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rekindle.news.models import NewsItem
from rekindle.programs import services as program_services
from rekindle.programs.selectors import skipped_tags_in_space
from rekindle.spaces.selectors import couple_for
from rekindle.wellbeing import selectors, services
from rekindle.wellbeing.content import WAYS, questionnaire
from rekindle.wellbeing.models import CareAnswers, SelfCareGoal, SelfCareLookBack, SelfCarePlan
from tests.conftest import client_for
from tests.portability.zips import archive_text

pytestmark = pytest.mark.django_db

PRIVATE = "ALICE-PRIVATE-SELFCARE"


def answers_form(rating_for=lambda q: 3, **examples) -> dict:
    data = {q.key: str(rating_for(q)) for q in questionnaire().questions}
    data.update({f"example_{way}": text for way, text in examples.items()})
    return data


def fill_selfcare(alice):
    client = client_for(alice)
    client.post(reverse("selfcare"), {"recharges": f"{PRIVATE} running", "needs": f"{PRIVATE} sleep", "version": 0})
    client.post(reverse("selfcare_goal_add"), {"text": f"{PRIVATE} swim"})
    client.post(reverse("selfcare_look_back"), {"answer": "partly", "note": f"{PRIVATE} busy week"})
    return client


def test_a_self_care_plan_small_goals_and_weekly_look_back_are_saved_for_their_author(couple):
    alice, _ = couple
    client = fill_selfcare(alice)
    plan = SelfCarePlan.objects.get(author=alice)
    assert plan.recharges.endswith("running") and plan.needs.endswith("sleep")
    goal = SelfCareGoal.objects.get(author=alice)
    client.post(reverse("selfcare_goal_done", kwargs={"selfcare_goal_id": goal.pk}), {"done": "yes"})
    assert SelfCareGoal.objects.get(pk=goal.pk).done_on == alice.today()
    client.post(reverse("selfcare_look_back"), {"answer": "yes", "note": ""})  # the same week, changed
    assert list(SelfCareLookBack.objects.filter(author=alice).values_list("answer", flat=True)) == ["yes"]
    page = client.get(reverse("selfcare")).content.decode()
    assert f"{PRIVATE} running" in page and "Private, always" in page


def test_self_care_never_reaches_the_partner_anywhere(couple):
    alice, bob = couple
    fill_selfcare(alice)
    bob_client = client_for(bob)
    for url in (reverse("selfcare"), reverse("today"), reverse("me"), reverse("cared_for"), reverse("export")):
        assert PRIVATE not in bob_client.get(url).content.decode(), url
    for include_shared in (False, True):
        assert PRIVATE not in archive_text(bob, include_shared=include_shared)
    goal = SelfCareGoal.objects.get(author=alice)
    bob_client.post(reverse("selfcare_goal_done", kwargs={"selfcare_goal_id": goal.pk}), {"done": "yes"})
    bob_client.post(reverse("selfcare_goal_remove", kwargs={"selfcare_goal_id": goal.pk}))
    assert SelfCareGoal.objects.get(pk=goal.pk).done_on is None
    assert not NewsItem.objects.exists()  # no news, so no counts either
    bob.refresh_from_db()
    assert bob.news_unread == 0
    assert PRIVATE in archive_text(alice)


def test_a_stale_plan_edit_keeps_the_typed_words(alice):
    services.selfcare_plan_save(person=alice, recharges="first", needs="", version=0)
    services.selfcare_plan_save(person=alice, recharges="second window", needs="", version=1)
    response = client_for(alice).post(reverse("selfcare"), {"recharges": "my typed words", "needs": "", "version": 1})
    assert response.status_code == 400
    body = response.content.decode()
    assert "my typed words" in body and "second window" in body and "another window" in body


def test_an_empty_small_goal_gets_a_clear_message(alice):
    response = client_for(alice).post(reverse("selfcare_goal_add"), {"text": "  "})
    assert response.status_code == 400
    assert "Say what you&#x27;d like to do for yourself" in response.content.decode()


def test_the_questionnaire_rates_each_of_five_ways_separately_with_no_single_type(couple):
    alice, bob = couple
    q = questionnaire()
    assert [w.key for w in q.ways] == list(WAYS)
    assert all(q.questions_for(way) for way in WAYS) and all(question.why for question in q.questions)
    high = {"time", "touch"}
    data = answers_form(lambda question: 5 if question.way in high else 2, time="Walks with no phones")
    response = client_for(bob).post(reverse("cared_for_questions"), data)
    assert response.status_code == 302
    scores = selectors.scores(CareAnswers.objects.get(author=bob))
    assert [s.way.key for s in scores] == ["time", "touch", "words", "help", "gifts"]
    assert scores[0].label == "A great deal" and scores[-1].label == "A little"
    assert scores[0].example == "Walks with no phones"


def test_a_missing_answer_is_marked_and_the_other_answers_are_kept(alice):
    data = answers_form(lambda q: 4)
    first = questionnaire().questions[0].key
    del data[first]
    response = client_for(alice).post(reverse("cared_for_questions"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose how much this one is true for you." in body
    assert body.count("checked") == len(questionnaire().questions) - 1
    assert not CareAnswers.objects.exists()


def test_the_partner_sees_the_how_to_love_me_card_with_only_what_its_author_chose(couple):
    alice, bob = couple
    client_for(bob).post(reverse("cared_for_questions"),
                         answers_form(lambda q: 5 if q.way == "help" else 3, help="Doing the school run", gifts="Flowers"))
    page = client_for(alice).get(reverse("cared_for")).content.decode()
    assert "How to love Bob" in page and "Doing the school run" in page and "Flowers" in page
    assert NewsItem.objects.filter(kind="care_card", actor=bob).exists()
    client_for(bob).post(reverse("cared_for_card"), {"ways": ["help"], "show_examples": "", "note": "Ask me first"})
    page = client_for(alice).get(reverse("cared_for")).content.decode()
    card = page.split('id="partner-card"', 1)[1].split("</section>", 1)[0]
    assert "A helping hand" in card and "Little gifts" not in card
    assert "Doing the school run" not in card and "Ask me first" in card


def test_touch_comfort_lives_in_the_same_place_and_still_swaps_program_activities(couple):
    alice, bob = couple
    client = client_for(bob)
    assert client.get(reverse("touch_preferences")).url == reverse("cared_for") + "#touch"
    client.post(reverse("touch_preferences"), {"skip": ["hugging"]})
    assert skipped_tags_in_space(couple_for(alice)) == {"hugging"}
    page = client.get(reverse("cared_for")).content.decode()
    assert 'value="hugging" id="id_skip_0" checked' in page or ('value="hugging"' in page and "checked" in page)
    # Private unless Bob shows it on his card.
    client.post(reverse("cared_for_questions"), answers_form())

    def bobs_card():
        page = client_for(alice).get(reverse("cared_for")).content.decode()
        return page.split('id="partner-card"', 1)[1].split("</section>", 1)[0]

    assert "Long hugs" not in bobs_card()
    client.post(reverse("cared_for_card"), {"ways": list(WAYS), "show_examples": "on", "show_touch": "on"})
    assert "I'd rather skip for now: Long hugs" in bobs_card().replace("&#x27;", "'")


def test_retaking_keeps_earlier_answers_for_the_person_only(couple):
    alice, bob = couple
    client_for(bob).post(reverse("cared_for_questions"), answers_form(lambda q: 1, words="OLD-WORDS"))
    client_for(bob).post(reverse("cared_for_questions"), answers_form(lambda q: 5, words="NEW-WORDS"))
    assert CareAnswers.objects.filter(author=bob).count() == 2
    mine = client_for(bob).get(reverse("cared_for")).content.decode()
    assert "Earlier answers" in mine and "NEW-WORDS" in mine
    theirs = client_for(alice).get(reverse("cared_for")).content.decode()
    assert "NEW-WORDS" in theirs and "OLD-WORDS" not in theirs and "Earlier answers" not in theirs


def test_an_outsider_never_sees_a_card(couple, other_couple):
    _, bob = couple
    carol, _ = other_couple
    client_for(bob).post(reverse("cared_for_questions"), answers_form(words="BOB-CARD-WORDS"))
    assert "BOB-CARD-WORDS" not in client_for(carol).get(reverse("cared_for")).content.decode()


def test_a_solo_person_can_use_self_care_and_the_questionnaire(erin):
    client = client_for(erin)
    assert client.get(reverse("selfcare")).status_code == 200
    assert client.post(reverse("cared_for_questions"), answers_form()).status_code == 302
    assert client.get(reverse("cared_for")).status_code == 200


def test_the_content_check_counts_values_and_care_questions():
    from rekindle.lib.content import check_all

    report = check_all()
    assert not report.problems
    assert report.summary["values"] >= 20 and report.summary["care_questions"] == len(questionnaire().questions)
