"""`rekindle.lib.prepared`: a query compiled once gives what its queryset gives, for every viewer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rekindle.checkins import services as checkin_services
from rekindle.checkins.models import Appreciation, CheckIn
from rekindle.lib.prepared import Fixed, prepared
from rekindle.spaces import services as space_services
from rekindle.spaces.selectors import couple_for


@prepared
def visible_appreciations(viewer, couple):
    return Appreciation.objects.visible_to(viewer).order_by("id")


@prepared
def appreciations_between(viewer, couple, since, until):
    return Appreciation.objects.visible_to(viewer).filter(created_at__gte=since, local_date__lte=until).order_by("id")


@prepared
def checkins_with_rounds(viewer, couple, date):
    return CheckIn.objects.visible_to(viewer).filter(local_date=date).select_related("round", "author")


def appreciate(person, text):
    return checkin_services.appreciation_create(person=person, couple=couple_for(person), text=text, submission=None)


def texts(rows):
    return sorted(row.text for row in rows)


def test_a_prepared_query_gives_what_its_queryset_gives_to_each_viewer(couple, other_couple, erin):
    alice, bob = couple
    carol, _dave = other_couple
    appreciate(alice, "You made the morning easy.")
    appreciate(bob, "You listened all evening.")
    appreciate(carol, "Thank you for the walk.")
    appreciate(erin, "A note to myself.")
    for viewer in (alice, bob, carol, erin):
        expected = list(Appreciation.objects.visible_to(viewer).order_by("id"))
        assert visible_appreciations.rows(viewer) == expected
        assert [row.text for row in visible_appreciations.rows(viewer)] == [row.text for row in expected]
    assert texts(visible_appreciations.rows(alice)) == ["You listened all evening.", "You made the morning easy."]
    assert texts(visible_appreciations.rows(carol)) == ["Thank you for the walk."]
    assert texts(visible_appreciations.rows(erin)) == ["A note to myself."]


def test_after_a_partner_leaves_the_prepared_rule_follows(couple):
    alice, bob = couple
    appreciate(alice, "Mine to keep.")
    appreciate(bob, "His, while we share a space.")
    assert len(visible_appreciations.rows(alice)) == 2
    space_services.space_leave(person=bob)
    assert texts(visible_appreciations.rows(alice)) == ["Mine to keep."]
    assert texts(visible_appreciations.rows(bob)) == ["His, while we share a space."]


def test_dates_and_datetimes_are_values_not_part_of_the_sql(couple):
    alice, _bob = couple
    appreciate(alice, "Today's.")
    today = alice.today()
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    assert texts(appreciations_between.rows(alice, an_hour_ago, today)) == ["Today's."]
    assert appreciations_between.rows(alice, an_hour_ago, today - dt.timedelta(days=1)) == []
    assert appreciations_between.rows(alice, timezone.now() + dt.timedelta(hours=1), today) == []


def test_related_rows_come_filled_in_one_query(couple):
    alice, bob = couple
    checkin_services.checkin_submit(
        person=alice, couple=couple_for(alice), answers={"rose": "A slow breakfast.", "bud": "The weekend.", "thorn": "A long day."}, revision=None
    )
    couple_for(alice)
    with CaptureQueriesContext(connection) as queries:
        (checkin,) = checkins_with_rounds.rows(alice, alice.checkin_today())
        assert checkin.author.display_name == "Alice"
        assert checkin.round.date == checkin.local_date
    assert len(queries) == 1


def test_a_value_written_into_the_sql_is_refused():
    @prepared
    def first_n(limit):
        return Appreciation.objects.all()[:limit]

    with pytest.raises(ValueError, match="did not reach the SQL"):
        first_n.rows(3)


@prepared
def appreciation_counts(viewer, couple, since):
    return (Appreciation.objects.visible_to(viewer).filter(created_at__gte=since)
            .values("author").annotate(n=Count("id")).order_by("author"))


@prepared
def appreciation_texts(viewer, couple):
    return Appreciation.objects.visible_to(viewer).order_by("id").values_list("created_at", "text")


@prepared
def appreciation_ids(viewer, couple):
    return Appreciation.objects.visible_to(viewer).order_by("id").values_list("pk", flat=True)


def test_values_and_values_lists_give_what_the_queryset_gives(couple, other_couple):
    alice, bob = couple
    carol, _dave = other_couple
    for person, text in ((alice, "One."), (alice, "Two."), (bob, "Three."), (carol, "Not for them.")):
        appreciate(person, text)
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    for viewer in (alice, carol):
        visible = Appreciation.objects.visible_to(viewer)
        expected = list(visible.filter(created_at__gte=an_hour_ago).values("author").annotate(n=Count("id")).order_by("author"))
        assert appreciation_counts.rows(viewer, an_hour_ago) == expected
        assert appreciation_texts.rows(viewer) == list(visible.order_by("id").values_list("created_at", "text"))
        assert appreciation_ids.rows(viewer) == list(visible.order_by("id").values_list("pk", flat=True))
    assert appreciation_counts.rows(alice, an_hour_ago) == [{"author": alice.pk, "n": 2}, {"author": bob.pk, "n": 1}]
    assert appreciation_counts.rows(alice, timezone.now() + dt.timedelta(hours=1)) == []
    created_at, _text = appreciation_texts.rows(alice)[0]
    assert isinstance(created_at, dt.datetime) and created_at.tzinfo is not None  # converted, as the ORM does


def test_named_rows_and_prefetches_are_refused(db):
    @prepared
    def named(appreciation_id):
        return Appreciation.objects.filter(pk=appreciation_id).values_list("text", named=True)

    @prepared
    def with_replies(appreciation_id):
        return Appreciation.objects.filter(pk=appreciation_id).prefetch_related("replies")

    for query in (named, with_replies):
        with pytest.raises(TypeError):
            query.rows(1)


@prepared
def appreciations_by_id(viewer, couple, ids):
    return Appreciation.objects.visible_to(viewer).filter(pk__in=ids).order_by("id")


def test_a_list_of_ids_is_values_compiled_once_per_length(couple, other_couple):
    alice, _bob = couple
    carol, _dave = other_couple
    mine = [appreciate(alice, f"Thing {n}.").pk for n in range(3)]
    theirs = appreciate(carol, "Not for Alice.").pk
    assert texts(appreciations_by_id.rows(alice, mine)) == ["Thing 0.", "Thing 1.", "Thing 2."]
    assert texts(appreciations_by_id.rows(alice, [mine[2], theirs])) == ["Thing 2."]
    assert texts(appreciations_by_id.rows(alice, [theirs])) == []


def test_an_object_other_than_the_viewer_is_refused(couple):
    alice, bob = couple
    with pytest.raises(TypeError):
        appreciations_by_id.rows(alice, bob)


@prepared
def appreciations_page(viewer, couple, start, stop):
    return Appreciation.objects.visible_to(viewer).order_by("id")[start:stop]


def test_pages_count_and_slice_like_a_queryset(couple):
    from django.core.paginator import Paginator

    from rekindle.lib.prepared import Pages

    alice, bob = couple
    for n in range(5):
        appreciate(alice if n % 2 else bob, f"Line {n}.")
    expected = Paginator(Appreciation.objects.visible_to(alice).order_by("id"), 2)
    pages = Paginator(Pages(appreciations_page, alice), 2)
    assert pages.count == expected.count == 5
    assert pages.num_pages == 3
    for number in (1, 2, 3):
        assert [a.text for a in pages.page(number).object_list] == [a.text for a in expected.page(number).object_list]


def test_an_empty_list_has_one_empty_page(couple):
    from django.core.paginator import Paginator

    from rekindle.lib.prepared import Pages

    page = Paginator(Pages(appreciations_page, couple[0]), 2).get_page(1)
    assert list(page.object_list) == [] and page.paginator.num_pages == 1


@prepared
def checkins_of(viewer, couple):
    return CheckIn.objects.visible_to(viewer).order_by("id")


@prepared
def checkin_texts_only(viewer, couple):
    return CheckIn.objects.visible_to(viewer).only("rose").order_by("id")


def test_rows_are_built_as_the_orm_builds_them(couple):
    alice, _bob = couple
    checkin_services.checkin_submit(
        person=alice, couple=couple_for(alice), answers={"rose": "Tea in the garden.", "bud": "A day off.", "thorn": "Traffic."}, revision=None
    )
    (expected,) = CheckIn.objects.visible_to(alice).order_by("id")
    (built,) = checkins_of.rows(alice)
    for field in CheckIn._meta.concrete_fields:  # the same values, of the same types and time zone
        assert repr(getattr(built, field.attname)) == repr(getattr(expected, field.attname)), field.name
    assert (built._state.adding, built._state.db) == (False, "default")
    built.rose = "Tea in the garden, with you."
    built.save(update_fields=["rose"])  # an update of the row, as for any fetched row
    assert CheckIn.objects.get(pk=built.pk).rose == "Tea in the garden, with you."
    (partial,) = checkin_texts_only.rows(alice)
    assert partial.get_deferred_fields() == expected.__class__.objects.only("rose").get(pk=built.pk).get_deferred_fields()
    assert partial.thorn == "Traffic."  # a field left out loads when it is read, as with only()


@prepared
def newest_merged(viewer, couple, start, stop):
    from rekindle.lib.prepared import Merged

    shown = Appreciation.objects.visible_to(viewer)
    if couple is None or couple.partner is None:
        return shown[start:stop]
    return Merged((shown.filter(author=viewer), shown.filter(author=couple.partner)), ("-created_at", "-id"), start, stop)


def test_merged_arms_page_like_the_ordered_queryset(couple, other_couple, erin):
    from django.core.paginator import Paginator

    from rekindle.lib.prepared import Pages

    alice, bob = couple
    carol, _dave = other_couple
    moment = timezone.now()
    for n in range(7):
        made = appreciate(alice if n % 3 else bob, f"Line {n}.")
        # Two share a moment: the id breaks the tie, as in the model's ordering.
        Appreciation.objects.filter(pk=made.pk).update(created_at=moment - dt.timedelta(minutes=n // 2 * 5))
    appreciate(carol, "Not theirs to read.")
    appreciate(erin, "Solo.")

    def pages_of(viewer, rows):
        paginator = Paginator(rows, 3)
        return paginator.count, [[a.text for a in paginator.page(n).object_list] for n in paginator.page_range]

    for viewer in (alice, bob, carol, erin):
        assert pages_of(viewer, Pages(newest_merged, viewer)) == pages_of(viewer, Appreciation.objects.visible_to(viewer))
    with CaptureQueriesContext(connection) as captured:
        newest_merged.rows(alice, Fixed(0), Fixed(3))
    assert "UNION ALL" in captured[0]["sql"] and captured[0]["sql"].count("LIMIT 3") == 3
    space_services.space_leave(person=bob)
    assert texts(newest_merged.rows(alice, Fixed(0), Fixed(9))) == texts(Appreciation.objects.visible_to(alice))
