import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from rekindle.lib.content import check_all
from rekindle.lib.dates import local_today
from rekindle.programs import content, selectors, services
from rekindle.programs.models import ActivityDone, Enrolment
from rekindle.programs.schedule import steps_open
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for, make_person, pair

UTC = dt.timezone.utc
CHALLENGE = "reconnect-30"


def at(*args):
    return time_machine.travel(dt.datetime(*args, tzinfo=UTC), tick=False)


def start(person, slug=CHALLENGE):
    return services.program_start(person=person, couple=couple_for(person), slug=slug)


def mark(person, enrolment, number, kind="emotional", note=""):
    return services.activity_mark(
        person=person, couple=couple_for(person), enrolment_id=enrolment.pk, number=number, kind=kind, note=note
    )


# --- content ---------------------------------------------------------------------------------


def test_every_program_has_the_steps_it_claims():
    programs = content.all_programs()
    challenge = programs[CHALLENGE]
    assert challenge.length == 30 and challenge.cadence == "daily"
    for step in challenge.steps:
        assert sorted(a.kind for a in step.activities) == ["emotional", "physical"]
    assert [p.name for p in challenge.phases] == ["Small daily gestures", "Opening up", "Deepening", "Recommitment"]
    assert [(p.first, p.last) for p in challenge.phases] == [(1, 7), (8, 15), (16, 23), (24, 30)]
    weeks = programs["nine-weeks"]
    assert weeks.length == 9 and weeks.cadence == "weekly"
    assert all(len(step.activities) >= 2 for step in weeks.steps)


def test_every_physical_activity_has_a_gentler_alternative():
    for program in content.all_programs().values():
        for step in program.steps:
            for activity in step.activities:
                if activity.kind == "physical":
                    assert activity.touch_tags, (program.slug, step.number)
                    assert activity.alternative and not activity.alternative.touch_tags


def test_content_check_counts_programs():
    summary = check_all().summary["programs"]
    assert summary[CHALLENGE] == {"days": 30, "steps": 30, "activities": 60}
    assert summary["nine-weeks"]["days"] == 63


