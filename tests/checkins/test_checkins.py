import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rekindle.checkins import selectors, services
from rekindle.checkins.models import CheckIn, Reflection
from rekindle.spaces import services as space_services
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for

ANSWERS = {"rose": "A long walk at lunch", "bud": "Friday's film", "thorn": "A tense meeting"}
SEALED = {"rose": "SEALED rose words", "bud": "SEALED bud words", "thorn": "SEALED thorn words"}


def check_in(person, answers=ANSWERS, revision=None):
    return services.checkin_submit(person=person, couple=couple_for(person), answers=answers, revision=revision)


def test_partner_cannot_see_sealed_answer(couple):
    alice, bob = couple
    check_in(alice, SEALED)
    day = selectors.checkin_day(bob, couple_for(bob), bob.today())
    assert day.theirs is None and day.partner_answered
    assert not CheckIn.objects.visible_to(bob).filter(author=alice).exists()
    body = client_for(bob).get(reverse("today")).content.decode()
    assert "SEALED" not in body
    assert "Alice has checked in — add yours to see theirs." in body


def test_both_answers_are_revealed_once_both_have_answered(couple):
    alice, bob = couple
    check_in(alice, SEALED)
    check_in(bob)
    day = selectors.checkin_day(bob, couple_for(bob), bob.today())
    assert day.revealed and day.theirs.rose == SEALED["rose"]
    assert "SEALED rose words" in client_for(bob).get(reverse("today")).content.decode()


def test_you_can_edit_until_the_reveal(couple):
    alice, bob = couple
    first = check_in(alice)
    edited = check_in(alice, {**ANSWERS, "thorn": "Actually, a headache"}, revision=first.revision)
    assert edited.thorn == "Actually, a headache" and edited.revision == 2
    check_in(bob)
    with pytest.raises(ValidationError) as exc:
        check_in(alice, {**ANSWERS, "thorn": "Too late"}, revision=edited.revision)
    assert exc.value.code == "revealed"
    assert CheckIn.objects.get(author=alice).thorn == "Actually, a headache"


def test_a_stale_edit_does_not_overwrite_newer_words(couple):
    alice, _ = couple
    first = check_in(alice)
    check_in(alice, {**ANSWERS, "bud": "Edited on my phone"}, revision=first.revision)
    with pytest.raises(ValidationError) as exc:
        check_in(alice, {**ANSWERS, "bud": "Edited on the laptop"}, revision=first.revision)
    assert exc.value.code == "stale"
    assert CheckIn.objects.get(author=alice).bud == "Edited on my phone"


def test_a_double_submit_saves_once(couple):
    alice, _ = couple
    client = client_for(alice)
    for _ in range(2):
        response = client.post(reverse("checkin_submit"), ANSWERS)
        assert response.status_code == 302
    assert CheckIn.objects.filter(author=alice).count() == 1


