"""Reminder choices for the authorization matrix (tests/test_authorization_matrix.py).

Reminders hold no words; the unsubscribe link is public by design (its signature is the permission).
"""

import datetime as dt

from rekindle.reminders import services
from rekindle.reminders.tokens import unsubscribe_token


def add_samples(alice, bob, carol, dave):
    for person in (alice, carol):
        services.reminders_save(
            person=person,
            choices={"checkin": {"enabled": True, "at": dt.time(21, 0), "weekday": None}},
            quiet_from=None,
            quiet_until=None,
        )
    return {"signed": unsubscribe_token(person_id=alice.pk, kind="checkin")}