@pytest.fixture
def override(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    (tmp_path / "content" / "programs").mkdir(parents=True)
    content.all_programs.cache_clear()
    yield tmp_path / "content" / "programs"
    content.all_programs.cache_clear()


def test_a_malformed_program_gets_a_precise_error(override):
    path = override / "broken.toml"
    path.write_text(
        'slug = "broken"\ntitle = "Broken"\nsummary = "s"\ndescription = "d"\ncadence = "daily"\n\n'
        '[[phases]]\nname = "Only"\nfirst = 1\nlast = 2\nintro = "i"\n\n'
        '[[steps]]\nnumber = 1\n  [[steps.activities]]\n  kind = "physical"\n  title = "Squeeze"\n'
        '  how = "h"\n  why = "w"\n  touch_tags = ["tickling"]\n\n'
        '[[steps]]\nnumber = 3\n  [[steps.activities]]\n  kind = "emotional"\n  title = "Talk"\n  how = "h"\n  why = "w"\n'
    )
    problems = "\n".join(check_all().problems)
    assert f"{path}:17: unknown touch tag(s) tickling" in problems
    assert f"{path}:17: a physical activity needs an alternative" in problems
    assert f"{path}:23: steps must be numbered 1, 2, 3 … without gaps: expected 2, found 3" in problems


def test_a_new_program_file_needs_no_code(override):
    (override / "tiny.toml").write_text(
        'slug = "tiny"\ntitle = "Tiny"\nsummary = "s"\ndescription = "d"\ncadence = "daily"\n'
        '[[phases]]\nname = "All"\nfirst = 1\nlast = 1\nintro = "i"\n'
        '[[steps]]\nnumber = 1\n  [[steps.activities]]\n  kind = "together"\n  title = "Walk"\n  how = "h"\n  why = "w"\n'
    )
    assert content.get_program("tiny").length == 1


# --- running a program -------------------------------------------------------------------------


def test_a_couple_runs_one_program_at_a_time(couple):
    alice, bob = couple
    enrolment = start(alice)
    assert start(bob) == enrolment  # both pressing start is fine
    with pytest.raises(ValidationError, match="already on a program"):
        start(bob, "nine-weeks")


def test_day_n_opens_on_the_couples_nth_local_day(couple):
    alice, bob = couple
    with at(2026, 11, 21, 9, 0):
        enrolment = start(alice)
        with pytest.raises(ValidationError, match="Day 2 opens on 22 November"):
            mark(alice, enrolment, 2)
    with at(2026, 11, 22, 0, 1):
        mark(alice, enrolment, 2)


def test_missed_days_stay_open_to_catch_up(couple):
    alice, bob = couple
    with at(2026, 11, 1, 9, 0):
        enrolment = start(alice)
    with at(2026, 11, 6, 9, 0):
        mark(bob, enrolment, 2, "physical", "Caught up on the hug")
        steps = {s.number: s.status for s in selectors.progress(alice, couple_for(alice), enrolment)}
        assert steps[1] == "open" and steps[2] == "partly" and steps[6] == "open" and steps[7] == "locked"


def test_each_partner_records_their_part_and_sees_the_others_note(couple):
    alice, bob = couple
    enrolment = start(alice)
    mark(alice, enrolment, 1, "emotional", "Loved hearing that")
    mark(bob, enrolment, 1, "physical", "Five minutes, felt good")
    view = selectors.step_view(bob, couple_for(bob), enrolment, 1)
    by_kind = {a.activity.kind: a for a in view.activities}
    assert by_kind["emotional"].theirs.note == "Loved hearing that"
    assert by_kind["physical"].mine.note == "Five minutes, felt good"
    status = selectors.progress(alice, couple_for(alice), enrolment)[0].status
    assert status == "done"
    mark(alice, enrolment, 1, "emotional", "Loved hearing that")  # a double submit
    assert ActivityDone.objects.filter(author=alice).count() == 1


def test_a_skipped_kind_of_touch_is_replaced_for_the_couple_and_kept_private(couple):
    alice, bob = couple
    enrolment = start(alice)
    step = content.get_program(CHALLENGE).step(1)
    physical = next(a for a in step.activities if a.kind == "physical")
    services.touch_preferences_set(person=alice, skip=list(physical.touch_tags))
    for person in (alice, bob):
        view = selectors.step_view(person, couple_for(person), enrolment, 1)
        shown = next(a.activity for a in view.activities if a.activity.kind == "physical")
        assert shown.title == physical.alternative.title
    touch_page = client_for(bob).get(reverse("touch_preferences")).content.decode()
    assert "checked" not in touch_page  # bob sees only his own (empty) list
    step_page = client_for(bob).get(reverse("program_step", kwargs={"enrolment_id": enrolment.pk, "number": 1}))
    assert physical.title not in step_page.content.decode()


def test_unknown_touch_tags_are_refused(alice):
    with pytest.raises(ValidationError):
        services.touch_preferences_set(person=alice, skip=["tickling"])


def test_pausing_freezes_the_days_and_resuming_keeps_them_ahead(couple):
    alice, _ = couple
    with at(2026, 11, 1, 9, 0):
        enrolment = start(alice)
    with at(2026, 11, 3, 9, 0):
        services.program_pause(person=alice, couple=couple_for(alice), enrolment_id=enrolment.pk)
        with pytest.raises(ValidationError, match="paused"):
            mark(alice, Enrolment.objects.get(pk=enrolment.pk), 1)
    with at(2026, 11, 10, 9, 0):
        assert selectors.program_today(alice, couple_for(alice)).number == 3
        services.program_resume(person=alice, couple=couple_for(alice), enrolment_id=enrolment.pk)
        assert selectors.program_today(alice, couple_for(alice)).number == 3


def test_stop_then_start_again(couple):
    alice, _ = couple
    enrolment = start(alice)
    services.program_stop(person=alice, couple=couple_for(alice), enrolment_id=enrolment.pk)
    again = start(alice)
    assert again.pk != enrolment.pk and again.status == "active"


def test_closing_reflection_is_sealed_then_finishes_and_suggests_what_next(couple):
    alice, bob = couple
    with at(2026, 11, 1, 9, 0):
        enrolment = start(alice)
    answers = ["Closer", "The walk", "Finding time", "Keep the hugs"]
    with at(2026, 11, 2, 9, 0):
        with pytest.raises(ValidationError, match="opens on the last step"):
            services.closing_reflection_save(person=alice, couple=couple_for(alice), enrolment_id=enrolment.pk, answers=answers)
    with at(2026, 12, 1, 9, 0):
        services.closing_reflection_save(person=alice, couple=couple_for(alice), enrolment_id=enrolment.pk, answers=answers)
        view = selectors.closing_view(bob, couple_for(bob), enrolment)
        assert view.theirs is None and view.partner_answered
        page = client_for(bob).get(reverse("program_closing", kwargs={"enrolment_id": enrolment.pk})).content.decode()
        assert "Keep the hugs" not in page
        services.closing_reflection_save(person=bob, couple=couple_for(bob), enrolment_id=enrolment.pk, answers=["A"] * 4)
        enrolment.refresh_from_db()
        assert enrolment.status == "finished"
        page = client_for(bob).get(reverse("program_closing", kwargs={"enrolment_id": enrolment.pk})).content.decode()
        assert "Keep the hugs" in page and "What next?" in page
        assert start(alice).program_slug == CHALLENGE  # a finished one can be started again


def test_another_couples_program_is_refused(couple, other_couple):
    alice, _ = couple
    carol, _ = other_couple
    enrolment = start(carol)
    with pytest.raises(ValidationError, match="isn't one of yours"):
        services.activity_mark(person=alice, couple=couple_for(alice), enrolment_id=enrolment.pk, number=1, kind="emotional")
    response = client_for(alice).get(reverse("program_progress", kwargs={"enrolment_id": enrolment.pk}))
    assert response.status_code == 404


def test_an_overlong_note_is_refused_at_the_field_and_kept(couple):
    alice, _ = couple
    enrolment = start(alice)
    response = client_for(alice).post(
        reverse("program_mark", kwargs={"enrolment_id": enrolment.pk, "number": 1}),
        {"kind": "emotional", "note": "x" * 141},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "under 140 characters" in body and "x" * 141 in body
    assert not ActivityDone.objects.exists()


def test_marking_a_locked_day_through_the_page_explains_when_it_opens(couple):
    alice, _ = couple
    with at(2026, 11, 21, 9, 0):
        enrolment = start(alice)
        response = client_for(alice).post(
            reverse("program_mark", kwargs={"enrolment_id": enrolment.pk, "number": 5}), {"kind": "emotional"}
        )
        assert response.status_code == 400
        assert "This day opens on Wednesday 25 November" in response.content.decode()


# --- time zones and DST ---------------------------------------------------------------------------


def test_partners_13_hours_apart_both_have_day_1_at_the_start(db):
    alice = make_person("Alice", "Europe/London")
    bob = make_person("Bob", "Pacific/Auckland")
    pair(alice, bob, "Far apart")
    with at(2026, 11, 21, 12, 0):  # London 21 Nov noon; Auckland 22 Nov 01:00
        enrolment = start(bob)  # day 1 is bob's 22 November
        assert selectors.program_today(alice, couple_for(alice)).number == 1
        mark(alice, enrolment, 1)
    with at(2026, 11, 22, 11, 30):  # Auckland 23 Nov 00:30 — day 2 for bob; London still the 22nd
        assert selectors.program_today(bob, couple_for(bob)).number == 2
        assert selectors.program_today(alice, couple_for(alice)).number == 1


zones = st.sampled_from(["Europe/London", "America/New_York", "Pacific/Auckland", "Australia/Lord_Howe", "UTC"])
moments = st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 1, 1))


