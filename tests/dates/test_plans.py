"""Proposing, answering, changing and calling off plans; rituals; the line after a date."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from rekindle.dates import selectors, services
from rekindle.dates.models import AfterLine, Plan
from rekindle.news.models import NewsItem
from rekindle.spaces.models import Space
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for, make_person
from tests.dates.helpers import accept, local, propose


def messages_of(exc: ValidationError) -> dict:
    return {name: [str(m) for m in errors] for name, errors in exc.message_dict.items()}


def test_a_proposal_waits_for_the_partner_and_tells_them(couple):
    alice, bob = couple
    plan = propose(alice)
    assert plan.status == Plan.PROPOSED and plan.awaiting == bob
    assert NewsItem.objects.filter(actor=alice, kind="plan_proposed", object_id=plan.pk).exists()
    body = client_for(bob).get(reverse("together_plans")).content.decode()
    assert "Waiting for your answer" in body and "Cooking a destination dinner" in body


def test_the_partner_accepts_and_a_second_accept_says_it_is_already_planned(couple):
    alice, bob = couple
    plan = propose(alice)
    accepted = accept(bob, plan)
    assert accepted.status == Plan.ACCEPTED and accepted.awaiting is None
    with pytest.raises(ValidationError) as exc:
        accept(bob, plan)
    assert exc.value.code == "already"


def test_the_proposer_cannot_accept_their_own_time(couple):
    alice, _ = couple
    plan = propose(alice)
    with pytest.raises(ValidationError) as exc:
        accept(alice, plan)
    assert exc.value.code == "not_your_turn"


def test_suggesting_another_time_hands_the_answer_back(couple):
    alice, bob = couple
    plan = propose(alice)
    day, time = local(bob, 4, dt.time(18, 30))
    changed = services.plan_change(
        person=bob, couple=couple_for(bob), plan_id=plan.pk, version=plan.version, title=plan.title, day=day,
        time=time, duration_minutes=90,
    )
    assert changed.status == Plan.PROPOSED and changed.awaiting == alice and changed.time_zone == bob.time_zone
    assert accept(alice, changed).status == Plan.ACCEPTED


def test_changing_only_the_words_keeps_an_accepted_plan(couple):
    alice, bob = couple
    plan = accept(bob, propose(alice))
    start = plan.starts_at.astimezone(dt.timezone(dt.timedelta(0)))
    from rekindle.lib.dates import zone

    mine = plan.starts_at.astimezone(zone(alice.time_zone))
    changed = services.plan_change(
        person=alice, couple=couple_for(alice), plan_id=plan.pk, version=plan.version, title="Dinner from Lebanon",
        place="Our kitchen", day=mine.date(), time=mine.time(), duration_minutes=plan.duration_minutes,
    )
    assert changed.status == Plan.ACCEPTED and changed.title == "Dinner from Lebanon" and start == changed.starts_at


def test_a_stale_edit_is_refused_with_who_changed_it(couple):
    alice, bob = couple
    plan = propose(alice)
    old_version = plan.version
    accept(bob, plan)
    day, time = local(alice, 5)
    with pytest.raises(ValidationError) as exc:
        services.plan_change(person=alice, couple=couple_for(alice), plan_id=plan.pk, version=old_version,
                             title="Later", day=day, time=time, duration_minutes=60)
    assert exc.value.code == "stale" and "Bob changed this plan" in exc.value.messages[0]
    plan.refresh_from_db()
    assert plan.title == "Cooking a destination dinner"


def test_not_this_time_is_kind_and_closes_it(couple):
    alice, bob = couple
    plan = propose(alice)
    declined = services.plan_decline(person=bob, couple=couple_for(bob), plan_id=plan.pk, version=plan.version)
    assert declined.status == Plan.DECLINED
    news = NewsItem.objects.get(actor=bob, kind="plan_declined")
    from rekindle.news.kinds import sentence_for

    assert "not this time" in sentence_for(news, actor_name="Bob")


@pytest.mark.parametrize(
    "field,kwargs,words",
    [
        ("day", {"days": -1}, "already passed"),
        ("duration_minutes", {"minutes": 0}, "at least a quarter of an hour"),
        ("duration_minutes", {"minutes": 7 * 24 * 60}, "longer than two days"),
        ("title", {"title": "   "}, "Say what you'd like to do"),
        ("repeat_until", {"repeat": "weekly", "until": "before"}, "before the first time"),
        ("repeat_until", {"repeat": "monthly", "until": "soon"}, "before the second time"),
        ("repeat", {"repeat": "hourly"}, "Choose how often"),
    ],
)
def test_bad_plans_get_a_clear_message_next_to_the_field(couple, field, kwargs, words):
    alice, _ = couple
    if kwargs.get("until") == "before":
        kwargs["until"] = local(alice, 1)[0]
    elif kwargs.get("until") == "soon":
        kwargs["until"] = local(alice, 10)[0]
    with pytest.raises(ValidationError) as exc:
        propose(alice, **kwargs)
    assert words in " ".join(messages_of(exc.value)[field])
    assert not Plan.objects.exists()


def test_a_time_the_clocks_skip_is_refused(couple):
    alice, _ = couple
    with time_machine.travel(dt.datetime(2027, 3, 20, 12, tzinfo=dt.UTC), tick=False):
        with pytest.raises(ValidationError) as exc:
            services.plan_propose(person=alice, couple=couple_for(alice), title="Stargazing", day=dt.date(2027, 3, 28),
                                  time=dt.time(1, 30), duration_minutes=60)
    assert "clocks go forward" in messages_of(exc.value)["time"][0]


def test_solo_people_are_told_plans_need_two(erin):
    with pytest.raises(ValidationError) as exc:
        propose(erin)
    assert exc.value.code == "solo"


def test_the_same_form_sent_twice_makes_one_plan(couple):
    import uuid

    alice, _ = couple
    submission = uuid.uuid4()
    day, time = local(alice)
    for _ in range(2):
        services.plan_propose(person=alice, couple=couple_for(alice), title="Picnic", day=day, time=time,
                              duration_minutes=60, submission=submission)
    assert Plan.objects.count() == 1


def test_another_couple_cannot_touch_the_plan(couple, other_couple):
    alice, _ = couple
    carol, _ = other_couple
    plan = propose(alice)
    with pytest.raises(ValidationError) as exc:
        services.plan_accept(person=carol, couple=couple_for(carol), plan_id=plan.pk, version=plan.version)
    assert exc.value.code == "not_found"
    assert client_for(carol).get(reverse("together_plan", kwargs={"plan_id": plan.pk})).status_code == 404


def test_skipping_one_time_keeps_the_rest(couple):
    alice, bob = couple
    plan = accept(bob, propose(alice, title="Sunday walk", repeat="weekly", minutes=60))
    now = timezone.now()
    times = [o.local_date for o in selectors.occurrences([plan], now, now + dt.timedelta(days=30))]
    services.plan_skip(person=bob, couple=couple_for(bob), plan_id=plan.pk, on_date=times[1])
    plan.refresh_from_db()
    after = [o.local_date for o in selectors.occurrences([plan], now, now + dt.timedelta(days=30))]
    assert times[1] not in after and times[0] in after and times[2] in after
    with pytest.raises(ValidationError):
        services.plan_skip(person=bob, couple=couple_for(bob), plan_id=plan.pk, on_date=times[0] + dt.timedelta(days=1))


def test_ending_a_ritual_stops_what_comes_after(couple):
    alice, bob = couple
    plan = accept(bob, propose(alice, title="Date night", repeat="weekly", days=1))
    with time_machine.travel(timezone.now() + dt.timedelta(days=9), tick=False):
        services.plan_end(person=alice, couple=couple_for(alice), plan_id=plan.pk)
        plan.refresh_from_db()
        assert plan.status == Plan.ACCEPTED and plan.repeat_until is not None
        assert selectors.next_occurrence(plan, timezone.now()) is None


def test_calling_off_takes_it_out_of_today(couple):
    alice, bob = couple
    plan = accept(bob, propose(alice))
    assert Space.objects.get(pk=couple_for(alice).space.pk).plans_until is not None
    services.plan_cancel(person=alice, couple=couple_for(alice), plan_id=plan.pk)
    assert Space.objects.get(pk=couple_for(alice).space.pk).plans_until is None
    assert "Cooking a destination dinner" not in client_for(bob).get(reverse("today")).content.decode()


def test_today_shows_the_next_date_in_each_partners_own_time(couple):
    alice, bob = couple
    bob.time_zone = "America/New_York"
    bob.save()
    plan = accept(bob, propose(alice, days=3))
    alice_body = client_for(alice).get(reverse("today")).content.decode()
    bob_body = client_for(bob).get(reverse("today")).content.decode()
    from rekindle.lib.dates import zone

    for person, body in ((alice, alice_body), (bob, bob_body)):
        clock = plan.starts_at.astimezone(zone(person.time_zone)).strftime("%H:%M")
        assert clock in body and "Cooking a destination dinner" in body
    assert "for Bob" in alice_body and "for Alice" in bob_body


def test_the_day_after_both_are_asked_how_it_was_and_each_line_is_their_own(couple):
    alice, bob = couple
    plan = accept(bob, propose(alice, days=1))
    occurred_on = plan.starts_at.astimezone(dt.timezone.utc).date()
    from rekindle.lib.dates import zone

    occurred_on = plan.starts_at.astimezone(zone(plan.time_zone)).date()
    with time_machine.travel(plan.starts_at + dt.timedelta(hours=16), tick=False):
        for person in (alice, bob):
            assert "how was it?" in client_for(person).get(reverse("today")).content.decode()
        services.after_line_save(person=alice, couple=couple_for(alice), plan_id=plan.pk, occurred_on=occurred_on,
                                 text="We burnt the rice and laughed")
        assert "how was it?" not in client_for(alice).get(reverse("today")).content.decode()
        response = client_for(bob).post(reverse("together_plan_line", kwargs={"plan_id": plan.pk}),
                                        {"occurred_on": occurred_on.isoformat(), "not_now": "1", "text": ""})
        assert response.status_code == 302
        assert "how was it?" not in client_for(bob).get(reverse("today")).content.decode()
        page = client_for(bob).get(reverse("together_plan", kwargs={"plan_id": plan.pk}))
        assert "We burnt the rice and laughed" in page.content.decode()
        from rekindle.memories.templatetags.memories import memory_new_url

        offer = memory_new_url(title=plan.title, date=occurred_on).replace("&", "&amp;")
        assert offer in page.content.decode()  # "add to our memories", pre-filled
    assert AfterLine.objects.get(author=alice).text == "We burnt the rice and laughed"
    with time_machine.travel(plan.starts_at + dt.timedelta(days=3), tick=False):
        assert "how was it?" not in client_for(alice).get(reverse("today")).content.decode()  # never nagged


def test_no_line_before_the_date_has_happened(couple):
    alice, bob = couple
    plan = accept(bob, propose(alice, days=2))
    with pytest.raises(ValidationError) as exc:
        services.after_line_save(person=alice, couple=couple_for(alice), plan_id=plan.pk,
                                 occurred_on=local(alice, 2)[0], text="Lovely")
    assert "hasn't happened yet" in messages_of(exc.value)["text"][0]


def test_the_meeting_step_seven_suggests_a_date_here(couple):
    from rekindle.rituals import services as rituals

    alice, bob = couple
    meeting = rituals.meeting_start(person=alice, couple=couple_for(alice))
    rituals.meeting_save_notes(person=alice, couple=couple_for(alice), meeting_id=meeting.pk, next_date_plan="Bowling")
    client = client_for(alice)
    step = client.get(reverse("meeting_step", kwargs={"meeting_id": meeting.pk, "step": 7})).content.decode()
    new_url = reverse("together_plan_new") + f"?meeting={meeting.pk}"
    assert new_url in step
    form = client.get(new_url)
    assert form.context["form"].initial["title"] == "Bowling"
    day, time = local(alice, 6)
    response = client.post(reverse("together_plan_new"), {
        "title": "Bowling", "day": day.isoformat(), "time": "19:30", "duration_minutes": "120", "repeat": "",
        "meeting_id": meeting.pk,
    })
    assert response.status_code == 302 and response.url.endswith("/step/7/")
    plan = Plan.objects.get()
    assert plan.meeting == meeting and plan.awaiting == bob
    assert "Bowling" in client.get(reverse("meeting_step", kwargs={"meeting_id": meeting.pk, "step": 7})).content.decode()


def test_bad_input_in_the_form_keeps_what_was_typed(couple):
    alice, _ = couple
    response = client_for(alice).post(reverse("together_plan_new"), {
        "title": "Night swim", "place": "The lido", "day": "2001-01-01", "time": "19:00", "duration_minutes": "0",
    })
    body = response.content.decode()
    assert response.status_code == 400
    assert "already passed" in body and "quarter of an hour" in body
    assert 'value="Night swim"' in body and 'value="The lido"' in body


def test_a_plan_from_the_bucket_list_or_an_idea_starts_with_its_name(couple):
    from rekindle.together import services as together
    from rekindle.together.content import all_ideas

    alice, _ = couple
    item = together.bucket_item_add(person=alice, couple=couple_for(alice), title="Pottery class")
    client = client_for(alice)
    assert client.get(reverse("together_plan_new") + f"?bucket={item.pk}").context["form"].initial["title"] == "Pottery class"
    idea = all_ideas()[0]
    assert client.get(reverse("together_plan_new") + f"?idea={idea.id}").context["form"].initial["title"] == idea.title


def test_export_holds_my_plans_and_my_lines_only(couple):
    from rekindle.spaces.exports import export_for

    alice, bob = couple
    plan = accept(bob, propose(alice, days=1))
    from rekindle.lib.dates import zone

    occurred_on = plan.starts_at.astimezone(zone(plan.time_zone)).date()
    with time_machine.travel(plan.starts_at + dt.timedelta(hours=5), tick=False):
        services.after_line_save(person=bob, couple=couple_for(bob), plan_id=plan.pk, occurred_on=occurred_on,
                                 text="BOB-LINE")
    alice_export, bob_export = export_for(alice), export_for(bob)
    assert alice_export["plans"][0]["title"] == plan.title and alice_export["after_date_lines"] == []
    assert bob_export["plans"] == [] and bob_export["after_date_lines"][0]["text"] == "BOB-LINE"
    assert plan.title not in str(bob_export["after_date_lines"])


def test_a_stale_change_in_the_browser_keeps_the_words_and_says_who_changed_it(couple):
    alice, bob = couple
    plan = propose(alice)
    old_version = plan.version
    accept(bob, plan)
    day, _ = local(alice, 6)
    response = client_for(alice).post(reverse("together_plan_change", kwargs={"plan_id": plan.pk}), {
        "change-title": "Dinner on the roof", "change-day": day.isoformat(), "change-time": "20:00",
        "change-duration_minutes": "120", "change-repeat": "", "change-version": old_version,
    })
    body = response.content.decode()
    assert response.status_code == 400
    assert "Bob changed this plan a moment ago" in body and 'value="Dinner on the roof"' in body
    plan.refresh_from_db()
    assert plan.title == "Cooking a destination dinner" and plan.status == Plan.ACCEPTED
    # Sending it again on purpose saves it over the newer version.
    assert response.context["change_form"].data["change-version"] == plan.version


def test_a_double_accept_in_the_browser_says_it_is_already_planned(couple):
    alice, bob = couple
    plan = propose(alice)
    client = client_for(bob)
    url = reverse("together_plan_accept", kwargs={"plan_id": plan.pk})
    assert client.post(url, {"version": plan.version}).status_code == 302
    page = client.post(url, {"version": plan.version}, follow=True).content.decode()
    assert "already said yes" in page


def test_an_impossible_repeat_in_the_browser_is_explained_next_to_the_field(couple):
    alice, _ = couple
    day, _ = local(alice, 5)
    response = client_for(alice).post(reverse("together_plan_new"), {
        "title": "Sunday walk", "day": day.isoformat(), "time": "10:00", "duration_minutes": "60",
        "repeat": "weekly", "repeat_until": (day - dt.timedelta(days=3)).isoformat(),
    })
    assert response.status_code == 400
    assert "That end comes before the first time" in response.content.decode()


def test_plans_starting_soon_are_found_for_a_reminder(couple):
    alice, bob = couple
    plan = accept(bob, propose(alice, days=1, title="Date night", repeat="weekly"))
    start = plan.starts_at
    found = selectors.starting_between(bob, couple_for(bob), start - dt.timedelta(hours=1), start + dt.timedelta(minutes=1))
    assert [o.plan.pk for o in found] == [plan.pk]
    assert selectors.starting_between(bob, couple_for(bob), start + dt.timedelta(minutes=1),
                                      start + dt.timedelta(hours=2)) == []


def test_changing_a_plan_that_was_called_off_meanwhile_says_so(couple):
    alice, bob = couple
    plan = propose(alice)
    services.plan_cancel(person=bob, couple=couple_for(bob), plan_id=plan.pk)
    day, _ = local(alice, 6)
    response = client_for(alice).post(reverse("together_plan_change", kwargs={"plan_id": plan.pk}), {
        "change-title": "Later", "change-day": day.isoformat(), "change-time": "20:00",
        "change-duration_minutes": "60", "change-version": plan.version + 1,
    }, follow=True)
    assert "This plan was called off" in response.content.decode()
