"""The memory book and the small-wins journal: one story both partners read and add to."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rekindle.memories import services
from rekindle.memories.models import Memory, MemoryLine
from rekindle.memories.when import parse_roughly
from rekindle.news.models import NewsItem
from rekindle.spaces import services as space_services
from rekindle.spaces.selectors import couple_for
from rekindle.together import services as bucket_services
from tests.conftest import client_for
from tests.memories.helpers import png
from rekindle.spaces.exports import export_for


def add(person, title="Our first flat", date=dt.date(2020, 3, 1), precision=Memory.DAY, **extra):
    return services.memory_add(person=person, couple=couple_for(person), title=title, date=date, precision=precision, **extra)


def test_alice_adds_a_memory_with_two_photos_on_the_form_and_bob_sees_it(as_alice, couple):
    alice, bob = couple
    response = as_alice.post(
        reverse("memory_new"),
        {"title": "Rain at the beach", "date": "2021-08-14", "place": "Brighton", "text": "Chips in the car.",
         "photos": [png("one.png"), png("two.png")]},
    )
    memory = Memory.objects.get()
    assert response.status_code == 302 and response.url == reverse("memory_detail", kwargs={"memory_id": memory.pk})
    assert memory.photo_count == 2 and memory.place == "Brighton"
    body = client_for(bob).get(reverse("memory_detail", kwargs={"memory_id": memory.pk})).content.decode()
    assert "Rain at the beach" in body and "Chips in the car." in body and "14 August 2021" in body
    assert body.count(reverse("memory_photo", kwargs={"photo_id": memory.cover_id})) >= 1
    timeline = client_for(bob).get(reverse("memories")).content.decode()
    assert "Rain at the beach" in timeline and "2021" in timeline and "August" in timeline


def test_a_memory_can_have_an_approximate_date(as_alice, couple):
    as_alice.post(reverse("memory_new"), {"title": "The road trip", "roughly": "Summer 2019"})
    memory = Memory.objects.get()
    assert (memory.date, memory.precision, memory.when) == (dt.date(2019, 6, 1), Memory.SEASON, "summer 2019")
    assert "summer 2019" in as_alice.get(reverse("memories")).content.decode()


@pytest.mark.parametrize(
    "text,expected",
    [
        ("summer 2019", (dt.date(2019, 6, 1), Memory.SEASON)),
        ("July 2019", (dt.date(2019, 7, 1), Memory.MONTH)),
        ("early sept. 2020", (dt.date(2020, 9, 1), Memory.MONTH)),
        ("2018", (dt.date(2018, 1, 1), Memory.YEAR)),
        ("2018-05", (dt.date(2018, 5, 1), Memory.MONTH)),
        ("fall of 2017", (dt.date(2017, 9, 1), Memory.SEASON)),
        ("sometime", None),
        ("Juvember 2019", None),
    ],
)
def test_roughly_when_is_read_in_plain_words(text, expected):
    assert parse_roughly(text) == expected


@pytest.mark.parametrize(
    "data,field,words",
    [
        ({"title": "", "date": "2020-01-01"}, "title", "short title"),
        ({"title": "x" * 81, "date": "2020-01-01"}, "title", "80 characters"),
        ({"title": "Dinner"}, "date", "Pick the day"),
        ({"title": "Dinner", "roughly": "sometime"}, "roughly", "couldn"),
        ({"title": "Dinner", "date": "2999-01-01"}, "date", "still to come"),
        ({"title": "Dinner", "date": "not-a-date"}, "date", "look like a date"),
    ],
)
def test_bad_input_on_a_memory_gets_a_message_and_keeps_what_was_typed(as_alice, data, field, words):
    response = as_alice.post(reverse("memory_new"), {**data, "place": "The corner café"})
    assert response.status_code == 400
    assert words in response.content.decode()
    assert words in " ".join(response.context["form"].errors[field])
    assert "The corner café" in response.content.decode()
    assert not Memory.objects.exists()


def test_each_partner_adds_their_own_line_and_can_change_or_take_it_away(couple):
    alice, bob = couple
    memory = add(alice)
    services.memory_line_save(person=bob, couple=couple_for(bob), memory_id=memory.pk, text="The radiator that clanked")
    services.memory_line_save(person=alice, couple=couple_for(alice), memory_id=memory.pk, text="Pizza on the floor")
    services.memory_line_save(person=bob, couple=couple_for(bob), memory_id=memory.pk, text="The clanking radiator")
    assert sorted(MemoryLine.objects.values_list("text", flat=True)) == ["Pizza on the floor", "The clanking radiator"]
    body = client_for(alice).get(reverse("memory_detail", kwargs={"memory_id": memory.pk})).content.decode()
    assert "The clanking radiator" in body and "Pizza on the floor" in body
    services.memory_line_save(person=bob, couple=couple_for(bob), memory_id=memory.pk, text="  ")
    assert list(MemoryLine.objects.values_list("author", flat=True)) == [alice.pk]


def test_adding_a_line_on_the_form(as_bob, couple):
    alice, bob = couple
    memory = add(alice)
    url = reverse("memory_line", kwargs={"memory_id": memory.pk})
    assert as_bob.post(url, {"text": "I was so nervous"}).status_code == 302
    too_long = as_bob.post(url, {"text": "x" * 501})
    assert too_long.status_code == 400 and "500 characters" in too_long.content.decode()
    assert MemoryLine.objects.get().text == "I was so nervous"


def test_only_the_one_who_started_a_memory_changes_or_deletes_it(couple):
    alice, bob = couple
    memory = add(alice)
    with pytest.raises(ValidationError):
        services.memory_edit(person=bob, couple=couple_for(bob), memory_id=memory.pk, title="Mine now", date=memory.date)
    with pytest.raises(ValidationError):
        services.memory_delete(person=bob, couple=couple_for(bob), memory_id=memory.pk)
    as_bob = client_for(bob)
    assert as_bob.post(reverse("memory_delete", kwargs={"memory_id": memory.pk})).status_code == 302
    assert Memory.objects.filter(pk=memory.pk).exists()
    response = client_for(alice).post(reverse("memory_edit", kwargs={"memory_id": memory.pk}),
                                      {"title": "Our first home", "roughly": "March 2020"})
    assert response.status_code == 302
    memory.refresh_from_db()
    assert (memory.title, memory.when) == ("Our first home", "March 2020")


def test_a_small_win_is_one_line_shared_at_once_on_the_same_timeline(couple):
    alice, bob = couple
    add(alice, title="The wedding of Sam and Jo", date=dt.date(2019, 5, 4))
    response = client_for(bob).post(reverse("memory_win"), {"text": "We laughed about the burnt toast"})
    assert response.status_code == 302
    win = Memory.objects.get(kind=Memory.WIN)
    assert win.author == bob and win.date == bob.today()
    timeline = client_for(alice).get(reverse("memories")).content.decode()
    assert "We laughed about the burnt toast" in timeline and "Small win" in timeline
    assert timeline.index("burnt toast") < timeline.index("Sam and Jo"), "newest first, one story"
    empty = client_for(bob).post(reverse("memory_win"), {"text": " "})
    assert empty.status_code == 400 and "burnt toast" in empty.content.decode()


def test_partners_get_news_of_memories_without_any_words(couple):
    alice, bob = couple
    memory = add(alice, title="SECRET-TITLE")
    services.memory_line_save(person=bob, couple=couple_for(bob), memory_id=memory.pk, text="SECRET-LINE")
    services.win_add(person=bob, couple=couple_for(bob), text="SECRET-WIN")
    assert set(NewsItem.objects.values_list("kind", flat=True)) == {"memory_add", "memory_line", "win_add"}
    today = client_for(alice).get(reverse("today")).content.decode()
    assert "Bob noted a small win in your journal." in today
    assert "Bob added what they remember to one of your memories." in today
    for secret in ("SECRET-LINE", "SECRET-WIN"):
        assert secret not in today
    services.memory_delete(person=alice, couple=couple_for(alice), memory_id=memory.pk)
    assert not NewsItem.objects.filter(kind__in=["memory_add", "memory_line"]).exists()


def test_other_couples_never_see_or_touch_a_memory(couple, other_couple):
    alice, _ = couple
    carol, _ = other_couple
    memory = add(alice, title="ALICE-ONLY")
    as_carol = client_for(carol)
    for name in ("memory_detail", "memory_edit", "memory_delete"):
        response = as_carol.get(reverse(name, kwargs={"memory_id": memory.pk}))
        assert response.status_code in {302, 404} and "ALICE-ONLY" not in response.content.decode()
    assert "ALICE-ONLY" not in as_carol.get(reverse("memories")).content.decode()
    with pytest.raises(ValidationError):
        services.memory_line_save(person=carol, couple=couple_for(carol), memory_id=memory.pk, text="intruder")


def test_a_memory_leaves_with_the_one_who_wrote_it(couple):
    alice, bob = couple
    memory = add(alice, title="Alice's memory")
    services.memory_line_save(person=bob, couple=couple_for(bob), memory_id=memory.pk, text="Bob's line")
    space_services.space_leave(person=alice)
    assert "Alice's memory" not in client_for(bob).get(reverse("memories")).content.decode()
    export = export_for(alice)
    assert [m["title"] for m in export["memories"]] == ["Alice's memory"]
    assert export["memory_lines"] == []
    bobs = export_for(bob)
    assert [line["text"] for line in bobs["memory_lines"]] == ["Bob's line"]
    assert bobs["memories"] == [] and "Alice's memory" not in str(bobs)  # the line, without her memory


def test_memory_new_prefills_from_the_query_string(as_alice):
    response = as_alice.get(reverse("memory_new") + "?title=Night+swim&text=Cold%21&date=2024-07-01")
    form = response.context["form"]
    assert form.initial["title"] == "Night swim" and form.initial["text"] == "Cold!"
    assert form.initial["date"] == dt.date(2024, 7, 1)
    body = response.content.decode()
    assert 'value="Night swim"' in body and 'value="2024-07-01"' in body
    bad = as_alice.get(reverse("memory_new") + "?date=soon&title=" + "x" * 10)
    assert bad.status_code == 200 and "date" not in bad.context["form"].initial


def test_a_finished_bucket_list_item_offers_to_become_a_memory(as_alice, couple):
    alice, _ = couple
    item = bucket_services.bucket_item_add(person=alice, couple=couple_for(alice), title="Night swim")
    bucket_services.bucket_item_mark_done(person=alice, couple=couple_for(alice), item_id=item.pk,
                                          done_on=alice.today(), memory="So cold!")
    body = as_alice.get(reverse("together_bucket")).content.decode()
    assert "Add to our memories" in body
    assert f"{reverse('memory_new')}?title=Night+swim&amp;text=So+cold%21&amp;date={alice.today():%Y-%m-%d}" in body


def test_a_kept_commitment_offers_to_become_a_memory(as_alice, couple):
    from rekindle.rituals import services as ritual_services
    alice, _ = couple
    commitment = ritual_services.commitment_make(
        person=alice, couple=couple_for(alice), text="Cook on Fridays", due_on=alice.today()
    )
    ritual_services.commitment_kept(person=alice, commitment_id=commitment.pk)
    body = as_alice.get(reverse("commitments")).content.decode()
    assert "Add to our memories" in body and "title=I+kept+my+word%3A+Cook+on+Fridays" in body
