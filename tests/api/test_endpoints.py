"""Each endpoint shows what its page shows, to the token's person only, with the page's messages."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from rekindle.checkins import services as checkins
from rekindle.dates import services as dates
from rekindle.prompts import services as prompts
from rekindle.rituals import services as rituals
from rekindle.spaces.selectors import couple_for
from tests.api.helpers import api_as

ANSWERS = {"rose": "sunny walk", "bud": "the weekend", "thorn": "a long queue"}


def check_in(person, words):
    return checkins.checkin_submit(
        person=person, couple=couple_for(person),
        answers={item: f"{words} {item}" for item in ("rose", "bud", "thorn")}, revision=None,
    )


# --- check-ins -----------------------------------------------------------------------------------


def test_my_checkin_shows_and_my_partners_stays_sealed_until_i_answer(couple):
    alice, bob = couple
    check_in(bob, "BOB-SEALED")
    api = api_as(alice)
    before = api.get("/api/checkins/today")
    assert before.status_code == 200
    assert before.json()["partner"] is None and before.json()["partner_answered"] is True
    assert "BOB-SEALED" not in before.content.decode()

    after = api.post("/api/checkins/today", ANSWERS)
    assert after.status_code == 200
    body = after.json()
    assert body["revealed"] is True
    assert body["mine"]["rose"] == "sunny walk"
    assert body["partner"]["rose"] == "BOB-SEALED rose"


def test_checkin_with_an_empty_item_gets_the_forms_own_message(couple):
    alice, _ = couple
    response = api_as(alice).post("/api/checkins/today", {"rose": "fine", "bud": "  ", "thorn": ""})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["bud"] == ["Add your bud — one thing you're looking forward to."]
    assert set(errors) == {"bud", "thorn"}


def test_editing_a_revealed_checkin_is_refused_with_the_pages_message(couple):
    alice, bob = couple
    check_in(alice, "ALICE")
    check_in(bob, "BOB")
    response = api_as(alice).post("/api/checkins/today", {**ANSWERS, "revision": 1})
    assert response.status_code == 422
    assert "can't be changed" in response.json()["detail"]


def test_a_null_character_is_a_kind_422_not_a_server_error(couple):
    alice, _ = couple
    response = api_as(alice).post("/api/checkins/today", {**ANSWERS, "rose": "a\x00b"})
    assert response.status_code == 422


# --- appreciations -------------------------------------------------------------------------------


def test_appreciations_list_both_partners_and_never_another_couples(couple, other_couple):
    alice, bob = couple
    carol, _ = other_couple
    checkins.appreciation_create(person=bob, couple=couple_for(bob), text="BOB thanks", submission=None)
    checkins.appreciation_create(person=carol, couple=couple_for(carol), text="CAROL thanks", submission=None)
    api = api_as(alice)
    made = api.post("/api/appreciations", {"text": "ALICE thanks"})
    assert made.status_code == 201 and made.json()["by_me"] is True
    listed = api.get("/api/appreciations").json()
    assert [(a["text"], a["by_me"]) for a in listed["items"]] == [("ALICE thanks", True), ("BOB thanks", False)]
    assert listed["count"] == 2 and "CAROL" not in str(listed)


def test_the_same_submission_twice_saves_one_appreciation(couple):
    alice, _ = couple
    api = api_as(alice)
    body = {"text": "the soup", "submission": "6f1c0e1e-8f7d-4a55-9c43-2f8a1b9c0d11"}
    first, second = api.post("/api/appreciations", body), api.post("/api/appreciations", body)
    assert first.json()["id"] == second.json()["id"]
    assert api.get("/api/appreciations").json()["count"] == 1


def test_appreciations_come_in_pages_of_twenty(couple):
    alice, _ = couple
    for n in range(21):
        checkins.appreciation_create(person=alice, couple=couple_for(alice), text=f"thanks {n}", submission=None)
    api = api_as(alice)
    first, second = api.get("/api/appreciations").json(), api.get("/api/appreciations", page=2).json()
    assert (len(first["items"]), len(second["items"]), first["pages"]) == (20, 1, 2)
    assert api.get("/api/appreciations", page=0).status_code == 422


# --- tonight's question --------------------------------------------------------------------------


def test_tonights_question_keeps_my_partners_answer_sealed_until_i_answer(couple):
    alice, bob = couple
    draw = prompts.draw_prompt(person=bob, couple=couple_for(bob), deck_slug="memories")
    prompts.answer_save(person=bob, draw_id=draw.pk, text="BOB-SEALED answer")
    api = api_as(alice)
    tonight = api.get("/api/talk/tonight").json()["draw"]
    assert tonight["id"] == draw.pk and tonight["question"] and tonight["partner"] is None
    assert tonight["partner_answered"] is True and "BOB-SEALED" not in str(tonight)

    answered = api.post(f"/api/talk/draws/{draw.pk}/answer", {"answer": "my answer"})
    assert answered.status_code == 200
    assert answered.json()["partner"]["text"] == "BOB-SEALED answer"
    assert answered.json()["revealed"] is True and answered.json()["open"] is False


def test_an_empty_answer_gets_the_forms_message(couple):
    alice, _ = couple
    draw = prompts.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="memories")
    response = api_as(alice).post(f"/api/talk/draws/{draw.pk}/answer", {"answer": ""})
    assert response.status_code == 422
    assert response.json()["errors"]["answer"] == ["Write a few words: a sentence or two is plenty."]


def test_another_couples_question_is_not_found(couple, other_couple):
    carol, _ = other_couple
    theirs = prompts.draw_prompt(person=carol, couple=couple_for(carol), deck_slug="memories")
    prompts.answer_save(person=carol, draw_id=theirs.pk, text="CAROL answer")
    api = api_as(couple[0])
    assert api.get(f"/api/talk/draws/{theirs.pk}").status_code == 404
    assert api.post(f"/api/talk/draws/{theirs.pk}/answer", {"answer": "INTRUDER"}).status_code == 404
    assert "CAROL" not in api.get("/api/talk/tonight").content.decode()


# --- commitments, plans, export ------------------------------------------------------------------


def test_commitments_and_plans_are_the_couples(couple, other_couple):
    alice, bob = couple
    carol, dave = other_couple
    due = timezone.now().date() + dt.timedelta(days=3)
    rituals.commitment_make(person=bob, couple=couple_for(bob), text="BOB will cook", due_on=due)
    rituals.commitment_make(person=carol, couple=couple_for(carol), text="CAROL will cook", due_on=due)
    day = timezone.now().date() + dt.timedelta(days=2)
    plan = dates.plan_propose(person=bob, couple=couple_for(bob), title="Picnic", place="the park", day=day,
                              time=dt.time(18, 0), duration_minutes=90)
    api = api_as(alice)
    listed = api.get("/api/commitments").json()
    assert [(c["text"], c["by_me"], c["author_name"]) for c in listed["open"]] == [("BOB will cook", False, "Bob")]
    plans = api.get("/api/plans").json()
    assert plans["to_answer"] == [{"plan_id": plan.pk, "title": "Picnic", "place": "the park",
                                   "when": plans["to_answer"][0]["when"]}]
    dates.plan_accept(person=alice, couple=couple_for(alice), plan_id=plan.pk, version=plan.version)
    upcoming = api.get("/api/plans").json()["upcoming"]
    assert [u["title"] for u in upcoming] == ["Picnic"]


def test_export_holds_my_words_and_not_my_partners(couple):
    alice, bob = couple
    check_in(alice, "ALICE-OWN")
    check_in(bob, "BOB-OWN")
    body = api_as(alice, "read").get("/api/export")
    assert body.status_code == 200
    assert body.json()["person"]["email"] == alice.email
    assert "ALICE-OWN" in body.content.decode() and "BOB-OWN" not in body.content.decode()
    shared = api_as(alice, "read").get("/api/export?include_shared=true").json()
    assert [row["author"] for row in shared["checkins"]] == ["me", "partner"]  # both answered: bob's is open to her
    archive = api_as(alice, "read").get("/api/export.zip")
    assert archive["Content-Type"] == "application/zip" and archive.content.startswith(b"PK")


def test_someone_without_a_space_is_told_kindly(db):
    from tests.conftest import make_person

    response = api_as(make_person("Frank")).get("/api/checkins/today")
    assert response.status_code == 404
    assert "not in a space" in response.json()["detail"]


# --- query budgets -------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/checkins/today", "/api/appreciations", "/api/talk/tonight",
                                 "/api/commitments", "/api/plans"])
def test_each_read_costs_a_few_queries_however_much_there_is(couple, url, django_assert_max_num_queries):
    alice, bob = couple
    for n in range(5):
        with time_machine.travel(timezone.now() - dt.timedelta(days=n + 1), tick=False):
            check_in(alice, f"A{n}")
            check_in(bob, f"B{n}")
        checkins.appreciation_create(person=bob, couple=couple_for(bob), text=f"thanks {n}", submission=None)
        rituals.commitment_make(person=bob, couple=couple_for(bob), text=f"task {n}",
                                due_on=timezone.now().date() + dt.timedelta(days=n + 1))
        draw = prompts.draw_prompt(person=bob, couple=couple_for(bob), deck_slug="memories")
        prompts.answer_save(person=bob, draw_id=draw.pk, text=f"answer {n}")
    api = api_as(alice)
    with django_assert_max_num_queries(8):
        assert api.get(url).status_code == 200


def test_writes_cost_a_bounded_number_of_queries(couple, django_assert_max_num_queries):
    alice, _ = couple
    api = api_as(alice)
    with django_assert_max_num_queries(20):
        assert api.post("/api/checkins/today", ANSWERS).status_code == 200
    with django_assert_max_num_queries(16):
        assert api.post("/api/appreciations", {"text": "thanks"}).status_code == 201


def test_a_value_of_the_wrong_type_is_named_by_its_field(couple):
    alice, _ = couple
    response = api_as(alice).post("/api/appreciations", {"text": ["not", "words"]})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["text"]


def test_the_export_and_one_question_cost_a_bounded_number_of_queries(couple, django_assert_max_num_queries):
    alice, bob = couple
    draw = prompts.draw_prompt(person=bob, couple=couple_for(bob), deck_slug="memories")
    api = api_as(alice)
    with django_assert_max_num_queries(8):
        assert api.get(f"/api/talk/draws/{draw.pk}").status_code == 200
    with django_assert_max_num_queries(60):  # about one per kind of content (34 now), however much there is
        assert api.get("/api/export").status_code == 200