@given(zones, moments, st.integers(min_value=0, max_value=24 * 70))
@settings(max_examples=300, deadline=None)
def test_steps_open_follow_local_days_across_dst(zone, start_at, hours_later):
    program = content.get_program(CHALLENGE)
    with time_machine.travel(start_at.replace(tzinfo=UTC), tick=False):
        started_on = local_today(zone)
    later = start_at + dt.timedelta(hours=hours_later)
    with time_machine.travel(later.replace(tzinfo=UTC), tick=False):
        today = local_today(zone)
    opened = steps_open(program, started_on, today)
    assert opened == max(1, min(30, (today - started_on).days + 1))
    # An hour later never closes a step.
    with time_machine.travel((later + dt.timedelta(hours=1)).replace(tzinfo=UTC), tick=False):
        assert steps_open(program, started_on, local_today(zone)) >= opened


def test_a_stopped_programs_closing_page_promises_no_reveal(couple):
    """Closing reflections pair by enrolment, not by date; once stopped, nobody can add theirs."""
    alice, bob = couple
    with at(2026, 11, 1, 9, 0):
        enrolment = start(alice)
    with at(2026, 12, 1, 9, 0):
        services.closing_reflection_save(
            person=alice, couple=couple_for(alice), enrolment_id=enrolment.pk, answers=["A", "B", "C", "D"]
        )
        services.program_stop(person=alice, couple=couple_for(alice), enrolment_id=enrolment.pk)
        page = client_for(alice).get(reverse("program_closing", kwargs={"enrolment_id": enrolment.pk})).content.decode()
        assert "so your answers stay just yours" in page
        assert "appear once you've both written yours" not in page