def test_empty_and_overlong_answers_get_a_message_at_the_field_and_keep_the_rest(couple):
    alice, _ = couple
    response = client_for(alice).post(
        reverse("checkin_submit"), {"rose": "Kept words", "bud": "x" * 501, "thorn": "   "}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Add your thorn" in body
    assert "keep it under 500" in body
    assert "Kept words" in body
    assert not CheckIn.objects.exists()


def test_stale_edit_after_reveal_shows_what_was_typed(couple):
    alice, bob = couple
    first = check_in(alice)
    check_in(bob)
    response = client_for(alice).post(
        reverse("checkin_submit"), {**ANSWERS, "thorn": "My unsaved new thorn", "revision": first.revision}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "both answers are now revealed" in body
    assert "My unsaved new thorn" in body


def test_htmx_check_in_returns_the_card_only(couple):
    alice, _ = couple
    response = client_for(alice).post(reverse("checkin_submit"), ANSWERS, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section class="card card-now stack" id="checkin-card"')
    # The status line says it is sealed; the "Saved." note does not repeat it.
    assert body.lower().count("sealed") == 1
    assert "Saved." in body


def test_partner_reflects_and_writer_answers(couple):
    alice, bob = couple
    mine = check_in(alice)
    check_in(bob)
    reflection = services.reflection_save(person=bob, checkin_id=mine.pk, item="thorn", text="Sounds like it wore you out")
    services.reflection_respond(person=alice, reflection_id=reflection.pk, response="yes")
    reflection.refresh_from_db()
    assert reflection.response == "yes"
    body = client_for(bob).get(reverse("checkin_day", kwargs={"day": mine.local_date})).content.decode()
    assert "Alice says: that's it." in body


def test_history_shows_both_answers_and_reflections_with_words_escaped(couple):
    alice, bob = couple
    mine = check_in(alice, {**ANSWERS, "rose": "<b>Fish & chips</b>"})
    check_in(bob)
    reflection = services.reflection_save(person=bob, checkin_id=mine.pk, item="rose", text="You <3 chips")
    services.reflection_respond(person=alice, reflection_id=reflection.pk, response="not_quite")
    alice_page = client_for(alice).get(reverse("checkin_history")).content.decode()
    assert "&lt;b&gt;Fish &amp; chips&lt;/b&gt;" in alice_page and "<b>Fish" not in alice_page
    assert "<strong>Bob heard:</strong> You &lt;3 chips" in alice_page
    assert '<p class="pill">You said: not quite</p>' in alice_page
    bob_page = client_for(bob).get(reverse("checkin_history")).content.decode()
    assert "<strong>You heard:</strong> You &lt;3 chips" in bob_page
    assert "Alice says: not quite. Want to try again?" in bob_page
    day_url = reverse("checkin_day", kwargs={"day": mine.local_date})
    assert f'<a href="{day_url}#their-bud-{mine.local_date:%Y%m%d}">Reflect this bud</a>' in bob_page
    assert "Reflect this rose" not in bob_page  # already reflected


def test_a_new_try_clears_the_old_answer(couple):
    alice, bob = couple
    mine = check_in(alice)
    check_in(bob)
    reflection = services.reflection_save(person=bob, checkin_id=mine.pk, item="rose", text="First try")
    services.reflection_respond(person=alice, reflection_id=reflection.pk, response="not_quite")
    again = services.reflection_save(person=bob, checkin_id=mine.pk, item="rose", text="Second try")
    assert again.pk == reflection.pk and again.response == "" and again.text == "Second try"


def test_no_reflection_before_the_reveal_or_on_your_own(couple):
    alice, bob = couple
    mine = check_in(alice)
    with pytest.raises(ValidationError, match="isn't open"):
        services.reflection_save(person=bob, checkin_id=mine.pk, item="rose", text="Peeking")
    with pytest.raises(ValidationError, match="isn't open"):
        services.reflection_save(person=alice, checkin_id=mine.pk, item="rose", text="Me, myself")
    assert not Reflection.objects.exists()


def test_only_the_writer_answers_a_reflection(couple):
    alice, bob = couple
    mine = check_in(alice)
    check_in(bob)
    reflection = services.reflection_save(person=bob, checkin_id=mine.pk, item="bud", text="Excited?")
    with pytest.raises(ValidationError):
        services.reflection_respond(person=bob, reflection_id=reflection.pk, response="yes")


def test_empty_reflection_keeps_the_page_and_says_why(couple):
    alice, bob = couple
    mine = check_in(alice)
    check_in(bob)
    response = client_for(bob).post(reverse("reflect", kwargs={"checkin_id": mine.pk, "item": "rose"}), {"text": " "})
    assert response.status_code == 400
    assert "Write a few words" in response.content.decode()


def test_solo_person_sees_only_their_own(erin):
    check_in(erin)
    days, _ = selectors.checkin_history(erin, 1)
    assert len(days) == 1 and days[0].theirs is None


def test_leaving_takes_your_words_with_you(couple):
    alice, bob = couple
    check_in(alice, SEALED)
    check_in(bob)
    space_services.space_leave(person=alice)
    assert not CheckIn.objects.visible_to(bob).filter(author=alice).exists()
    assert CheckIn.objects.visible_to(alice).filter(author=alice).exists()
    assert not CheckIn.objects.visible_to(alice).filter(author=bob).exists()


def test_appreciation_is_shared_at_once_and_partner_can_reply(couple):
    alice, bob = couple
    appreciation = services.appreciation_create(
        person=alice, couple=couple_for(alice), text="You fixed the bike — you think of me", submission=None
    )
    assert [a.pk for a in selectors.appreciation_feed(bob).object_list] == [appreciation.pk]
    services.appreciation_reply(person=bob, appreciation_id=appreciation.pk, text="Any time!")
    feed = selectors.appreciation_feed(alice)
    assert feed.object_list[0].visible_replies[0].text == "Any time!"
    with pytest.raises(ValidationError):
        services.appreciation_reply(person=alice, appreciation_id=appreciation.pk, text="Replying to myself")


def test_double_submitted_appreciation_is_saved_once(couple):
    alice, _ = couple
    client = client_for(alice)
    data = {"text": "Thanks for the soup", "submission": "6f1c1f0e-8a1d-4a43-9d53-5b2f7f1d1a10"}
    client.post(reverse("appreciations"), data)
    client.post(reverse("appreciations"), data)
    assert alice.appreciations.count() == 1


def test_empty_appreciation_gets_a_kind_message(couple):
    alice, _ = couple
    response = client_for(alice).post(reverse("appreciations"), {"text": ""})
    assert response.status_code == 400
    assert "Write what they did" in response.content.decode()


def test_days_practised_counts_dates_not_entries(couple):
    alice, _ = couple
    check_in(alice)
    services.appreciation_create(person=alice, couple=couple_for(alice), text="Thanks", submission=None)
    assert selectors.days_practised(alice, alice.today()) == 1


def test_pages_need_a_space(alice):
    response = client_for(alice).get(reverse("today"))
    assert response.url == reverse("space")
