"""News from each other: one item per thing a partner did, fixed sentences, unread marked, no words."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from rekindle.checkins import services as checkins
from rekindle.lib.content import check_all
from rekindle.news import kinds
from rekindle.news.cards import today_news_context
from rekindle.news.models import NewsItem
from rekindle.news.selectors import news_for
from rekindle.news.services import news_mark_seen
from rekindle.programs import services as programs
from rekindle.prompts import services as prompts
from rekindle.rituals import services as rituals
from rekindle.spaces import services as spaces
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import couple_for
from rekindle.together import services as together
from tests.conftest import client_for, make_person
from tests.test_authorization_matrix import world  # noqa: F401  (the fixture)

SECRET = "SECRET-WORDS-NEVER-IN-NEWS"


def fresh(person):
    return Person.objects.get(pk=person.pk)


def news_of(person):
    person = fresh(person)
    return news_for(person, couple_for(person))


def only_news(person):
    items = news_of(person)
    assert len(items) == 1, [n.sentence for n in items]
    return items[0]


def revealed_checkins(alice, bob):
    a = checkins.checkin_submit(person=alice, couple=couple_for(alice), answers=dict.fromkeys(("rose", "bud", "thorn"), SECRET), revision=None)
    b = checkins.checkin_submit(person=bob, couple=couple_for(bob), answers=dict.fromkeys(("rose", "bud", "thorn"), SECRET), revision=None)
    NewsItem.objects.all().delete()
    Person.objects.update(news_feed=[], news_unread=0)
    return a, b


# --- one test per kind ---------------------------------------------------------------------------


def test_a_first_check_in_invites_the_partner_to_add_theirs(couple):
    alice, bob = couple
    checkins.checkin_submit(person=bob, couple=couple_for(bob), answers=dict.fromkeys(("rose", "bud", "thorn"), SECRET), revision=None)
    news = only_news(alice)
    assert news.sentence == "Bob checked in — add yours to see both."
    assert news.url == reverse("today") + "#checkin-card"
    assert news.unread


def test_a_check_in_that_completes_the_pair_says_both_are_open(couple):
    alice, bob = couple
    checkins.checkin_submit(person=alice, couple=couple_for(alice), answers=dict.fromkeys(("rose", "bud", "thorn"), SECRET), revision=None)
    checkins.checkin_submit(person=bob, couple=couple_for(bob), answers=dict.fromkeys(("rose", "bud", "thorn"), SECRET), revision=None)
    assert only_news(alice).sentence == "Bob checked in too — your answers are open to each other."


def test_editing_a_sealed_check_in_adds_no_news(couple):
    alice, bob = couple
    first = checkins.checkin_submit(person=bob, couple=couple_for(bob), answers=dict.fromkeys(("rose", "bud", "thorn"), "one"), revision=None)
    checkins.checkin_submit(person=bob, couple=couple_for(bob), answers=dict.fromkeys(("rose", "bud", "thorn"), "two"), revision=first.revision)
    assert NewsItem.objects.count() == 1
    assert fresh(alice).news_unread == 1


def test_reflecting_a_rose_links_to_it(couple):
    alice, bob = couple
    mine, _ = revealed_checkins(alice, bob)
    checkins.reflection_save(person=bob, checkin_id=mine.pk, item="rose", text=SECRET)
    news = only_news(alice)
    assert news.sentence == "Bob reflected your rose."
    assert news.url == reverse("checkin_day", kwargs={"day": mine.local_date}) + f"#mine-rose-{mine.local_date:%Y%m%d}"


def test_answering_a_reflection_says_how_it_landed(couple):
    alice, bob = couple
    _, theirs = revealed_checkins(alice, bob)
    reflection = checkins.reflection_save(person=alice, checkin_id=theirs.pk, item="thorn", text=SECRET)
    checkins.reflection_respond(person=bob, reflection_id=reflection.pk, response="yes")
    news = only_news(alice)
    assert news.sentence == "Bob said “that's it” to your reflection on their thorn."
    assert news.url.endswith(f"#their-thorn-{theirs.local_date:%Y%m%d}")
    checkins.reflection_respond(person=bob, reflection_id=reflection.pk, response="not_quite")
    assert only_news(alice).sentence.startswith("Bob said “not quite” to your reflection on their thorn")


def test_sharing_an_appreciation(couple):
    alice, bob = couple
    appreciation = checkins.appreciation_create(person=bob, couple=couple_for(bob), text=SECRET, submission=None)
    news = only_news(alice)
    assert news.sentence == "Bob shared an appreciation for you."
    assert news.url == reverse("appreciations") + f"#appreciation-{appreciation.pk}"


def test_replying_to_an_appreciation(couple):
    alice, bob = couple
    appreciation = checkins.appreciation_create(person=alice, couple=couple_for(alice), text=SECRET, submission=None)
    checkins.appreciation_reply(person=bob, appreciation_id=appreciation.pk, text=SECRET)
    checkins.appreciation_reply(person=bob, appreciation_id=appreciation.pk, text=SECRET + " again")
    news = only_news(alice)
    assert news.sentence == "Bob replied to your appreciation."
    assert news.url == reverse("appreciations") + f"#appreciation-{appreciation.pk}"


def test_marking_a_challenge_day(couple):
    alice, bob = couple
    run = programs.program_start(person=alice, couple=couple_for(alice), slug="reconnect-30")
    programs.activity_mark(person=bob, couple=couple_for(bob), enrolment_id=run.pk, number=1, kind="emotional", note=SECRET)
    programs.activity_mark(person=bob, couple=couple_for(bob), enrolment_id=run.pk, number=1, kind="physical")
    news = only_news(alice)
    assert news.sentence == "Bob marked day 1 of the 30-day reconnection challenge."
    assert news.url == reverse("program_step", kwargs={"enrolment_id": run.pk, "number": 1})


def test_unmarking_every_activity_of_a_step_takes_its_news_away(couple):
    alice, bob = couple
    run = programs.program_start(person=alice, couple=couple_for(alice), slug="reconnect-30")
    programs.activity_mark(person=bob, couple=couple_for(bob), enrolment_id=run.pk, number=1, kind="emotional")
    programs.activity_unmark(person=bob, couple=couple_for(bob), enrolment_id=run.pk, number=1, kind="emotional")
    assert news_of(alice) == []


def test_answering_tonights_question(couple):
    alice, bob = couple
    draw = prompts.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="dreams")
    prompts.answer_save(person=bob, draw_id=draw.pk, text=SECRET)
    news = only_news(alice)
    assert news.sentence == "Bob answered tonight's question."
    assert news.url == reverse("talk_question", kwargs={"draw_id": draw.pk})
    with time_machine.travel(dt.timedelta(days=2)):
        assert only_news(alice).sentence.startswith("Bob answered the question you drew on ")


def test_adding_to_the_bucket_list(couple):
    alice, bob = couple
    item = together.bucket_item_add(person=bob, couple=couple_for(bob), title=SECRET, note=SECRET)
    news = only_news(alice)
    assert news.sentence == "Bob added something to your bucket list."
    assert news.url == reverse("together_bucket") + f"#bucket-item-{item.pk}"
    together.bucket_item_remove(person=bob, couple=couple_for(bob), item_id=item.pk)
    assert news_of(alice) == []


def test_marking_a_bucket_item_done(couple):
    alice, bob = couple
    item = together.bucket_item_add(person=alice, couple=couple_for(alice), title=SECRET)
    together.bucket_item_mark_done(person=bob, couple=couple_for(bob), item_id=item.pk, done_on=bob.today(), memory=SECRET)
    assert only_news(alice).sentence == "Bob marked something on your bucket list as done."


def test_making_and_keeping_a_commitment(couple):
    alice, bob = couple
    commitment = rituals.commitment_make(person=bob, couple=couple_for(bob), text=SECRET, due_on=bob.today())
    assert only_news(alice).sentence == "Bob made a commitment."
    rituals.commitment_kept(person=bob, commitment_id=commitment.pk)
    newest = news_of(alice)[0]
    assert newest.sentence == "Bob kept a commitment."
    assert newest.url == reverse("commitments") + f"#commitment-{commitment.pk}"


def test_a_commitment_not_kept(couple):
    alice, bob = couple
    commitment = rituals.commitment_make(person=bob, couple=couple_for(bob), text=SECRET, due_on=bob.today())
    rituals.commitment_not_kept(person=bob, commitment_id=commitment.pk, alternative=SECRET)
    assert news_of(alice)[0].sentence == "Bob looked back on a commitment and offered something else instead."


def test_starting_a_meeting(couple):
    alice, bob = couple
    rituals.meeting_start(person=bob, couple=couple_for(bob))
    rituals.meeting_start(person=bob, couple=couple_for(bob))  # resumed, not a second start
    news = only_news(alice)
    assert news.sentence == "Bob started a State of the Union meeting."
    assert news.url == reverse("meetings")


def test_reviewing_an_experiment(couple):
    alice, bob = couple
    experiment = rituals.experiment_start(person=alice, couple=couple_for(alice), title=SECRET, plan=SECRET, days=7)
    rituals.experiment_review(person=bob, couple=couple_for(bob), experiment_id=experiment.pk, decision="keep", note=SECRET)
    news = only_news(alice)
    assert news.sentence == "Bob reviewed an experiment you're trying."
    assert news.url == reverse("experiments") + f"#experiment-{experiment.pk}"


def test_every_kind_has_a_sentence_and_a_link():
    for kind in kinds.KINDS:
        item = NewsItem(kind=kind, object_id=1, number=1, key="rose", day=dt.date(2026, 1, 5),
                        on_date=dt.date(2026, 1, 5), created_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
        assert kinds.sentence_for(item, actor_name="Bob").startswith("Bob ")
        assert kinds.link_for(item).startswith("/")


def test_news_content_is_checked():
    report = check_all()
    assert not report.problems
    assert report.summary["news sentences"] == len(kinds.KINDS)


# --- who sees what -------------------------------------------------------------------------------


def test_your_own_actions_are_not_news_for_you(couple):
    alice, bob = couple
    checkins.appreciation_create(person=alice, couple=couple_for(alice), text=SECRET, submission=None)
    assert news_of(alice) == []
    assert len(news_of(bob)) == 1


def test_solo_people_get_no_news_and_no_card(erin):
    checkins.appreciation_create(person=erin, couple=couple_for(erin), text=SECRET, submission=None)
    assert NewsItem.objects.count() == 0
    assert today_news_context(erin, couple_for(erin)) == {"news_card": None}


def test_another_couple_never_sees_our_news(couple, other_couple):
    alice, bob = couple
    carol, _ = other_couple
    checkins.appreciation_create(person=bob, couple=couple_for(bob), text=SECRET, submission=None)
    assert news_of(carol) == []


def test_a_partner_who_leaves_takes_their_news_and_the_mark_with_them(couple):
    alice, bob = couple
    checkins.appreciation_create(person=bob, couple=couple_for(bob), text=SECRET, submission=None)
    checkins.appreciation_create(person=alice, couple=couple_for(alice), text=SECRET, submission=None)
    spaces.space_leave(person=bob)
    assert news_of(alice) == []
    assert fresh(alice).news_unread == 0 and fresh(bob).news_unread == 0
    dave = make_person("Dave")
    invite = spaces.invite_create(person=alice)
    spaces.invite_accept(person=dave, code=invite.code)
    assert news_of(dave) == [] and news_of(alice) == []


def test_news_never_carries_sealed_or_private_words(couple):
    alice, bob = couple
    checkins.checkin_submit(person=bob, couple=couple_for(bob), answers=dict.fromkeys(("rose", "bud", "thorn"), SECRET), revision=None)
    draw = prompts.draw_prompt(person=alice, couple=couple_for(alice), deck_slug="dreams")
    prompts.answer_save(person=bob, draw_id=draw.pk, text=SECRET)
    together.bucket_item_add(person=bob, couple=couple_for(bob), title=SECRET, note=SECRET)
    rituals.commitment_make(person=bob, couple=couple_for(bob), text=SECRET, due_on=bob.today())
    body = client_for(alice).get(reverse("today")).content.decode()
    assert "Since you were last here" in body
    for item in news_of(alice):
        assert SECRET not in item.sentence and SECRET not in item.url
    news_html = body[body.index('id="news-card"'):]
    news_html = news_html[: news_html.index("</section>")]
    assert SECRET not in news_html
    assert SECRET not in str(list(NewsItem.objects.values())) and SECRET not in str(fresh(alice).news_feed)


# --- unread, the cursor and repeats ----------------------------------------------------------------


def test_repeated_edits_on_one_day_keep_one_item_moved_to_the_top(couple):
    alice, bob = couple
    mine, _ = revealed_checkins(alice, bob)
    for words in ("first try", "second try", "third try"):
        checkins.reflection_save(person=bob, checkin_id=mine.pk, item="rose", text=words)
    checkins.appreciation_create(person=bob, couple=couple_for(bob), text=SECRET, submission=None)
    checkins.reflection_save(person=bob, checkin_id=mine.pk, item="rose", text="fourth try")
    assert [n.kind for n in news_of(alice)] == ["reflection", "appreciation"]
    assert fresh(alice).news_unread == 2  # an item still unread isn't counted twice


def test_the_same_thing_on_another_day_is_new_news(couple):
    alice, bob = couple
    mine, _ = revealed_checkins(alice, bob)
    checkins.reflection_save(person=bob, checkin_id=mine.pk, item="rose", text="first")
    with time_machine.travel(dt.timedelta(days=1, hours=1)):
        checkins.reflection_save(person=bob, checkin_id=mine.pk, item="rose", text="again")
    assert NewsItem.objects.count() == 2


def test_newest_first_and_at_most_five(couple):
    alice, bob = couple
    for number in range(7):
        with time_machine.travel(dt.timedelta(minutes=number)):
            checkins.appreciation_create(person=bob, couple=couple_for(bob), text=f"{number}", submission=None)
    items = news_of(alice)
    assert len(items) == 5
    assert [n.created_at for n in items] == sorted((n.created_at for n in items), reverse=True)
    assert len(news_for(fresh(alice), couple_for(alice), limit=10)) == 7


def test_looking_marks_news_as_seen_and_later_news_is_new_again(couple):
    alice, bob = couple
    checkins.appreciation_create(person=bob, couple=couple_for(bob), text=SECRET, submission=None)
    assert fresh(alice).news_unread == 1
    news_mark_seen(person=fresh(alice))
    assert fresh(alice).news_unread == 0
    assert [n.unread for n in news_of(alice)] == [False]
    with time_machine.travel(dt.timedelta(minutes=5)):
        checkins.appreciation_create(person=bob, couple=couple_for(bob), text=SECRET, submission=None)
    assert [n.unread for n in news_of(alice)] == [True, False]
    assert fresh(alice).news_unread == 1


def test_an_item_seen_and_then_moved_up_counts_as_new_again(couple):
    alice, bob = couple
    appreciation = checkins.appreciation_create(person=alice, couple=couple_for(alice), text=SECRET, submission=None)
    checkins.appreciation_reply(person=bob, appreciation_id=appreciation.pk, text="one")
    news_mark_seen(person=fresh(alice))
    with time_machine.travel(dt.timedelta(minutes=5)):
        checkins.appreciation_reply(person=bob, appreciation_id=appreciation.pk, text="two")
    assert fresh(alice).news_unread == 1 and news_of(alice)[0].unread


def test_news_that_came_after_the_page_was_shown_stays_new(couple):
    alice, bob = couple
    shown_at = dt.datetime.now(dt.UTC)
    with time_machine.travel(shown_at + dt.timedelta(seconds=30)):
        checkins.appreciation_create(person=bob, couple=couple_for(bob), text=SECRET, submission=None)
    with time_machine.travel(shown_at + dt.timedelta(minutes=1)):
        news_mark_seen(person=fresh(alice), until=shown_at)
        assert fresh(alice).news_unread == 1 and news_of(alice)[0].unread


# --- on the pages -----------------------------------------------------------------------------------


def test_today_lists_news_then_the_seen_post_clears_the_mark(couple):
    alice, bob = couple
    checkins.appreciation_create(person=bob, couple=couple_for(bob), text=SECRET, submission=None)
    client = client_for(alice)
    other_page = client.get(reverse("appreciations")).content.decode()
    assert "New from Bob" in other_page and "data-unread-mark" in other_page
    today = client.get(reverse("today")).content.decode()
    assert "Since you were last here" in today and ">New</span>" in today
    assert "Bob shared an appreciation for you." in today
    assert "data-unread-mark" not in today  # the news is right there on the page
    response = client.post(reverse("news_seen"), {"until": dt.datetime.now(dt.UTC).isoformat()})
    assert response.status_code == 302 and response.url == reverse("today")
    assert "data-unread-mark" not in client.get(reverse("appreciations")).content.decode()
    again = client.get(reverse("today")).content.decode()
    assert "Bob shared an appreciation for you." in again and ">New</span>" not in again


def test_the_seen_post_from_htmx_removes_its_form(as_alice):
    response = as_alice.post(reverse("news_seen"), {"until": "not a date"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response.content == b""


def test_nothing_new_is_said_kindly(couple):
    alice, _ = couple
    body = client_for(alice).get(reverse("today")).content.decode()
    assert "Nothing new from Bob since your last visit." in body


def test_solo_today_has_no_news_card(erin):
    assert "Since you were last here" not in client_for(erin).get(reverse("today")).content.decode()


def test_the_navigation_mark_costs_no_query(couple, django_assert_num_queries):
    from django.test import RequestFactory

    from rekindle.news.context_processors import news_unread

    alice, bob = couple
    checkins.appreciation_create(person=bob, couple=couple_for(bob), text=SECRET, submission=None)
    request = RequestFactory().get("/")
    request.user = fresh(alice)
    with django_assert_num_queries(0):
        assert news_unread(request) == {"news_unread": 1, "news_from": ""}


@pytest.mark.parametrize("app", ["care", "gentle", "listening"])
def test_private_practices_never_make_news(app):
    """The safety check, the gentle helper's drafts and listening sessions are nobody's news."""
    from pathlib import Path

    import rekindle

    for path in (Path(rekindle.__file__).parent / app).rglob("*.py"):
        source = path.read_text()
        assert "rekindle.news" not in source and "news_record" not in source, path


def test_the_news_card_holds_no_marker_word_for_anyone(world):
    """With the authorization matrix's world (sealed, shared and another couple's words), news shows none."""
    from tests.test_authorization_matrix import ALICE_SEALED, ALICE_SHARED, CAROL_SHARED

    markers = (ALICE_SEALED, ALICE_SHARED, CAROL_SHARED, "BOB-", "DAVE-")
    for who in ("alice", "bob", "carol"):
        body = client_for(world["people"][who]).get(reverse("today")).content.decode()
        card = body[body.index('id="news-card"'):]
        card = card[: card.index("</section>")]
        assert who != "bob" or card.count("<li") == 5
        for marker in markers:
            assert marker not in card, f"{who} saw {marker} in the news"
