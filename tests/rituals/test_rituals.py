import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from rekindle.care import services as care_services
from rekindle.rituals import selectors, services
from rekindle.rituals.models import Commitment, Meeting, MeetingEntry
from rekindle.spaces import services as space_services
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for

UTC = dt.timezone.utc


def make(person, text="Be on time for our Sunday talk", days=3):
    return services.commitment_make(
        person=person, couple=couple_for(person), text=text, due_on=person.today() + dt.timedelta(days=days)
    )


# --- commitments ---------------------------------------------------------------------------------


def test_both_partners_see_a_commitment(couple):
    alice, bob = couple
    commitment = make(alice)
    assert commitment in selectors.open_commitments(bob)
    assert "Be on time for our Sunday talk" in client_for(bob).get(reverse("commitments")).content.decode()


def test_only_the_maker_records_the_outcome(couple):
    alice, bob = couple
    commitment = make(alice)
    with pytest.raises(ValidationError, match="Only the person who made"):
        services.commitment_kept(person=bob, commitment_id=commitment.pk)
    services.commitment_kept(person=alice, commitment_id=commitment.pk)
    with pytest.raises(ValidationError, match="already has an outcome"):
        services.commitment_kept(person=alice, commitment_id=commitment.pk)


def test_a_missed_commitment_is_acknowledged_with_an_alternative(couple):
    alice, bob = couple
    commitment = make(alice)
    with pytest.raises(ValidationError):
        services.commitment_not_kept(person=alice, commitment_id=commitment.pk, alternative="  ")
    services.commitment_not_kept(person=alice, commitment_id=commitment.pk, alternative="I'll cook on Thursday instead")
    body = client_for(bob).get(reverse("commitments")).content.decode()
    assert "Instead: I&#x27;ll cook on Thursday instead" in body


def test_renegotiating_replaces_the_commitment(couple):
    alice, _ = couple
    commitment = make(alice)
    new = services.commitment_renegotiate(
        person=alice, couple=couple_for(alice), commitment_id=commitment.pk,
        text="Be on time for our Saturday talk", due_on=alice.today() + dt.timedelta(days=5),
    )
    commitment.refresh_from_db()
    assert commitment.outcome == "renegotiated" and new.renegotiated_from == commitment


