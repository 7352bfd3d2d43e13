"""Measures for the authorization matrix: alice shares one measure and keeps the others."""

from rekindle.measures import services
from rekindle.spaces.selectors import couple_for


def add_samples(alice, bob, carol, dave):
    services.sharing_set(person=alice, choices={"connection": True})
    for person, kind, answers in ((alice, "csi4", [1, 1, 1, 1]), (alice, "ios", [2]), (alice, "connection", [3]),
                                  (carol, "connection", [9]), (carol, "csi4", [6, 5, 5, 5])):
        services.measure_record(person=person, couple=couple_for(person), kind=kind, answers=answers)
    return {}
