"""Rituals content for the authorization matrix."""

import datetime as dt

from rekindle.rituals.models import (
    Commitment,
    Experiment,
    Meeting,
    MeetingEntry,
    QuarterlyReview,
)
from rekindle.spaces.selectors import couple_for


def add_samples(alice, bob, carol, dave):
    from tests.test_authorization_matrix import ALICE_SHARED, CAROL_SHARED

    ours, theirs = couple_for(alice).space, couple_for(carol).space
    today = alice.today()
    commitment = Commitment.objects.create(space=ours, author=alice, text=f"{ALICE_SHARED} promise", due_on=today)
    Commitment.objects.create(space=theirs, author=carol, text=f"{CAROL_SHARED} promise", due_on=today)
    experiment = Experiment.objects.create(
        space=ours, author=alice, title=f"{ALICE_SHARED} trial", starts_on=today, review_on=today + dt.timedelta(days=7)
    )
    Experiment.objects.create(space=theirs, author=carol, title=f"{CAROL_SHARED} trial", starts_on=today, review_on=today)
    meeting = Meeting.objects.create(space=ours, started_by=alice, held_on=today)
    MeetingEntry.objects.create(meeting=meeting, author=alice, kind="appreciation", text=f"{ALICE_SHARED} thanks")
    other = Meeting.objects.create(space=theirs, started_by=carol, held_on=today)
    MeetingEntry.objects.create(meeting=other, author=carol, kind="appreciation", text=f"{CAROL_SHARED} thanks")
    review = QuarterlyReview.objects.create(space=ours, started_by=alice, quarter_start=today.replace(day=1), working=f"{ALICE_SHARED} works")
    QuarterlyReview.objects.create(space=theirs, started_by=carol, quarter_start=today.replace(day=1), working=f"{CAROL_SHARED} works")
    return {
        "commitment_id": commitment.pk,
        "experiment_id": experiment.pk,
        "meeting_id": meeting.pk,
        "step": 1,
        "review_id": review.pk,
    }
