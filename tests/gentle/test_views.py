"""The private drafting page: log-in only, nothing stored, kind about bad input, cheap to serve."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for, make_person

URL = "/draft/"
HARSH = "You never listen. You always make me do everything, genius."
PROMISE = "Nothing you type here is saved or shown to your partner."


def row_counts() -> dict[str, int]:
    """How many rows every table in the database holds."""
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
        return counts


@pytest.fixture
def frank(db):
    """Someone with no space at all: drafting is for them too."""
    return make_person("Frank")


def test_the_url_is_named_gentle_draft():
    assert reverse("gentle_draft") == URL


def test_logged_out_visitors_are_sent_to_log_in(db):
    client = client_for(None)
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    response = client.post(URL, {"text": HARSH})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert b"genius" not in response.content


@pytest.mark.parametrize("who", ["frank", "erin", "alice"])
def test_anyone_logged_in_can_draft_with_or_without_a_space(who, request):
    person = request.getfixturevalue("couple")[0] if who == "alice" else request.getfixturevalue(who)
    response = client_for(person).get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert PROMISE in body
    assert 'name="text"' in body and 'maxlength="5000"' in body
    assert "I appreciate …" in body and "I feel … about …" in body and "I need …" in body
    assert "What the helper noticed" not in body


def test_a_harsh_draft_is_marked_and_each_flag_explained(frank):
    response = client_for(frank).post(URL, {"text": HARSH})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<mark>never</mark>" in body
    assert "<mark>genius</mark>" in body
    assert "<mark>You always make me</mark>" in body
    assert "(sweeping words, might land as blame)" in body  # for screen readers
    for heading in ("Sweeping words", "Might land as blame", "Might read as sarcasm"):
        assert f"<h3>{heading}</h3>" in body
    assert "“always” and “never” turn one moment into a verdict" in body
    assert "Name one recent time instead" in body
    assert 'data-focus-after-swap' in body
    # The draft stays in the box, ready to edit.
    assert HARSH.replace("'", "&#x27;") in body


def test_a_gentle_draft_is_told_so(frank):
    text = "Thank you for cooking on Monday. I feel stretched about the weekends. Could we share Saturday chores?"
    body = client_for(frank).post(URL, {"text": text}).content.decode()
    assert "already has the gentle shape" in body
    assert "<mark>" not in body


def test_missing_parts_are_suggested_gently(frank):
    body = client_for(frank).post(URL, {"text": "The bins were full again."}).content.decode()
    assert "Nothing here stood out as harsh." in body
    assert "You could start with one specific thing you appreciate" in body
    assert "Try naming a feeling" in body


def test_an_htmx_post_gets_the_partial_from_the_same_view(frank):
    response = client_for(frank).post(URL, {"text": HARSH}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.templates[0].name == "gentle/_result.html"
    body = response.content.decode()
    assert "<html" not in body and "<mark>never</mark>" in body
    assert 'hx-post="/draft/"' in body and 'hx-target="#draft-panel"' in body


def test_the_page_works_as_a_plain_form_without_javascript(frank):
    body = client_for(frank).get(URL).content.decode()
    assert 'method="post" action="/draft/"' in body
    assert 'id="draft-panel"' in body


@pytest.mark.parametrize("htmx", [False, True])
def test_an_empty_draft_gets_a_kind_message_at_the_field(frank, htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client_for(frank).post(URL, {"text": "   \n  "}, **headers)
    assert response.status_code == (200 if htmx else 400)
    body = response.content.decode()
    assert "Write a few words first" in body
    assert 'aria-invalid="true"' in body
    assert "What the helper noticed" not in body


@pytest.mark.parametrize("htmx", [False, True])
def test_an_overlong_draft_gets_a_kind_message_and_keeps_every_word(frank, htmx):
    text = ("I want to talk about the weekends. " * 300)[:10_000]
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client_for(frank).post(URL, {"text": text}, **headers)
    assert response.status_code == (200 if htmx else 400)
    body = response.content.decode()
    assert "more than 5,000 characters" in body
    assert "Everything you wrote is still here" in body
    assert text.strip() in body
    assert "What the helper noticed" not in body


@pytest.mark.parametrize(
    "text",
    [
        "🙄🙄🙄 you never 👩‍👩‍👧 listen 🤡",
        "Ναι, you’re ALWAYS late — İstanbul ǅ ﷽",
        "e\u0301" * 2000,
        "\u202eyou never\u202c",
        "<script>alert('never')</script>",
        "x" * 5000,
        "stop. " * 800,
        "\x00 never",
    ],
)
def test_odd_input_never_breaks_the_page(frank, text):
    response = client_for(frank).post(URL, {"text": text})
    assert response.status_code in {200, 400}
    assert b"<script>alert" not in response.content


def test_the_draft_is_escaped(frank):
    body = client_for(frank).post(URL, {"text": "<b>You never</b> listen"}).content.decode()
    assert "&lt;b&gt;You <mark>never</mark>" in body
    assert "</span>&lt;/b&gt; listen" in body
    assert "<b>You" not in body


def test_other_methods_are_refused(frank):
    assert client_for(frank).put(URL).status_code == 405


def test_nothing_is_stored_anywhere(frank):
    client = client_for(frank)
    client.get(URL)
    session_key = client.session.session_key
    before = dict(client.session.items())
    counts = row_counts()
    secret = "PRIVATE-DRAFT-WORDS you never listen"
    with CaptureQueriesContext(connection) as captured:
        response = client.post(URL, {"text": secret})
        client.post(URL, {"text": secret}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    writes = [q["sql"] for q in captured if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    assert not any("PRIVATE-DRAFT-WORDS" in q["sql"] for q in captured)
    assert row_counts() == counts
    assert dict(client.session.items()) == before
    stored = Session.objects.get(session_key=session_key).get_decoded()
    assert "PRIVATE-DRAFT-WORDS" not in repr(stored)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("htmx", [False, True])
def test_the_page_stays_within_the_query_budget(frank, erin, django_assert_max_num_queries, htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    long_harsh = (HARSH + " ") * 80
    for person in (frank, erin):
        client = client_for(person)
        with django_assert_max_num_queries(10, info="GET /draft/"):
            assert client.get(URL, **headers).status_code == 200
        for text in (HARSH, long_harsh[:5000], ""):
            with django_assert_max_num_queries(10, info=f"POST /draft/ {len(text)} characters"):
                assert client.post(URL, {"text": text}, **headers).status_code in {200, 400}


def test_the_count_of_phrases_matches_the_marks_in_the_draft(frank):
    # "You always make me" (blame) and "always" (an absolute) overlap: one mark, one phrase.
    text = "You always make me feel stupid."
    body = client_for(frank).post(URL, {"text": text}).content.decode()
    assert body.count("<mark>") == 1
    assert "1 phrase might land harder than you mean. It's marked" in body
    assert "2 phrases" not in body
