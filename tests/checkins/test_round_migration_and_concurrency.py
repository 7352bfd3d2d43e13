"""The migration to rounds keeps exactly the old pairs; two partners submitting at once make one round."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from rekindle.checkins import selectors, services
from rekindle.checkins.models import CheckIn, CheckInRound
from rekindle.spaces.selectors import couple_for
from tests.conftest import make_person, pair
from tests.listening.test_concurrency import run_together

BEFORE = [("checkins", "0001_initial")]
AFTER = [("checkins", "0002_checkin_rounds")]
T0 = dt.datetime(2026, 11, 20, 20, 0, tzinfo=dt.UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_one_round_per_old_date_pair_and_unseals_nothing():
    alice, bob = make_person("Alice"), make_person("Bob")
    carol, dave = make_person("Carol"), make_person("Dave")
    pair(alice, bob, "Alice & Bob")
    pair(carol, dave, "Carol & Dave")
    space_ab, space_cd = couple_for(alice).space, couple_for(carol).space
    old = _migrate(BEFORE)
    OldCheckIn = old.get_model("checkins", "CheckIn")

    def row(person, space, date, hours):
        return OldCheckIn.objects.create(
            author_id=person.pk, space_id=space.pk, local_date=date, rose="r", bud="b", thorn="t",
            created_at=T0 + dt.timedelta(hours=hours),
        )

    d1, d2 = dt.date(2026, 11, 20), dt.date(2026, 11, 21)
    both = [row(alice, space_ab, d1, 0), row(bob, space_ab, d1, 2)]
    alone = row(alice, space_ab, d2, 24)  # bob never answered the 21st
    late = row(bob, space_ab, dt.date(2026, 11, 22), 30)  # nor alice the 22nd
    other = [row(carol, space_cd, d1, 1), row(dave, space_cd, d1, 3)]
    try:
        _migrate(AFTER)
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert CheckInRound.objects.count() == 4
    first = CheckIn.objects.get(pk=both[0].pk).round
    assert CheckIn.objects.get(pk=both[1].pk).round_id == first.pk
    assert (first.space_id, first.date, first.opened_at, first.completed_at) == (
        space_ab.pk, d1, T0, T0 + dt.timedelta(hours=2)
    )
    lonely = CheckIn.objects.get(pk=alone.pk).round
    assert lonely.completed_at is None and lonely.opened_at == T0 + dt.timedelta(hours=24)
    assert CheckIn.objects.get(pk=late.pk).round_id not in {first.pk, lonely.pk}
    assert CheckIn.objects.get(pk=other[0].pk).round_id == CheckIn.objects.get(pk=other[1].pk).round_id
    # Exactly the old pairs are readable: nothing sealed before is open now.
    assert set(CheckIn.objects.visible_to(bob).values_list("pk", flat=True)) == {both[0].pk, both[1].pk, late.pk}
    assert set(CheckIn.objects.visible_to(alice).values_list("pk", flat=True)) == {both[0].pk, both[1].pk, alone.pk}
    assert not CheckIn.objects.visible_to(alice).filter(space=space_cd).exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_both_partners_checking_in_at_once_make_one_round_and_both_see_both(attempt):
    alice, bob = make_person("Alice"), make_person("Bob")
    pair(alice, bob, "Alice & Bob")

    def submit(person):
        return lambda: services.checkin_submit(
            person=person, couple=couple_for(person), answers={"rose": person.display_name, "bud": "b", "thorn": "t"},
            revision=None,
        ).pk

    results = run_together(submit(alice), submit(bob))
    assert [r[0] for r in results] == ["ok", "ok"], results
    assert CheckInRound.objects.count() == 1
    assert CheckInRound.objects.get().completed_at is not None
    for person in (alice, bob):
        assert selectors.checkin_day(person, couple_for(person), person.checkin_today()).revealed
