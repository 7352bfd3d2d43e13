"""Values side by side, shared values both confirm, goals with steps, and the rhythm that uses them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rekindle.goals import selectors, services
from rekindle.goals.content import values_list
from rekindle.goals.models import Goal, GoalStep, SharedValue, ValuePick
from rekindle.news.models import NewsItem
from rekindle.rituals import services as ritual_services
from rekindle.spaces.models import Person, Space
from rekindle.spaces.selectors import couple_for
from rekindle.spaces.services import space_leave
from tests.conftest import client_for
from tests.portability.zips import archive_text

pytestmark = pytest.mark.django_db


def goal(person, title="Walk together three evenings a week", *, shared=True, steps=(), days=30, value="Health"):
    return services.goal_create(person=person, couple=couple_for(person), shared=shared, title=title,
                                value_name=value, target_on=person.today() + dt.timedelta(days=days), steps=list(steps))


def soon(person, days=0):
    return person.today() + dt.timedelta(days=days)


# --- values -----------------------------------------------------------------------------------


def test_each_partner_picks_up_to_five_and_sees_both_side_by_side_with_what_they_share(couple):
    alice, bob = couple
    services.values_pick(person=alice, couple=couple_for(alice), keys=["family", "health", "curiosity"],
                         own=["Slow Sundays"])
    services.values_pick(person=bob, couple=couple_for(bob), keys=["health", "adventure"], own=["slow sundays"])
    view = selectors.values_view(bob, couple_for(bob))
    assert [v.name for v in view.mine] == ["Health", "Adventure", "slow sundays"]
    assert {v.name for v in view.theirs} == {"Family", "Health", "Curiosity", "Slow Sundays"}
    assert view.in_common == {"health", "slow sundays"}
    assert {v.name for v in view.to_talk_about} == {"Adventure", "Family", "Curiosity"}
    page = client_for(bob).get(reverse("values")).content.decode()
    assert "Side by side" in page and "something to talk about" in page and "Curiosity" in page


def test_a_sixth_value_is_refused_and_the_five_saved_before_stay(couple):
    alice, _ = couple
    keys = ["family", "health", "curiosity", "service", "growth"]
    services.values_pick(person=alice, couple=couple_for(alice), keys=keys, own=[])
    response = client_for(alice).post(reverse("values"), {"values": keys, "own_1": "Music"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Pick up to five. You&#x27;ve chosen 6" in body
    assert body.count("checked") >= 5  # the ticks the person made are still there
    assert sorted(ValuePick.objects.filter(author=alice).values_list("value_key", flat=True)) == sorted(keys)


def test_unknown_values_are_refused(couple):
    alice, _ = couple
    with pytest.raises(ValidationError):
        services.values_pick(person=alice, couple=couple_for(alice), keys=["not-a-value"], own=[])


def test_a_value_is_shared_only_once_both_confirm(couple):
    alice, bob = couple
    suggestion = services.shared_value_propose(person=alice, couple=couple_for(alice), key="health")
    assert not suggestion.confirmed
    with pytest.raises(ValidationError, match="Your partner confirms"):
        services.shared_value_confirm(person=alice, couple=couple_for(alice), shared_value_id=suggestion.pk)
    client_for(bob).post(reverse("values_confirm", kwargs={"shared_value_id": suggestion.pk}))
    assert SharedValue.objects.get(pk=suggestion.pk).confirmed_by == bob
    # Suggesting what the partner already suggested confirms it, instead of a second copy.
    family = services.shared_value_propose(person=bob, couple=couple_for(bob), name="family")
    again = services.shared_value_propose(person=alice, couple=couple_for(alice), name="Family")
    assert again.pk == family.pk and again.confirmed
    assert [s.name for s in selectors.values_view(alice, couple_for(alice)).confirmed] == ["Health", "Family"]
    assert NewsItem.objects.filter(kind="shared_value", actor=bob, detail="confirmed").exists()


def test_values_come_from_content_with_a_why_for_each():
    values = values_list()
    assert values.why and len(values.values) >= 20
    assert all(v.meaning and v.why for v in values.values)


# --- goals ------------------------------------------------------------------------------------


def test_a_shared_goal_with_steps_is_owned_by_both_and_either_ticks_a_step(couple):
    alice, bob = couple
    g = goal(alice, steps=[("Look up routes", soon(alice, 3)), ("Buy shoes", soon(alice, 7)), ("First walk", None)])
    first, second, third = GoalStep.objects.filter(goal=g).order_by("id")
    services.step_tick(person=bob, couple=couple_for(bob), step_id=first.pk)
    first.refresh_from_db()
    assert first.done_by == bob and first.done_on == bob.today()
    shown = selectors.open_goals(alice, couple_for(alice))[0]
    assert (shown.steps_done, shown.steps_total, shown.next_step_title) == (1, 3, "Buy shoes")
    news = NewsItem.objects.get(kind="goal_step_done")
    assert news.actor == bob and news.object_id == g.pk


def test_a_step_can_be_reworded_and_moved_and_bad_input_keeps_what_was_typed(couple, django_assert_max_num_queries):
    alice, bob = couple
    g = goal(alice, steps=[("Look up routes", soon(alice, 3))])
    step = g.steps.get()
    url = reverse("goals_step_edit", kwargs={"step_id": step.pk})
    as_bob = client_for(bob)
    with django_assert_max_num_queries(8):
        page = as_bob.get(url)
    assert page.status_code == 200 and "Look up routes" in page.content.decode()
    response = client_for(bob).post(url, {"title": "Look up routes by the river", "due_on": soon(alice, 10).isoformat()})
    assert response.status_code == 302 and response["Location"].endswith("#steps")
    step.refresh_from_db()
    assert (step.title, step.due_on) == ("Look up routes by the river", soon(alice, 10))
    # A past date is refused, kindly, and the new words stay in the box.
    response = client_for(alice).post(url, {"title": "Routes, and a map", "due_on": soon(alice, -2).isoformat()})
    body = response.content.decode()
    assert response.status_code == 400 and "already passed" in body and "Routes, and a map" in body
    step.refresh_from_db()
    assert step.title == "Look up routes by the river"


def test_a_step_date_already_past_may_stay_while_its_words_change(couple):
    alice, _ = couple
    g = goal(alice, steps=[("Book the table", soon(alice, 1))])
    step = g.steps.get()
    GoalStep.objects.filter(pk=step.pk).update(due_on=soon(alice, -3))
    services.step_update(person=alice, couple=couple_for(alice), step_id=step.pk, title="Book the corner table",
                         due_on=soon(alice, -3))
    step.refresh_from_db()
    assert step.title == "Book the corner table"


def test_a_partners_own_step_and_another_couples_step_cannot_be_changed(couple, other_couple):
    alice, bob = couple
    carol, _ = other_couple
    step = goal(alice, "Run 5k", shared=False, steps=[("Couch to 5k week 1", None)]).steps.get()
    with pytest.raises(ValidationError, match="partner's own goal"):
        services.step_update(person=bob, couple=couple_for(bob), step_id=step.pk, title="Mine now", due_on=None)
    assert client_for(carol).get(reverse("goals_step_edit", kwargs={"step_id": step.pk})).status_code == 404
    step.refresh_from_db()
    assert step.title == "Couch to 5k week 1"


def test_a_partners_own_goal_can_be_followed_and_cheered_but_not_changed(couple):
    alice, bob = couple
    g = goal(alice, "Run 5k", shared=False, steps=[("Couch to 5k week 1", None)])
    step = g.steps.get()
    with pytest.raises(ValidationError, match="partner's own goal"):
        services.step_tick(person=bob, couple=couple_for(bob), step_id=step.pk)
    with pytest.raises(ValidationError, match="partner's own goal"):
        services.goal_set_status(person=bob, couple=couple_for(bob), goal_id=g.pk, status=Goal.DONE)
    page = client_for(bob).get(reverse("goals_detail", kwargs={"goal_id": g.pk})).content.decode()
    assert "Run 5k" in page and "I'm cheering you on" in page and "Change the goal" not in page
    client_for(bob).post(reverse("goals_cheer", kwargs={"goal_id": g.pk}))
    client_for(bob).post(reverse("goals_cheer", kwargs={"goal_id": g.pk}))  # once a day is plenty
    assert NewsItem.objects.filter(kind="goal_cheer", actor=bob).count() == 1
    with pytest.raises(ValidationError):
        services.goal_cheer(person=alice, couple=couple_for(alice), goal_id=g.pk)


def test_progress_is_steps_done_never_a_grade(couple):
    alice, _ = couple
    g = goal(alice, steps=[("One", None), ("Two", None)])
    services.step_tick(person=alice, couple=couple_for(alice), step_id=g.steps.first().pk)
    page = client_for(alice).get(reverse("goals_detail", kwargs={"goal_id": g.pk})).content.decode()
    assert "1 of 2 done" in page
    assert "%" not in page.split("<main", 1)[-1].split("</main>", 1)[0]


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"title": "   "}, "title", "Say what you&#x27;re aiming for"),
        ({"value_name": ""}, "value_name", "Name the value it serves"),
        ({"target_on": "2020-01-01"}, "target_on", "That date has already passed"),
        ({"step_1_due": "2020-01-01"}, "step_1_due", "That date has already passed"),
    ],
)
def test_bad_goal_input_gets_a_clear_message_and_keeps_the_words(couple, data, field, message):
    alice, _ = couple
    form = {"title": "Save for a trip to Lisbon", "value_name": "Adventure", "shared": "yes",
            "target_on": soon(alice, 90).isoformat(), "note": "Spring, ideally", "step_1_title": "Open a savings pot",
            "step_1_due": "", **data}
    response = client_for(alice).post(reverse("goals_new"), form)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "Spring, ideally" in body and "Open a savings pot" in body
    assert not Goal.objects.exists()


def test_a_stale_edit_is_refused_and_keeps_what_was_typed(couple):
    alice, bob = couple
    g = goal(alice)
    url = reverse("goals_edit", kwargs={"goal_id": g.pk})
    edit = {"title": "Walk four evenings a week", "value_name": "Health", "target_on": g.target_on.isoformat(),
            "note": "", "version": g.version}
    assert client_for(bob).post(url, edit).status_code == 302
    mine = {**edit, "title": "Walk every evening", "note": "After dinner"}
    response = client_for(alice).post(url, mine)
    assert response.status_code == 400
    body = response.content.decode()
    assert "changed while you were editing" in body
    assert "Walk every evening" in body and "After dinner" in body and "Walk four evenings a week" in body
    assert Goal.objects.get(pk=g.pk).title == "Walk four evenings a week"
    # Saving again (with the newer version the page now carries) keeps these words.
    again = {**mine, "version": Goal.objects.get(pk=g.pk).version}
    assert client_for(alice).post(url, again).status_code == 302
    assert Goal.objects.get(pk=g.pk).title == "Walk every evening"


def test_an_old_target_date_may_stay_when_editing_other_words(couple):
    alice, _ = couple
    g = goal(alice)
    Goal.objects.filter(pk=g.pk).update(target_on=soon(alice, -10))
    g.refresh_from_db()
    services.goal_update(person=alice, couple=couple_for(alice), goal_id=g.pk, version=g.version, title="New words",
                         value_name="Health", target_on=g.target_on)
    assert Goal.objects.get(pk=g.pk).title == "New words"


def test_a_goal_is_paused_finished_with_a_memory_offer_or_let_go_with_a_line_why(couple):
    alice, bob = couple
    g = goal(alice)
    client = client_for(bob)
    status = reverse("goals_status", kwargs={"goal_id": g.pk})
    client.post(status, {"status": "paused"})
    assert Goal.objects.get(pk=g.pk).status == Goal.PAUSED
    client.post(status, {"status": "active"})
    response = client.post(status, {"status": "let_go", "why": ""})
    assert response.status_code == 400 and "A line on why helps" in response.content.decode()
    assert Goal.objects.get(pk=g.pk).status == Goal.ACTIVE
    client.post(status, {"status": "let_go", "why": "Winter came; we'll swim instead"})
    let_go = Goal.objects.get(pk=g.pk)
    assert let_go.status == Goal.LET_GO and let_go.ended_note == "Winter came; we'll swim instead"
    other = goal(alice, "Save for Lisbon")
    client.post(reverse("goals_status", kwargs={"goal_id": other.pk}), {"status": "done"})
    response = client.get(reverse("goals_detail", kwargs={"goal_id": other.pk}))
    from rekindle.memories.templatetags.memories import memory_new_url

    offer = memory_new_url(title="Save for Lisbon", date=bob.today()).replace("&", "&amp;")
    assert offer in response.content.decode()  # "add to our memories", pre-filled
    assert NewsItem.objects.filter(kind="goal_done", actor=bob).exists()


def test_goals_live_in_the_space_and_another_couple_cannot_reach_them(couple, other_couple):
    alice, _ = couple
    carol, _ = other_couple
    g = goal(alice)
    assert client_for(carol).get(reverse("goals_detail", kwargs={"goal_id": g.pk})).status_code == 404
    with pytest.raises(ValidationError):
        services.step_add(person=carol, couple=couple_for(carol), goal_id=g.pk, title="Sneaky", due_on=None)


def test_what_a_leaver_wrote_leaves_with_them(couple):
    alice, bob = couple
    goal(alice, "Alice's shared goal")
    space_leave(person=alice)
    assert selectors.open_goals(bob, couple_for(bob)) == []


# --- the rhythm -------------------------------------------------------------------------------


def test_the_meetings_step_4_shows_each_shared_goals_next_step(couple):
    alice, bob = couple
    g = goal(alice, steps=[("Look up routes", soon(alice, 1)), ("Buy shoes", soon(alice, 5))])
    goal(alice, "My own thing", shared=False, steps=[("Private-ish step", None)])
    services.step_tick(person=bob, couple=couple_for(bob), step_id=g.steps.order_by("id").first().pk)
    meeting = ritual_services.meeting_start(person=alice, couple=couple_for(alice))
    page = client_for(bob).get(reverse("meeting_step", kwargs={"meeting_id": meeting.pk, "step": 4})).content.decode()
    assert "Our shared goals" in page and "Next step: Buy shoes" in page
    assert "My own thing" not in page


def test_the_quarterly_review_revisits_values_and_goals_and_offers_next_quarters(couple):
    alice, bob = couple
    shared = services.shared_value_propose(person=alice, couple=couple_for(alice), key="curiosity")
    services.shared_value_confirm(person=bob, couple=couple_for(bob), shared_value_id=shared.pk)
    goal(alice, "Learn to dance")
    review = ritual_services.review_open(person=alice, couple=couple_for(alice))
    page = client_for(bob).get(reverse("review", kwargs={"review_id": review.pk})).content.decode()
    assert "Curiosity" in page and "Learn to dance" in page
    end = selectors.quarter_end(selectors.quarter_end(review.quarter_start) + dt.timedelta(days=1))
    assert f"?target={end.isoformat()}" in page
    form = client_for(bob).get(reverse("goals_new") + f"?target={end.isoformat()}").content.decode()
    assert f'value="{end.isoformat()}"' in form


def test_today_shows_a_due_goal_step_and_asks_nothing_when_none_is_due(couple, django_assert_num_queries):
    alice, bob = couple
    g = goal(alice, steps=[("Book the class", soon(alice, 2))])
    assert Space.objects.get(pk=couple_for(alice).space.pk).next_goal_step_on == soon(alice, 2)
    from rekindle.today.cards import TodayPage, goal_step

    page = TodayPage(request=None, person=bob, couple=couple_for(bob))
    with django_assert_num_queries(0):
        assert goal_step(page) is None  # not due yet: decided from the space row already loaded
    GoalStep.objects.filter(goal=g).update(due_on=soon(alice, -1))
    services.refresh_next_step(couple_for(alice).space)
    bob = Person.objects.get(pk=bob.pk)  # a new request: the space row is read afresh
    page = TodayPage(request=None, person=bob, couple=couple_for(bob))
    with django_assert_num_queries(1):
        context = goal_step(page)
    assert context["goal_step"].title == "Book the class"
    body = client_for(bob).get(reverse("today")).content.decode()
    assert "A goal step for today" in body and "Book the class" in body
    client_for(bob).post(reverse("goals_step_tick", kwargs={"step_id": g.steps.get().pk}),
                         {"done": "yes", "next": reverse("today")})
    assert Space.objects.get(pk=couple_for(alice).space.pk).next_goal_step_on is None
    assert "A goal step for today" not in client_for(bob).get(reverse("today")).content.decode()


def test_a_paused_goal_has_no_due_step_on_today(couple):
    alice, _ = couple
    g = goal(alice, steps=[("Step", soon(alice))])
    services.goal_set_status(person=alice, couple=couple_for(alice), goal_id=g.pk, status=Goal.PAUSED)
    assert Space.objects.get(pk=couple_for(alice).space.pk).next_goal_step_on is None


def test_news_of_goals_carries_no_words(couple):
    alice, bob = couple
    goal(alice, "SECRET-TITLE", steps=[("SECRET-STEP", None)])
    with CaptureQueriesContext(connection):
        body = client_for(bob).get(reverse("today")).content.decode()
    assert "set a new goal for the two of you" in body
    bob.refresh_from_db()
    assert "SECRET" not in str(bob.news_feed)


def test_export_holds_my_goals_and_steps_but_not_my_partners(couple):
    alice, bob = couple
    g = goal(alice, "ALICE-GOAL", steps=[("ALICE-STEP", None)])
    services.step_add(person=bob, couple=couple_for(bob), goal_id=g.pk, title="BOB-STEP", due_on=None)
    goal(bob, "BOB-GOAL")
    services.values_pick(person=bob, couple=couple_for(bob), keys=[], own=["BOB-VALUE"])
    alice_export = archive_text(alice)
    assert "ALICE-GOAL" in alice_export and "ALICE-STEP" in alice_export
    assert "BOB-" not in alice_export
