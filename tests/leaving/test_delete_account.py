"""Alice deletes her account (issue 15's acceptance): every row and file of hers is gone, every one
of bob's is intact, and no page of bob's, carol's or dave's shows a trace of her words."""

from __future__ import annotations

import datetime as dt

from allauth.usersessions.models import UserSession
from django.apps import apps
from django.contrib.sessions.models import Session
from django.urls import reverse

from rekindle.checkins import services as checkin_services
from rekindle.checkins.models import Appreciation, Reflection
from rekindle.dates import services as date_services
from rekindle.dates.models import Plan
from rekindle.goals import services as goal_services
from rekindle.goals.models import Goal, GoalStep
from rekindle.leaving.services import account_delete
from rekindle.memories import services as memory_services
from rekindle.memories.models import Memory, Photo, photo_storage
from rekindle.spaces.models import Membership, Person
from rekindle.spaces.selectors import couple_for
from tests.conftest import PASSWORD, client_for
from tests.leaving.walk import pages_seen_by, pages_with
from tests.portability.zips import archive_text
from tests.memories.helpers import png
from tests import test_authorization_matrix as matrix  # its checks, called here (imported bare, pytest would collect them)
from tests.test_authorization_matrix import ALICE_SEALED, ALICE_SHARED, world  # noqa: F401  (world is the fixture)

# The fields that say whose a row is. A row of alice's by one of these must be gone after.
OWNER_FIELDS = {"author", "owner", "person", "user", "actor", "added_by", "proposed_by", "called_by"}
# Rows that stay with her name taken off, by design: they hold nobody's words of hers, or they hold
# the partner's too (a session's turns, a meeting's entries) — see rekindle/leaving/services.py.
KEPT_WITHOUT_HER = {"started_by", "drawn_by", "created_by", "done_by", "confirmed_by", "requested_by",
                    "awaiting", "changed_by", "entered_by", "speaker", "listener", "last_actor", "used_by"}
# Her membership stays, without her: the partner's one neutral line ("your partner left on …").
KEPT_ROWS = {("spaces.Membership", "person")}
# Notices to the couple, not anyone's words: leaving ends the couple's news (rekindle.news.services).
NOT_WORDS = {("news.NewsItem", "actor")}


def _user_fields():
    """Every (model, field name) pointing at a person, over all installed apps."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.many_to_one or field.one_to_one and field.concrete:
                if field.related_model is Person:
                    yield model, field.name


def _rows_of(person) -> dict[tuple[str, str], set[int]]:
    """Per (model, owner field): the ids of the person's rows."""
    rows = {}
    for model, name in _user_fields():
        if name in OWNER_FIELDS:
            rows[(model._meta.label, name)] = set(model.objects.filter(**{name: person.pk}).values_list("pk", flat=True))
    return rows


def _bob_writes_on_alices_things(alice, bob):
    """What the brief names: bob's words hanging off alice's rows, and a step of hers on his goal."""
    ours = couple_for(bob)
    appreciation = Appreciation.objects.filter(author=alice).first()
    checkin_services.appreciation_reply(person=bob, appreciation_id=appreciation.pk, text="BOB-REPLY-WORDS")
    happened = Plan.objects.get(author=alice, title__endswith="walk")
    date_services.after_line_save(person=bob, couple=ours, plan_id=happened.pk,
                                  occurred_on=happened.starts_at.date(), text="BOB-AFTER-WORDS")
    own_goal = Goal.objects.get(author=alice, shared=False)
    goal_services.goal_cheer(person=bob, couple=ours, goal_id=own_goal.pk)
    shared_goal = Goal.objects.get(author=alice, shared=True)
    goal_services.step_add(person=bob, couple=ours, goal_id=shared_goal.pk, title="BOB-STEP-WORDS", due_on=None)
    bobs_goal = goal_services.goal_create(person=bob, couple=ours, shared=True, title="BOB-GOAL-WORDS",
                                          value_name="Health", target_on=bob.today() + dt.timedelta(days=30))
    goal_services.step_add(person=alice, couple=couple_for(alice), goal_id=bobs_goal.pk,
                           title=f"{ALICE_SHARED} step on bob's goal", due_on=None)
    memory = Memory.objects.get(author=alice, kind=Memory.MEMORY)
    (bobs_photo,) = memory_services.photos_add(person=bob, couple=ours, memory_id=memory.pk, files=[png()])
    return bobs_photo


