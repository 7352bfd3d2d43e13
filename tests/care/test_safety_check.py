
import pytest
from django.core import mail
from django.urls import reverse

from rekindle.care import resources, signposting
from rekindle.care.models import Counsellor, SafetyCheck
from rekindle.care.selectors import joint_conflict_exercises_hidden
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for

ALL_NO = {"humiliated": "no", "afraid": "no", "forced": "no", "hurt": "no"}
AFRAID = {**ALL_NO, "afraid": "yes"}


def test_yes_answer_shows_not_your_fault_resources_and_device_safety(couple):
    alice, _ = couple
    client = client_for(alice)
    response = client.post(reverse("safety_check"), AFRAID)
    assert response.url == reverse("safety_result")
    body = client.get(reverse("safety_result")).content.decode()  # Alice lives in Europe/London
    assert "It is not your fault" in body
    assert "Help in United Kingdom" in body and "999" in body
    assert "Someone else may be able to see this phone" in body
    assert "We'd rather not do conflict exercises for now" in body


def test_no_answers_give_a_calm_thank_you(couple):
    alice, _ = couple
    client = client_for(alice)
    client.post(reverse("safety_check"), ALL_NO)
    body = client.get(reverse("safety_result")).content.decode()
    assert "nothing suggests you are unsafe" in body
    assert "We'd rather not do conflict exercises for now" not in body


def test_every_question_needs_an_answer_and_nothing_is_saved_until_then(couple):
    alice, _ = couple
    response = client_for(alice).post(reverse("safety_check"), {"afraid": "yes"})
    assert response.status_code == 400
    assert "Please choose yes or no" in response.content.decode()
    assert not SafetyCheck.objects.exists()


def test_retaking_replaces_and_deleting_removes_the_answers(couple):
    alice, _ = couple
    client = client_for(alice)
    client.post(reverse("safety_check"), AFRAID)
    client.post(reverse("safety_check"), ALL_NO)
    assert SafetyCheck.objects.filter(person=alice).count() == 1
    assert not SafetyCheck.objects.get(person=alice).any_yes
    client.post(reverse("safety_delete"))
    assert not SafetyCheck.objects.filter(person=alice).exists()
    assert client.get(reverse("safety_result")).url == reverse("safety_check")


def test_hiding_joint_exercises_turns_them_off_for_the_space(couple):
    alice, bob = couple
    space = couple_for(alice).space
    assert not joint_conflict_exercises_hidden(space)
    client_for(alice).post(reverse("joint_exercises"), {"hide": "yes"})
    assert joint_conflict_exercises_hidden(space)
    client_for(alice).post(reverse("joint_exercises"), {"hide": "no"})
    assert not joint_conflict_exercises_hidden(space)


def test_the_offer_shows_once_on_today_until_taken_or_put_off(couple):
    alice, _ = couple
    client = client_for(alice)
    assert "Four private questions before you start" in client.get(reverse("today")).content.decode()
    client.post(reverse("safety_later"))
    assert "Four private questions before you start" not in client.get(reverse("today")).content.decode()


def test_taking_the_check_also_closes_the_offer(couple):
    alice, _ = couple
    client = client_for(alice)
    client.post(reverse("safety_check"), ALL_NO)
    assert "Four private questions before you start" not in client.get(reverse("today")).content.decode()


def test_resources_for_each_required_country_and_a_fallback():
    countries = resources.all_countries()
    for code in ("US", "GB", "CA", "AU", "IE", "NZ", "default"):
        assert code in countries
    assert resources.for_country("ZZ").code == "default"
    assert resources.country_for_person(chosen="NZ", time_zone="Europe/London") == ("NZ", "chosen")
    assert resources.country_for_person(time_zone="America/Vancouver") == ("CA", "time_zone")
    assert resources.country_for_person(time_zone="Europe/Berlin") == ("default", "fallback")
    assert resources.country_for_person(chosen="default", time_zone="Europe/London") == ("default", "chosen")