def test_bad_dates_get_a_message_at_the_field(couple):
    alice, _ = couple
    client = client_for(alice)
    response = client.post(reverse("commitments"), {"text": "Call my sister", "due_on": "2001-01-01"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Pick today or a day ahead." in body and 'value="Call my sister"' in body
    response = client.post(reverse("commitments"), {"text": "", "due_on": "not a date"})
    assert "Say what you will do" in response.content.decode()
    assert not Commitment.objects.exists()


def test_kept_rate_covers_eight_weeks_for_the_couple_together(couple):
    alice, bob = couple
    with time_machine.travel(dt.datetime(2026, 9, 1, 9, tzinfo=UTC), tick=False):
        old = make(alice, days=1)
        services.commitment_kept(person=alice, commitment_id=old.pk)
    with time_machine.travel(dt.datetime(2026, 11, 1, 9, tzinfo=UTC), tick=False):
        kept = [make(alice, days=1), make(bob, days=2)]
        missed = make(bob, days=3)
        for commitment in kept:
            services.commitment_kept(person=commitment.author, commitment_id=commitment.pk)
        services.commitment_not_kept(person=bob, commitment_id=missed.pk, alternative="Next week")
        make(alice, days=5)  # still open: not counted either way
    with time_machine.travel(dt.datetime(2026, 11, 21, 9, tzinfo=UTC), tick=False):
        rate = selectors.kept_rate(alice, timezone.now())
        assert (rate.kept, rate.settled, rate.percent) == (2, 3, 67)
        body = client_for(bob).get(reverse("commitments")).content.decode()
        assert "2 of 3" in body and "not a score for either of you" in body


# --- experiments ---------------------------------------------------------------------------------


def test_an_experiment_runs_for_its_trial_and_is_reviewed(couple):
    alice, bob = couple
    experiment = services.experiment_start(person=alice, couple=couple_for(alice), title="No phones at dinner", plan="", days=14)
    assert experiment.review_on == alice.today() + dt.timedelta(days=14)
    services.experiment_review(person=bob, couple=couple_for(bob), experiment_id=experiment.pk, decision="adjust",
                               note="Weekdays only")
    experiment.refresh_from_db()
    assert experiment.status == "adjust" and experiment.review_note == "Weekdays only"
    with pytest.raises(ValidationError, match="already been reviewed"):
        services.experiment_review(person=bob, couple=couple_for(bob), experiment_id=experiment.pk, decision="keep", note="x")


def test_an_experiment_needs_a_sensible_trial(couple):
    alice, _ = couple
    response = client_for(alice).post(reverse("experiments"), {"title": "", "days": "999"})
    assert response.status_code == 400
    assert "Name what you&#x27;ll try." in response.content.decode()


# --- the weekly meeting --------------------------------------------------------------------------


def test_a_meeting_can_be_left_and_resumed(couple):
    alice, bob = couple
    meeting = services.meeting_start(person=alice, couple=couple_for(alice))
    services.meeting_go_to(person=alice, couple=couple_for(alice), meeting_id=meeting.pk, step=3)
    assert services.meeting_start(person=bob, couple=couple_for(bob)) == meeting
    response = client_for(bob).get(reverse("meetings"))
    assert "stopped at step 3" in response.content.decode()


def test_the_meetings_page_names_who_started_the_meeting(couple):
    alice, bob = couple
    services.meeting_start(person=alice, couple=couple_for(alice))
    assert "Alice started it on" in client_for(bob).get(reverse("meetings")).content.decode()
    body = client_for(alice).get(reverse("meetings")).content.decode()
    assert "You started it on" in body and "Alice started" not in body


def test_one_commitment_kept_is_said_in_the_singular(couple):
    alice, bob = couple
    services.commitment_kept(person=alice, commitment_id=make(alice).pk)
    body = client_for(bob).get(reverse("commitments")).content.decode()
    assert "1 of 1</span> commitment kept" in body
    services.commitment_kept(person=alice, commitment_id=make(alice, text="Cook on Friday").pk)
    assert "2 of 2</span> commitments kept" in client_for(bob).get(reverse("commitments")).content.decode()


def test_on_one_phone_entries_are_recorded_for_whoever_speaks(couple):
    alice, bob = couple
    meeting = services.meeting_start(person=alice, couple=couple_for(alice))
    client_for(alice).post(
        reverse("meeting_entry", kwargs={"meeting_id": meeting.pk, "step": 1}),
        {"kind": "appreciation", "text": "You cooked all week", "speaker": bob.pk},
    )
    entry = MeetingEntry.objects.get()
    assert entry.author == bob and entry.entered_by == alice


def test_step_six_answers_become_the_partners_commitments(couple):
    alice, bob = couple
    meeting = services.meeting_start(person=alice, couple=couple_for(alice))
    url = reverse("meeting_request", kwargs={"meeting_id": meeting.pk})
    client_for(alice).post(url, {"request": "Ask me about my day at dinner", "speaker": alice.pk, "confirm": "1",
                                 "text": "ask you about your day at dinner"})
    commitment = Commitment.objects.get()
    assert commitment.author == bob and commitment.requested_by == alice and commitment.meeting == meeting
    assert commitment.due_on == meeting.held_on + dt.timedelta(days=7)


def test_meeting_steps_are_named_in_the_steps_bar(couple):
    alice, _ = couple
    meeting = services.meeting_start(person=alice, couple=couple_for(alice))
    page = client_for(alice).get(reverse("meeting_step", kwargs={"meeting_id": meeting.pk, "step": 2})).content.decode()
    assert '<span class="step-n">1</span> Appreciations</a>' in page
    assert '<span aria-current="step"><span class="step-n">2</span> Went well</span>' in page
    assert '<span class="step-n">7</span> Next date</a>' in page


def test_step_six_wording_is_confirmed_or_edited_before_it_is_saved(couple):
    alice, bob = couple
    meeting = services.meeting_start(person=alice, couple=couple_for(alice))
    url = reverse("meeting_request", kwargs={"meeting_id": meeting.pk})
    client = client_for(alice)
    # First tap: nothing is saved; the promise is offered in Bob's words, ready to edit.
    page = client.post(url, {"request": "called me at lunch", "speaker": alice.pk})
    assert page.status_code == 200 and not Commitment.objects.exists()
    body = page.content.decode()
    assert "Bob: I will…" in body and 'value="call you at lunch"' in body
    # An emptied field gets a kind message and keeps the wish.
    page = client.post(url, {"request": "called me at lunch", "speaker": alice.pk, "confirm": "1", "text": " "})
    assert page.status_code == 400 and not Commitment.objects.exists()
    assert "Say what you will do" in page.content.decode() and "called me at lunch" in page.content.decode()
    # Confirmed, with Bob's own edit.
    client.post(url, {"request": "called me at lunch", "speaker": alice.pk, "confirm": "1",
                      "text": "call you at lunch on Tuesday and Thursday"})
    commitment = Commitment.objects.get()
    assert commitment.author == bob and commitment.text == "call you at lunch on Tuesday and Thursday"
    services.meeting_finish(person=alice, couple=couple_for(alice), meeting_id=meeting.pk)
    record = client.get(reverse("meeting_record", kwargs={"meeting_id": meeting.pk})).content.decode()
    assert "Bob will</strong> call you at lunch on Tuesday" in record and "will called" not in record
    mine = client_for(bob).get(reverse("commitments")).content.decode()
    assert "I will</strong> call you at lunch on Tuesday" in mine


@pytest.mark.parametrize("wish, promise", [
    ("called me at lunch", "call you at lunch"),
    ("Ask me about my day at dinner", "ask you about your day at dinner"),
    ("hugged me before work", "hug you before work"),
    ("danced with me in the kitchen", "dance with you in the kitchen"),
    ("made me a coffee", "make you a coffee"),
    ("texted me when you leave work", "text you when I leave work"),
    ("tidied the hall", "tidy the hall"),
])
def test_a_wish_is_offered_as_a_promise(wish, promise):
    from rekindle.lib.wording import as_promise

    assert as_promise(wish) == promise


def test_the_record_is_saved_and_shared(couple):
    alice, bob = couple
    meeting = services.meeting_start(person=alice, couple=couple_for(alice))
    services.meeting_add_entry(person=alice, couple=couple_for(alice), meeting_id=meeting.pk, kind="went_well", text="The picnic")
    services.meeting_save_notes(person=bob, couple=couple_for(bob), meeting_id=meeting.pk, next_date_plan="Friday, the lake")
    services.meeting_finish(person=bob, couple=couple_for(bob), meeting_id=meeting.pk)
    body = client_for(alice).get(reverse("meeting_record", kwargs={"meeting_id": meeting.pk})).content.decode()
    assert "The picnic" in body and "Friday, the lake" in body
    with pytest.raises(ValidationError, match="finished"):
        services.meeting_add_entry(person=alice, couple=couple_for(alice), meeting_id=meeting.pk, kind="went_well", text="Late")
    assert meeting in selectors.past_meetings(couple_for(bob))


def test_the_record_heads_two_appreciations_in_the_plural(couple):
    alice, bob = couple
    meeting = services.meeting_start(person=alice, couple=couple_for(alice))
    add = services.meeting_add_entry
    add(person=alice, couple=couple_for(alice), meeting_id=meeting.pk, kind="appreciation", text="The soup")
    add(person=bob, couple=couple_for(bob), meeting_id=meeting.pk, kind="appreciation", text="The walk")
    add(person=bob, couple=couple_for(bob), meeting_id=meeting.pk, kind="went_well", text="Sunday")
    body = client_for(alice).get(reverse("meeting_record", kwargs={"meeting_id": meeting.pk})).content.decode()
    assert '<h2 id="rec-appreciation">Appreciations</h2>' in body and "An appreciation" not in body
    assert '<h2 id="rec-went_well">What went well</h2>' in body


def test_the_issue_step_is_simply_not_offered_when_joint_exercises_are_off(couple):
    alice, bob = couple
    meeting = services.meeting_start(person=alice, couple=couple_for(alice))
    care_services.joint_conflict_hide(person=alice, hide=True)
    for person in (alice, bob):
        client = client_for(person)
        assert client.get(reverse("meeting_step", kwargs={"meeting_id": meeting.pk, "step": 5})).status_code == 404
        page = client.get(reverse("meeting_step", kwargs={"meeting_id": meeting.pk, "step": 4})).content.decode()
        assert "One issue" not in page and '"step-n">7<' not in page  # six steps, numbered 1–6
        assert '<span class="step-n">6</span> Next date</a>' in page


def test_polling_returns_only_the_entries(couple, django_assert_max_num_queries):
    alice, bob = couple
    meeting = services.meeting_start(person=alice, couple=couple_for(alice))
    MeetingEntry.objects.bulk_create(
        MeetingEntry(meeting=meeting, author=bob, kind="appreciation", text=f"Thanks {i}") for i in range(200)
    )
    client = client_for(alice)
    with django_assert_max_num_queries(10):
        response = client.get(
            reverse("meeting_step", kwargs={"meeting_id": meeting.pk, "step": 1}), HTTP_HX_REQUEST="true"
        )
    body = response.content.decode()
    assert body.startswith('<div id="meeting-entries"') and "Thanks 199" in body


def test_another_couples_meeting_is_not_found(couple, other_couple):
    alice, _ = couple
    carol, _ = other_couple
    meeting = services.meeting_start(person=carol, couple=couple_for(carol))
    assert client_for(alice).get(reverse("meeting_step", kwargs={"meeting_id": meeting.pk, "step": 1})).status_code == 404
    with pytest.raises(ValidationError):
        services.meeting_add_entry(person=alice, couple=couple_for(alice), meeting_id=meeting.pk, kind="went_well", text="x")


# --- the quarterly review ------------------------------------------------------------------------


def test_quarterly_review_shows_the_quarters_figures(couple):
    alice, bob = couple
    from rekindle.checkins import services as checkin_services

    checkin_services.checkin_submit(person=alice, couple=couple_for(alice), answers={"rose": "r", "bud": "b", "thorn": "t"}, revision=None)
    kept = make(bob, days=0)
    services.commitment_kept(person=bob, commitment_id=kept.pk)
    meeting = services.meeting_start(person=alice, couple=couple_for(alice))
    services.meeting_finish(person=alice, couple=couple_for(alice), meeting_id=meeting.pk)
    review = services.review_open(person=alice, couple=couple_for(alice))
    figures = selectors.quarter_figures(bob, couple_for(bob), review.quarter_start)
    assert (figures.days_practised, figures.meetings_held, figures.commitments_kept, figures.commitments_settled) == (1, 1, 1, 1)


def test_a_stale_review_edit_keeps_your_words_and_shows_theirs(couple):
    alice, bob = couple
    review = services.review_open(person=alice, couple=couple_for(alice))
    services.review_save(person=bob, couple=couple_for(bob), review_id=review.pk, version=1, answers={"working": "Sundays"})
    response = client_for(alice).post(
        reverse("review", kwargs={"review_id": review.pk}), {"version": 1, "working": "Our walks"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Your partner saved this review" in body and "Our walks" in body and "Sundays" in body
    response = client_for(alice).post(reverse("review", kwargs={"review_id": review.pk}), {"version": 2, "working": "Our walks"})
    assert response.status_code == 302


def test_leaving_takes_your_commitments_and_entries_with_you(couple):
    alice, bob = couple
    make(alice)
    meeting = services.meeting_start(person=alice, couple=couple_for(alice))
    services.meeting_add_entry(person=alice, couple=couple_for(alice), meeting_id=meeting.pk, kind="went_well", text="Mine")
    space_services.space_leave(person=alice)
    assert selectors.open_commitments(bob) == []
    assert selectors.meeting_entries(bob, Meeting.objects.get())["went_well"] == []


def test_ritual_pages_stay_within_budget(couple, django_assert_max_num_queries):
    alice, bob = couple
    for i in range(30):
        make(alice, text=f"Promise {i}")
    meeting = services.meeting_start(person=alice, couple=couple_for(alice))
    review = services.review_open(person=alice, couple=couple_for(alice))
    client = client_for(alice)
    urls = [reverse("commitments"), reverse("experiments"), reverse("meetings"), reverse("reviews"),
            reverse("review", kwargs={"review_id": review.pk}), reverse("meeting_record", kwargs={"meeting_id": meeting.pk})]
    urls += [reverse("meeting_step", kwargs={"meeting_id": meeting.pk, "step": n}) for n in range(1, 8)]
    for url in urls:
        with django_assert_max_num_queries(10, info=url):
            assert client.get(url).status_code == 200, url
