"""`{% url %}` (`lib.url_tag`): literal tags are remembered, per script prefix; the rest is Django's."""

import datetime as dt

import pytest
from django.template import engines
from django.urls import NoReverseMatch, reverse, set_script_prefix

from rekindle.lib.url_tag import LiteralURLNode


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_a_literal_address_is_what_reverse_gives_every_time():
    for _ in range(2):
        assert render("{% url 'today' %}") == reverse("today")
        assert render("{% url 'appreciation_reply' appreciation_id=3 %}") == reverse("appreciation_reply", kwargs={"appreciation_id": 3})
        assert render("{% url 'appreciation_reply' 7 %}") == reverse("appreciation_reply", args=[7])


def test_as_a_variable():
    assert render("{% url 'today' as here %}[{{ here }}]") == f"[{reverse('today')}]"
    assert render("{% url 'no-such-page' as here %}[{{ here }}]") == "[]"


def test_each_script_prefix_has_its_own_address():
    assert render("{% url 'today' %}") == "/today/"
    set_script_prefix("/rekindle/")
    try:
        assert render("{% url 'today' %}") == "/rekindle/today/"
    finally:
        set_script_prefix("/")
    assert render("{% url 'today' %}") == "/today/"


def test_variables_go_to_djangos_own_tag():
    template = engines["django"].from_string("{% url 'checkin_day' day=day %}")
    assert not any(isinstance(node, LiteralURLNode) for node in template.template.nodelist)
    for day in (dt.date(2026, 12, 1), dt.date(2026, 12, 2)):
        assert template.render({"day": day}) == reverse("checkin_day", kwargs={"day": day})


def test_a_missing_address_still_fails_loudly():
    with pytest.raises(NoReverseMatch):
        render("{% url 'no-such-page' %}")