def test_alice_deletes_her_account_and_only_her_rows_and_files_go(world, django_capture_on_commit_callbacks):
    alice, bob = world["people"]["alice"], world["people"]["bob"]
    bobs_photo = _bob_writes_on_alices_things(alice, bob)
    her_files = [name for photo in Photo.objects.filter(author=alice) for name in (photo.image.name, photo.thumb.name)]
    assert her_files and all(photo_storage().exists(name) for name in her_files)
    hers, bobs = _rows_of(alice), _rows_of(bob)
    assert sum(map(len, hers.values())) > 30 and sum(map(len, bobs.values())) > 10
    # A signed-in browser, to be signed out; allauth lists each sign-in (a test login is listed by hand).
    browser = client_for(alice)
    UserSession.objects.create(user=alice, session_key=browser.session.session_key, ip="127.0.0.1", user_agent="test")
    assert browser.get(reverse("today")).status_code == 200
    alice_pk = alice.pk  # deleting clears it on the instance

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(person=alice, password=PASSWORD, confirmation="delete")

    assert not Person.objects.filter(pk=alice_pk).exists()
    for (label, name), ids in hers.items():
        left = apps.get_model(label).objects.filter(pk__in=ids)
        if (label, name) in KEPT_ROWS:
            assert left.count() == len(ids) and not left.exclude(**{f"{name}__isnull": True}).exists()
        else:
            assert not left.exists(), f"{label}.{name}: alice's rows remain"
    for model, name in _user_fields():
        assert name in OWNER_FIELDS | KEPT_WITHOUT_HER, f"{model._meta.label}.{name}: decide what deleting does to it"
        assert not model.objects.filter(**{name: alice_pk}).exists()
    for key, ids in _rows_of(bob).items():
        assert key in NOT_WORDS or ids == bobs[key], f"{key}: every one of bob's rows is intact"
    assert not any(photo_storage().exists(name) for name in her_files)
    assert photo_storage().exists(Photo.objects.get(pk=bobs_photo.pk).image.name)
    assert not any(s.get_decoded().get("_auth_user_id") == str(alice_pk) for s in Session.objects.all())
    assert browser.get(reverse("today")).status_code == 302  # back to signing in
    # His words on her things stay his: in his export, with no words of hers around them.
    assert Reflection.objects.get(author=bob, checkin__isnull=True).text == "BOB-REFLECTION-WORDS"
    assert GoalStep.objects.get(added_by=bob, goal__isnull=True).title == "BOB-STEP-WORDS"
    assert not GoalStep.objects.filter(title__startswith=ALICE_SHARED).exists()
    assert Membership.objects.get(space=couple_for(bob).space, person__isnull=True).left_at is not None

    # bob sees that she left, and nothing more: no word of hers on any page, his export included.
    seen = pages_seen_by(bob, world["samples"])
    assert pages_with(seen, ALICE_SHARED, ALICE_SEALED) == {}
    assert "Your partner left this space on" in seen[reverse("today")]
    export = archive_text(bob)
    for his in ("BOB-REFLECTION-WORDS", "BOB-REPLY-WORDS", "BOB-AFTER-WORDS", "BOB-LINE-WORDS"):
        assert his in export
    dave = Person.objects.get(email="dave@example.test")
    assert pages_with(pages_seen_by(dave, world["samples"]), ALICE_SHARED, ALICE_SEALED) == {}

    # And the authorization matrix's own checks still hold for everyone left.
    for route, name in matrix.ALL_ROUTES:
        for who in ("bob", "carol", "anonymous"):
            matrix.test_nothing_private_or_sealed_reaches_anyone_else(world, route, name, who)


def test_a_solo_space_goes_with_its_only_member(erin):
    space = couple_for(erin).space
    account_delete(person=erin, password=PASSWORD, confirmation="DELETE")
    assert not type(space).objects.filter(pk=space.pk).exists()


def test_a_wrong_password_or_word_deletes_nothing(couple):
    alice, _bob = couple
    for password, word in (("not-my-password", "DELETE"), (PASSWORD, "please")):
        try:
            account_delete(person=alice, password=password, confirmation=word)
        except Exception as exc:  # noqa: BLE001  (the kind message is the point)
            assert "Nothing has been deleted" in " ".join(exc.messages)
        else:
            raise AssertionError("deleted without the password and the word")
    assert Person.objects.filter(pk=alice.pk).exists() and couple_for(alice) is not None


def test_the_page_explains_offers_the_export_and_keeps_everything_on_a_wrong_password(couple, django_assert_max_num_queries):
    alice, _bob = couple
    client = client_for(alice)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("delete_account")).content.decode()
    assert reverse("export") in page and "Bob keeps everything they wrote" in page
    assert reverse("delete_account") in client.get(reverse("profile")).content.decode()

    response = client.post(reverse("delete_account"), {"password": "wrong", "confirmation": "DELETE"})
    assert response.status_code == 400
    assert "That isn&#x27;t your password. Nothing has been deleted." in response.content.decode()
    assert Person.objects.filter(pk=alice.pk).exists()

    response = client.post(reverse("delete_account"), {"password": PASSWORD, "confirmation": "DELETE"})
    assert response.status_code == 302 and response.url == reverse("home")
    assert not Person.objects.filter(pk=alice.pk).exists()
    assert client.get(reverse("today")).status_code == 302  # signed out


def test_guessing_the_password_here_is_limited(couple):
    alice, _bob = couple
    client = client_for(alice)
    for _ in range(5):
        client.post(reverse("delete_account"), {"password": "guess", "confirmation": "DELETE"})
    response = client.post(reverse("delete_account"), {"password": PASSWORD, "confirmation": "DELETE"})
    assert "Too many tries" in response.content.decode()
    assert Person.objects.filter(pk=alice.pk).exists()
