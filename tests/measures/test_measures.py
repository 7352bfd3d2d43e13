"""Measures: private by default, shared by choice, help suggested to the person alone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from rekindle.care.models import CarePreferences
from rekindle.care.selectors import preferences_for
from rekindle.care.signposting import dismiss_suggestion
from rekindle.checkins.services import checkin_submit
from rekindle.measures import charts, services
from rekindle.measures.models import Measure
from rekindle.rituals import services as ritual_services
from rekindle.spaces.exports import export_for
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import couple_for
from rekindle.today.cards import TodayPage, measures_due
from tests.conftest import client_for
from tests.measures.conftest import CONNECTION, CSI4, IOS, answer, months_ago


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_answers_are_private_until_the_author_shares_them(couple, other_couple):
    alice, bob = couple
    answer(alice, CSI4, [5, 4, 4, 4])
    answer(alice, CONNECTION, [8])
    assert not Measure.objects.visible_to(bob).exists()
    assert "What Alice shares" not in page_text(client_for(bob), reverse("progress"))

    services.sharing_set(person=alice, choices={"connection": True})
    seen = list(Measure.objects.visible_to(bob))
    assert [m.kind for m in seen] == [CONNECTION]
    body = page_text(client_for(bob), reverse("progress"))
    assert "What Alice shares with you" in body
    assert 'data-chart="connection"' in body.split("What Alice shares")[1]
    assert 'data-chart="csi4"' not in body.split("What Alice shares")[1]
    # Another couple sees nothing of it.
    assert not Measure.objects.visible_to(other_couple[0]).exists()


def test_stopping_sharing_hides_past_answers_again(couple):
    alice, bob = couple
    services.sharing_set(person=alice, choices={"ios": True})
    answer(alice, IOS, [5])
    assert Measure.objects.visible_to(bob).count() == 1
    services.sharing_set(person=alice, choices={"ios": False})
    assert Measure.objects.visible_to(bob).count() == 0


def test_the_sharing_form_saves_each_choice(couple):
    alice, bob = couple
    answer(alice, IOS, [4])
    response = client_for(alice).post(reverse("progress_sharing"), {"ios": "on"})
    assert response.status_code == 302
    assert Measure.objects.visible_to(bob).get().kind == IOS
    client_for(alice).post(reverse("progress_sharing"), {})
    assert not Measure.objects.visible_to(bob).exists()


def test_a_partner_who_left_no_longer_sees_shared_answers(couple):
    from rekindle.spaces import services as space_services

    alice, bob = couple
    services.sharing_set(person=alice, choices={"connection": True})
    answer(alice, CONNECTION, [6])
    space_services.space_leave(person=bob)
    assert not Measure.objects.visible_to(Person.objects.get(pk=bob.pk)).exists()


def test_answering_again_in_the_same_month_replaces_the_answer(couple):
    alice, _ = couple
    answer(alice, CSI4, [1, 1, 1, 1])
    answer(alice, CSI4, [5, 5, 5, 5])
    assert list(Measure.objects.filter(author=alice, kind=CSI4).values_list("score", flat=True)) == [20]


def test_monthly_form_saves_both_measures_and_marks_the_month_done(couple):
    alice, _ = couple
    data = {"csi4_1": 4, "csi4_2": 4, "csi4_3": 3, "csi4_4": 4, "ios": 5}
    response = client_for(alice).post(reverse("progress_monthly"), data)
    assert response.status_code == 302
    assert dict(Measure.objects.filter(author=alice).values_list("kind", "score")) == {CSI4: 15, IOS: 5}
    alice.refresh_from_db()
    assert alice.measure_month_done == alice.today().replace(day=1)


def test_monthly_form_with_a_missing_answer_says_so_and_keeps_the_rest(couple):
    alice, _ = couple
    response = client_for(alice).post(reverse("progress_monthly"), {"csi4_1": 4, "csi4_2": 9, "ios": 6})
    assert response.status_code == 400
    body = response.content.decode()
    assert body.count("Choose one answer for this question.") == 3  # item 2 out of range, items 3 and 4 missing
    assert 'value="4" checked' in body and 'name="ios" value="6" checked' in body
    assert not Measure.objects.exists()


def test_weekly_form_refuses_numbers_outside_1_to_10(couple):
    alice, _ = couple
    response = client_for(alice).post(reverse("progress_weekly"), {"connection": 11})
    assert response.status_code == 400
    assert "Choose a number from 1 to 10." in response.content.decode()
    assert client_for(alice).post(reverse("progress_weekly"), {"connection": 7}).status_code == 302
    assert Measure.objects.get(author=alice).score == 7


def test_two_distress_scores_in_a_row_suggest_help_to_that_person_only(couple):
    alice, bob = couple
    services.sharing_set(person=alice, choices={"csi4": True})
    answer(alice, CSI4, [2, 2, 2, 2], at=months_ago(1))
    assert not preferences_for(alice).help_suggestion_showing
    answer(alice, CSI4, [3, 3, 3, 4])  # 13: the second in a row below 13.5
    assert preferences_for(alice).help_suggestion_showing
    assert preferences_for(alice).help_reason == "satisfaction_low"
    assert not CarePreferences.objects.filter(person=bob).exists()
    assert "outside help" in page_text(client_for(alice), reverse("today"))
    assert "outside help" not in page_text(client_for(bob), reverse("today"))


def test_the_suggestion_comes_once_and_stays_dismissed(couple):
    alice, _ = couple
    answer(alice, CSI4, [2, 2, 2, 2], at=months_ago(2))
    answer(alice, CSI4, [2, 2, 2, 2], at=months_ago(1))
    dismiss_suggestion(person=alice)
    answer(alice, CSI4, [2, 2, 2, 2])  # still low: no second suggestion
    assert not preferences_for(alice).help_suggestion_showing


def test_one_low_score_after_a_good_one_suggests_nothing(couple):
    alice, _ = couple
    answer(alice, CSI4, [5, 5, 5, 5], at=months_ago(1))
    answer(alice, CSI4, [1, 1, 1, 1])
    assert not preferences_for(alice).help_suggestion_showing


def test_weekly_connection_falling_for_four_weeks_suggests_help(couple):
    alice, _ = couple
    now = timezone.now()
    for weeks_ago, score in ((3, 8), (2, 7), (1, 5)):
        answer(alice, CONNECTION, [score], at=now - dt.timedelta(weeks=weeks_ago))
    assert not preferences_for(alice).help_suggestion_showing
    answer(alice, CONNECTION, [4], at=now)
    assert preferences_for(alice).help_reason == "connection_falling"


def _today_page(person):
    class Request:
        path = "/"

    return TodayPage(request=Request(), person=person, couple=None)


def been_here_a_week(person):
    person.date_joined = timezone.now() - dt.timedelta(days=7)
    person.save(update_fields=["date_joined"])


def test_today_invites_once_a_month_and_once_a_week_without_a_query(couple, django_assert_num_queries):
    alice, _ = couple
    been_here_a_week(alice)
    with django_assert_num_queries(0):
        card = measures_due(_today_page(alice))
    assert card["month_due"] and card["week_due"]
    answer(alice, CSI4, [4, 4, 4, 4])
    answer(alice, IOS, [5])
    answer(alice, CONNECTION, [7])
    with django_assert_num_queries(0):
        assert measures_due(_today_page(alice)) is None
    body = page_text(client_for(alice), reverse("today"))
    assert "this month's check-up" not in body


def test_on_the_first_day_the_invitations_wait_for_the_first_check_in(couple):
    alice, _ = couple
    client = client_for(alice)
    assert "this month's check-up" not in page_text(client, reverse("today"))
    checkin_submit(person=alice, couple=couple_for(alice), answers={"rose": "r", "bud": "b", "thorn": "t"}, revision=None)
    assert "A moment for this month's check-up?" in page_text(client, reverse("today"))


def test_not_this_month_sets_the_invitation_aside_until_next_month(couple):
    alice, _ = couple
    been_here_a_week(alice)
    client = client_for(alice)
    assert "A moment for this month's check-up?" in page_text(client, reverse("today"))
    client.post(reverse("progress_later"), {"which": "month", "next": "/"})
    alice.refresh_from_db()
    card = measures_due(_today_page(alice))
    assert card is not None and not card["month_due"] and card["week_due"]
    client.post(reverse("progress_later"), {"which": "week"})
    alice.refresh_from_db()
    assert measures_due(_today_page(alice)) is None


@override_settings(MEASURES_CSI4_ENABLED=False)
def test_the_operator_can_switch_the_csi4_off(couple):
    alice, _ = couple
    body = page_text(client_for(alice), reverse("progress_monthly"))
    assert "degree of happiness" not in body and "Couples Satisfaction Index" not in body
    assert client_for(alice).post(reverse("progress_monthly"), {"ios": 4}).status_code == 302
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        answer(alice, CSI4, [4, 4, 4, 4])
    assert 'data-chart="csi4"' not in page_text(client_for(alice), reverse("progress"))
    alice.refresh_from_db()
    assert alice.measure_month_done == alice.today().replace(day=1)  # the circles alone complete the month


def test_the_monthly_page_shows_the_items_with_their_citation_and_terms(couple):
    body = page_text(client_for(couple[0]), reverse("progress_monthly"))
    assert "Please indicate the degree of happiness, all things considered, of your relationship." in body
    assert "Journal of Family Psychology, 21(4), 572–583" in body
    assert "freely available for research and clinical use" in body
    assert body.count('name="ios"') == 7 and body.count('class="ios-picture"') == 7


def test_progress_draws_each_chart_with_a_table_and_a_summary(couple):
    alice, _ = couple
    for n, score in ((3, 10), (2, 12), (1, 14), (0, 16)):
        answer(alice, CSI4, [score - 10, 4, 3, 3], at=months_ago(n))
    body = page_text(client_for(alice), reverse("progress"))
    assert body.count('data-chart="csi4"') == 1
    assert "Higher than three months ago: from 10 to 16 out of 21." in body
    for label in (f"{months_ago(n):%B %Y}" for n in range(4)):
        assert f'<th scope="row">{label}</th>' in body
    assert "streak" not in body.lower()


def test_summaries_describe_data_without_judging():
    day = dt.date(2026, 1, 1)
    months = [day.replace(month=m) for m in (1, 2, 3, 4)]
    assert charts.summarise(list(zip(months, [15, 15, 16, 15])), low=0, high=21, weekly=False).startswith("Steady over three months")
    lower = charts.summarise(list(zip(months, [16, 14, 12, 11])), low=0, high=21, weekly=False)
    assert lower.startswith("Lower than three months ago: from 16 to 11")
    assert charts.summarise([], low=0, high=21, weekly=False) == "No answers in this period yet."


def test_the_report_holds_only_my_answers_for_the_period_chosen(couple):
    alice, bob = couple
    services.sharing_set(person=bob, choices={"csi4": True, "ios": True, "connection": True})
    answer(bob, CSI4, [0, 0, 0, 1])
    answer(alice, CSI4, [6, 5, 5, 5], at=months_ago(8))
    answer(alice, CSI4, [4, 4, 4, 4], at=months_ago(1))
    start = f"{months_ago(2):%Y-%m}"
    body = page_text(client_for(alice), reverse("progress_report") + f"?start={start}&end={timezone.now():%Y-%m}")
    assert "<td>16</td>" in body and "<td>21</td>" not in body and "<td>1</td>" not in body
    assert "Print or save as PDF" in body


def test_the_report_explains_a_bad_period(couple):
    response = client_for(couple[0]).get(reverse("progress_report") + "?start=2026-05&end=2026-02")
    assert response.status_code == 400
    assert "The last month can&#x27;t come before the first." in response.content.decode()
    response = client_for(couple[0]).get(reverse("progress_report") + "?start=soon&end=")
    assert response.status_code == 400 and "Enter a month like 2026-03." in response.content.decode()


def test_the_quarterly_review_shows_the_shared_figures_of_the_quarter(couple):
    alice, bob = couple
    services.sharing_set(person=bob, choices={"connection": True})
    answer(bob, CONNECTION, [6])
    answer(alice, CONNECTION, [9])  # private: not in the review
    review = ritual_services.review_open(person=alice, couple=couple_for(alice))
    body = page_text(client_for(alice), reverse("review", kwargs={"review_id": review.pk}))
    assert "<strong>Bob</strong>, weekly connection: 1 answer: 6" in body
    assert "<strong>You</strong>" not in body
    body = page_text(client_for(bob), reverse("review", kwargs={"review_id": review.pk}))
    assert "<strong>You</strong>, weekly connection" in body and "Alice</strong>" not in body


def test_export_holds_my_own_answers_only(couple):
    alice, bob = couple
    services.sharing_set(person=bob, choices={"connection": True})
    answer(bob, CONNECTION, [3])
    answer(alice, CONNECTION, [9])
    exported = export_for(alice)["measures"]
    assert [(row["kind"], row["score"]) for row in exported] == [(CONNECTION, 9)]


def test_starting_to_share_tells_the_partner_which_measure_never_the_score(couple):
    from rekindle.news.models import NewsItem
    from rekindle.news.kinds import sentence_for

    alice, bob = couple
    answer(alice, CSI4, [1, 1, 1, 1])
    client_for(alice).post(reverse("progress_sharing"), {"ios": "on"})
    items = list(NewsItem.objects.filter(kind="measure_shared"))
    assert len(items) == 1 and items[0].detail == "ios"
    words = sentence_for(items[0], actor_name="Alice")
    assert words == "Alice is sharing their closeness circles with you — they're on the progress page."
    # Saving the same choice again, or stopping, says nothing new.
    client_for(alice).post(reverse("progress_sharing"), {"ios": "on"})
    client_for(alice).post(reverse("progress_sharing"), {})
    assert NewsItem.objects.filter(kind="measure_shared").count() == 1
