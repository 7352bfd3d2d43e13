"""Leaving a space: the stayer sees one neutral line and can invite someone new; plans with the
leaver end; the leaver can start again with someone else, who never meets the old words."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from rekindle.dates import selectors as date_selectors
from rekindle.dates.models import Plan
from rekindle.rituals import services as ritual_services
from rekindle.rituals.models import Meeting, QuarterlyReview
from rekindle.spaces import services as space_services
from rekindle.spaces.models import Space
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for, make_person, pair
from tests.dates.helpers import accept, propose
from tests.leaving.walk import pages_seen_by, pages_with
from tests.portability.zips import archive_text
from tests.test_authorization_matrix import ALICE_SEALED, ALICE_SHARED, world  # noqa: F401  (the fixture)
from tests.test_query_budgets import TODAY_BUDGET


def test_the_stayer_sees_one_neutral_line_and_can_invite_someone_new(couple, django_assert_max_num_queries):
    alice, bob = couple
    space_services.space_leave(person=alice)
    client = client_for(bob)
    with django_assert_max_num_queries(TODAY_BUDGET + 1):  # the line adds one query, only once someone left
        today = client.get(reverse("today")).content.decode()
    day = timezone.now().strftime("%-d %B %Y")
    assert f"Alice left this space on {day}." in today
    assert f"Alice left this space on {day}." in client.get(reverse("space")).content.decode()

    client.post(reverse("invite_create"))
    assert "Send your partner this link" in client.get(reverse("space")).content.decode()


def test_the_line_goes_once_someone_new_joins(couple):
    alice, bob = couple
    space_services.space_leave(person=alice)
    invite = space_services.invite_create(person=bob)
    space_services.invite_accept(person=make_person("Erin"), code=invite.code)
    assert "left this space" not in client_for(bob).get(reverse("today")).content.decode()


def test_open_plans_with_the_leaver_end_and_nothing_is_reminded(couple):
    alice, bob = couple
    bobs = propose(bob, title="Bob's picnic", days=1)
    accept(alice, bobs)
    alices = propose(alice, title="Alice's film", days=2)
    space_services.space_leave(person=alice)

    assert set(Plan.objects.values_list("status", flat=True)) == {Plan.CANCELLED}
    assert Space.objects.get(pk=bobs.space_id).plans_until is None
    # Should bob invite someone new, they never inherit a date meant for someone else.
    erin = make_person("Erin")
    space_services.invite_accept(person=erin, code=space_services.invite_create(person=bob).code)
    now = timezone.now()
    assert date_selectors.starting_between(bob, couple_for(bob), now, now + dt.timedelta(days=5)) == []
    assert date_selectors.feed_plans(erin, couple_for(erin)) == []
    assert alices.title not in client_for(erin).get(reverse("together_plans")).content.decode()


def test_a_review_begun_before_someone_left_leaves_the_stayers_view(couple):
    alice, bob = couple
    review = ritual_services.review_open(person=alice, couple=couple_for(alice))
    QuarterlyReview.objects.filter(pk=review.pk).update(working="ALICE-REVIEW-WORDS")
    space_services.space_leave(person=alice)
    client = client_for(bob)
    assert client.get(reverse("review", kwargs={"review_id": review.pk})).status_code == 404
    response = client.post(reverse("review_start"), follow=True)
    assert "begun with someone who has since left" in response.content.decode()
    assert "ALICE-REVIEW-WORDS" not in response.content.decode()


def test_the_leaver_starts_again_and_the_new_partner_never_sees_the_old_words(world):
    alice = world["people"]["alice"]
    space_services.space_leave(person=alice)
    erin = make_person("Erin")
    pair(alice, erin, "Alice & Erin")

    assert pages_with(pages_seen_by(erin, world["samples"]), ALICE_SHARED, ALICE_SEALED) == {}
    mine = archive_text(alice)
    assert ALICE_SHARED in mine and ALICE_SEALED in mine  # still hers, to take away


def test_a_meeting_begun_before_someone_left_leaves_the_stayers_view(couple):
    alice, bob = couple
    meeting = Meeting.objects.create(
        space=couple_for(alice).space, started_by=alice, held_on=alice.today(), on_track_note="ALICE-MEETING-WORDS"
    )
    space_services.space_leave(person=alice)
    client = client_for(bob)
    assert client.get(reverse("meeting_record", kwargs={"meeting_id": meeting.pk})).status_code == 404
    assert "ALICE-MEETING-WORDS" not in client.get(reverse("meetings")).content.decode()


def test_a_care_card_filled_in_before_the_first_space_is_shown_and_one_from_an_earlier_space_is_not(db):
    from rekindle.wellbeing.models import CareAnswers
    from rekindle.wellbeing.selectors import card_for_partner

    alice, bob, erin = make_person("Alice"), make_person("Bob"), make_person("Erin")
    CareAnswers.objects.create(author=alice, ratings={}, examples={})  # before she ever shared a space
    pair(alice, bob, "Alice & Bob")
    assert card_for_partner(bob, couple_for(bob)) is not None

    space_services.space_leave(person=alice)
    pair(alice, erin, "Alice & Erin")
    assert card_for_partner(erin, couple_for(erin)) is None
    CareAnswers.objects.create(author=alice, ratings={}, examples={})  # written for this space
    assert card_for_partner(erin, couple_for(erin)) is not None
