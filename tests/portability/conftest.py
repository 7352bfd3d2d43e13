import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from rekindle.checkins import services as checkin_services
from rekindle.spaces.selectors import couple_for
from tests.test_authorization_matrix import world  # noqa: F401  (every app's content, for every kind)

YEAR_STEP = 3  # a check-in from both every third day, across a year


@pytest.fixture
def year(world):  # noqa: F811
    """The authorization matrix's world, and a year of check-ins, reflections and appreciations from alice and bob."""
    alice, bob = world["people"]["alice"], world["people"]["bob"]
    start = timezone.now() - dt.timedelta(days=365)
    for day in range(0, 363, YEAR_STEP):
        with time_machine.travel(start + dt.timedelta(days=day, hours=12), tick=False):
            for person in (alice, bob):
                checkin_services.checkin_submit(
                    person=person, couple=couple_for(person),
                    answers={"rose": f"{person.display_name} rose {day}", "bud": "a bud", "thorn": "a thorn"}, revision=None,
                )
            mine = checkin_services.appreciation_create(
                person=alice, couple=couple_for(alice), text=f"Thank you for day {day}", submission=None
            )
            checkin_services.appreciation_reply(person=bob, appreciation_id=mine.pk, text="Aw, thank you")
    return world