def test_support_follows_the_time_zone_not_the_browser_language(db):
    from tests.conftest import make_person

    sam = make_person("Sam", time_zone="America/Los_Angeles")
    client = client_for(sam)
    body = client.get(reverse("support"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8").content.decode()
    assert "Help in United States" in body and "call 911" in body and "call 999" not in body
    assert "Shown for the country of your time zone." in body


def test_the_country_changes_in_one_tap_and_is_kept(db):
    from tests.conftest import make_person

    sam = make_person("Sam", time_zone="America/Los_Angeles")
    client = client_for(sam)
    body = client.get(reverse("support")).content.decode()
    assert '<button type="submit" class="small" name="country" value="GB">United Kingdom</button>' in body
    response = client.post(reverse("support_country"), {"country": "GB", "next": "/support/"})
    assert response.status_code == 302 and response.url.startswith("/support/")
    body = client.get(reverse("support")).content.decode()
    assert "Help in United Kingdom" in body and "You chose this country." in body


def test_logged_out_visitors_get_one_tap_links_and_the_general_list(db):
    body = client_for(None).get(reverse("support"), HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert "Help in United Kingdom" not in body
    assert 'href="?country=NZ#resources-title">New Zealand</a>' in body
    body = client_for(None).get(reverse("support"), {"country": "NZ"}).content.decode()
    assert "Help in New Zealand" in body


def test_support_sections_are_named_by_their_headings(db):
    body = client_for(None).get(reverse("support")).content.decode()
    assert 'aria-labelledby="professional-help-title" id="professional-help"' in body
    assert '<h2 id="professional-help-title">When to look for a professional</h2>' in body


def test_support_page_works_for_anyone_and_lists_the_operators_counsellors(db):
    body = client_for(None).get(reverse("support")).content.decode()
    assert "hasn't added local counsellors yet" in body
    Counsellor.objects.create(name="Harbour Counselling", kind="couples", location="online")
    body = client_for(None).get(reverse("support")).content.decode()
    assert "Harbour Counselling" in body


def test_asking_for_help_shows_a_private_dismissible_suggestion(couple):
    alice, bob = couple
    client = client_for(alice)
    client.post(reverse("ask_for_help"))
    assert "Someone to talk to" in client.get(reverse("today")).content.decode()
    assert "Someone to talk to" not in client_for(bob).get(reverse("today")).content.decode()
    client.post(reverse("dismiss_suggestion"), {"next": "/today/"})
    assert "Someone to talk to" not in client.get(reverse("today")).content.decode()


@pytest.mark.parametrize(
    "csi4,weekly,expected",
    [
        ([12, 13], [], ["satisfaction_low"]),
        ([12, 14], [], []),
        ([13.4], [], []),  # once is not a pattern
        ([], [8, 7, 6, 5], ["connection_falling"]),
        ([], [8, 7, 7, 5], []),  # a flat week breaks the fall
        ([], [7, 6, 5], []),  # three weeks are not enough
        ([10, 11], [9, 8, 6, 3], ["satisfaction_low", "connection_falling"]),
    ],
)
def test_distress_signals_follow_the_thresholds(csi4, weekly, expected):
    assert signposting.distress_reasons(csi4_scores=csi4, weekly_connection=weekly) == expected


def test_a_signal_from_elsewhere_raises_the_suggestion(couple):
    alice, _ = couple
    signposting.suggest_professional_help(person=alice, reason="connection_falling")
    body = client_for(alice).get(reverse("today")).content.decode()
    assert "Your weekly sense of connection has dipped" in body
    with pytest.raises(ValueError):
        signposting.suggest_professional_help(person=alice, reason="made-up")


def test_safety_pages_are_not_cached_by_the_browser(couple):
    alice, _ = couple
    client = client_for(alice)
    client.post(reverse("safety_check"), AFRAID)
    for name in ("safety_check", "safety_result", "support"):
        assert "no-store" in client.get(reverse(name))["Cache-Control"]


def test_no_e_mail_is_ever_sent_about_the_check(couple):
    alice, _ = couple
    client = client_for(alice)
    client.post(reverse("safety_check"), AFRAID)
    client.post(reverse("joint_exercises"), {"hide": "yes"})
    client.post(reverse("safety_delete"))
    assert mail.outbox == []


def test_the_safety_offer_counts_the_questions_it_introduces(couple, monkeypatch):
    alice, _ = couple
    client = client_for(alice)
    body = client.get(reverse("today")).content.decode()
    assert "Four private questions before you start" in body and "four quick questions" in body
    assert "Four yes-or-no questions" in client.get(reverse("support")).content.decode()
    from rekindle.care import questions

    three = {**questions.safety_check(), "questions": questions.safety_check()["questions"][:3]}
    monkeypatch.setattr(questions, "safety_check", lambda: three)
    body = client.get(reverse("today")).content.decode()
    assert "Three private questions before you start" in body and "one private question" not in body.lower()
