"""Every URL of the project, requested by everyone who might try it.

The URL list comes from the resolver, so a new page is covered without touching this
file. A new URL parameter name needs one sample value in SAMPLES, or the test fails.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import re
import zipfile
from pathlib import Path

import pytest
import time_machine
from django.urls import URLResolver, get_resolver
from django.utils import timezone

from rekindle.checkins import services as checkin_services
from rekindle.checkins.models import AppreciationReply, CheckIn, Reflection
from rekindle.spaces.models import Invite, Person
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for, make_person, pair

# Words that must only ever reach the people allowed to read them.
ALICE_SEALED = "ALICE-SEALED-TODAY"  # alice's check-in today; bob hasn't answered: alice only
ALICE_SHARED = "ALICE-SHARED-WORDS"  # revealed or shared with bob: alice and bob only
CAROL_SHARED = "CAROL-SHARED-WORDS"  # another couple's: carol and dave only

# Each app's tests may hold a `matrix_samples.py` with `add_samples(alice, bob, carol, dave)`:
# it creates that app's content (sealed and private words use the markers below) and
# returns sample values for the app's URL parameters.
SAMPLE_MODULES = sorted(
    f"tests.{path.parent.name}.matrix_samples" for path in Path(__file__).parent.glob("*/matrix_samples.py")
)

# Our pages a logged-out visitor may open. A calendar feed is opened by a calendar app, signed in
# to nothing: its long random token is the key (the sample is alice's discreet feed, without words).
PUBLIC_NAMES = {
    "home", "join", "join_invite", "support", "together_feed",
    "reminders_unsubscribe", "pwa_manifest", "pwa_service_worker", "pwa_offline",
    "openapi-json", "openapi-view",  # the API's schema and its docs page: addresses and shapes, no one's words
}


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.name


ALL_ROUTES = sorted(set(walk(get_resolver().url_patterns)), key=lambda r: (r[0], r[1] or ""))  # one order in every process



def unzipped(content: bytes) -> str:
    """An export ZIP's files, unpacked and joined, so words are looked for in what it holds."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "\n".join(archive.read(name).decode(errors="replace") for name in archive.namelist())

@pytest.fixture
def world(db):
    """alice and bob with sealed, revealed and shared words; carol and dave likewise; an operator."""
    alice, bob = make_person("Alice"), make_person("Bob")
    carol, dave = make_person("Carol"), make_person("Dave")
    pair(alice, bob, "Alice & Bob")
    pair(carol, dave, "Carol & Dave")
    operator = Person.objects.create_superuser("operator@example.test", "a-long-test-password")

    def check_in(person, words):
        return checkin_services.checkin_submit(
            person=person,
            couple=couple_for(person),
            answers={"rose": f"{words} rose", "bud": f"{words} bud", "thorn": f"{words} thorn"},
            revision=None,
        )

    with time_machine.travel(timezone.now() - dt.timedelta(days=1), tick=False):  # yesterday's round
        revealed = check_in(alice, ALICE_SHARED)
        check_in(bob, "BOB-SHARED-WORDS")
    sealed = check_in(alice, ALICE_SEALED)
    reflection = checkin_services.reflection_save(
        person=bob, checkin_id=revealed.pk, item="rose", text="BOB-REFLECTION-WORDS"
    )
    appreciation = checkin_services.appreciation_create(
        person=alice, couple=couple_for(alice), text=f"{ALICE_SHARED} appreciation", submission=None
    )
    check_in(carol, CAROL_SHARED)
    check_in(dave, "DAVE-SHARED-WORDS")
    checkin_services.appreciation_create(
        person=carol, couple=couple_for(carol), text=f"{CAROL_SHARED} appreciation", submission=None
    )
    invite = Invite.objects.get(used_by=bob)
    samples = {
        "invite_id": invite.pk,
        "code": invite.code,
        "day": sealed.local_date.isoformat(),
        "checkin_id": sealed.pk,
        "item": "rose",
        "reflection_id": reflection.pk,
        "appreciation_id": appreciation.pk,
        # Django admin and allauth parameters
        "object_id": alice.pk,
        "id": alice.pk,
        "content_type_id": 1,
        "app_label": "spaces",
        "url": "spaces/checkin/",
        "key": "not-a-real-key",
        "uidb36": "1",
    }
    people = {"alice": alice, "bob": bob, "carol": carol, "dave": dave}
    for module in SAMPLE_MODULES:
        added = importlib.import_module(module).add_samples(**people)
        clash = {name for name in added if name in samples and samples[name] != added[name]}
        assert not clash, f"{module} gives URL parameters {clash} values another app's pages need: name yours apart"
        samples.update(added)
    return {
        "people": {"anonymous": None, "alice": alice, "bob": bob, "carol": carol, "operator": operator},
        "samples": samples,
        "revealed": revealed,
        "appreciation": appreciation,
    }


def concrete(route: str, samples: dict) -> str:
    """Turn a route (path() or regex style) into a URL using the sample values."""

    def value(name):
        if name not in samples:
            pytest.fail(f"No sample value for URL parameter <{name}> in {route}: add one to SAMPLES")
        return str(samples[name])

    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: value(m.group(1)), route)
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: value(m.group(1)), url)
    url = url.replace("^", "").replace("$", "").replace("\\", "")
    return "/" + url


# Which words each person may see.
MAY_SEE = {
    "anonymous": set(),
    "alice": {ALICE_SEALED, ALICE_SHARED},
    "bob": {ALICE_SHARED},
    "carol": {CAROL_SHARED},
    "operator": set(),
}
ATTEMPT = {
    "text": "INTRUDER-WORDS",
    "response": "yes",
    "rose": "INTRUDER-WORDS",
    "bud": "INTRUDER-WORDS",
    "thorn": "INTRUDER-WORDS",
    "name": "INTRUDER-WORDS",
    "code": "INTRUDER",
}


@pytest.mark.parametrize("who", list(MAY_SEE))
@pytest.mark.parametrize("route,name", ALL_ROUTES, ids=[r[0] or "/" for r in ALL_ROUTES])
def test_nothing_private_or_sealed_reaches_anyone_else(world, route, name, who):
    person = world["people"][who]
    client = client_for(person)
    url = concrete(route, world["samples"])
    attempts = [
        lambda: client.get(url),
        lambda: client.post(url, ATTEMPT),
        lambda: client.post(url, ATTEMPT, HTTP_HX_REQUEST="true"),
    ]
    for attempt in attempts:
        response = attempt()
        assert response.status_code < 500, f"{who} got {response.status_code} at {url}"
        may_see = set(MAY_SEE[who])
        if who == "bob" and CheckIn.objects.filter(author=person, local_date=person.checkin_today()).exists():
            may_see.add(ALICE_SEALED)  # bob's POST to /checkin/ answered today, which rightly reveals alice's
        body = b"".join(response) if response.streaming else response.content
        text = body.decode(errors="replace") + str(response.headers)
        for secret in {ALICE_SEALED, ALICE_SHARED, CAROL_SHARED} - may_see:
            assert secret not in text, f"{who} saw {secret} at {url}"

    # Nobody outside the couple can attach words to its content.
    if who in {"anonymous", "carol", "operator"}:
        assert not Reflection.objects.filter(text="INTRUDER-WORDS").exists()
        assert not AppreciationReply.objects.filter(text="INTRUDER-WORDS").exists()


@pytest.mark.parametrize("route,name", [r for r in ALL_ROUTES if r[1] and not r[0].startswith(("accounts/", "operator/"))])
def test_logged_out_visitors_are_sent_to_log_in(world, route, name):
    url = concrete(route, world["samples"])
    response = client_for(None).get(url)
    if route.lstrip("^").startswith("api/") and name not in PUBLIC_NAMES:
        # The JSON API answers in JSON: without a token, 401 (or 404 where nothing is).
        assert response.status_code in {401, 404, 405}, url
        assert response.status_code == 405 or response["Content-Type"].startswith("application/json"), url
    elif name in PUBLIC_NAMES:
        assert response.status_code == 200
    else:
        assert response.status_code in {302, 405}, url
        if response.status_code == 302:
            assert response.url.startswith("/accounts/login/"), url


def test_operator_admin_shows_accounts_but_no_couple_content(world):
    client = client_for(world["people"]["operator"])
    body = client.get("/operator/").content.decode()
    assert "People" in body
    for hidden in ("Check-ins", "Appreciation", "Reflection"):
        assert hidden not in body



API_ROUTES = [r for r in ALL_ROUTES if r[0].lstrip("^").startswith("api/")]


def bob_unsealed_alices_words(bob, samples) -> bool:
    """Bob answering today's check-in or the sealed question through the API rightly reveals alice's words."""
    from rekindle.prompts.models import PromptAnswer

    return (CheckIn.objects.filter(author=bob, local_date=bob.checkin_today()).exists()
            or PromptAnswer.objects.filter(author=bob, draw=samples["draw_id"]).exists())


@pytest.mark.parametrize("route,name", API_ROUTES, ids=[r[0] for r in API_ROUTES])
def test_api_tokens_reach_only_their_own_persons_words(world, route, name):
    """The same walk for the JSON API: everyone in turn, with a read-and-write token of their own."""
    import json

    from rekindle.api import services as api_services
    from rekindle.prompts.models import PromptAnswer

    url = concrete(route, world["samples"])
    body = json.dumps({**ATTEMPT, "answer": "INTRUDER-WORDS"})
    for who, person in world["people"].items():
        headers = {}
        if person is not None:
            _, secret = api_services.token_create(person=person, name="matrix", scope="read-write")
            headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
        client = client_for(None)
        for response in (client.get(url, **headers), client.post(url, body, content_type="application/json", **headers)):
            assert response.status_code < 500, f"{who} got {response.status_code} at {url}"
            zipped = response.get("Content-Type") == "application/zip"
            if response.status_code != 405 and name not in PUBLIC_NAMES:
                assert response["Content-Type"].startswith("application/json") or (zipped and person), url
            may_see = set(MAY_SEE[who])
            if who == "bob" and bob_unsealed_alices_words(person, world["samples"]):
                may_see.add(ALICE_SEALED)
            text = unzipped(response.content) if zipped else response.content.decode(errors="replace")
            text += str(response.headers)
            for words in {ALICE_SEALED, ALICE_SHARED, CAROL_SHARED} - may_see:
                assert words not in text, f"{who} saw {words} at {url}"
        if who in {"anonymous", "carol", "operator"}:
            alice, bob = world["people"]["alice"], world["people"]["bob"]
            answers = PromptAnswer.objects.filter(draw__space=couple_for(alice).space)
            assert not answers.exclude(author__in=[alice, bob]).exists(), f"{who} answered a question in alice's space"
