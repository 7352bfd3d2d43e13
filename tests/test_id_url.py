"""`lib.urls.id_url` gives what `reverse()` gives, for any ids and script prefix."""

import pytest
from django.urls import reverse, set_script_prefix

from rekindle.lib.urls import id_url


@pytest.mark.parametrize("pk", [1, 7, 42, 7_340_000_000_001, 10**15])
def test_the_same_address_as_reverse(pk):
    assert id_url("appreciation_reply", appreciation_id=pk) == reverse("appreciation_reply", kwargs={"appreciation_id": pk})
    assert id_url("reflection_respond", reflection_id=pk) == reverse("reflection_respond", kwargs={"reflection_id": pk})


def test_under_a_script_prefix():
    set_script_prefix("/rekindle/")
    try:
        assert id_url("appreciation_reply", appreciation_id=3) == reverse("appreciation_reply", kwargs={"appreciation_id": 3})
        assert id_url("appreciation_reply", appreciation_id=3).startswith("/rekindle/")
    finally:
        set_script_prefix("/")
    assert not id_url("appreciation_reply", appreciation_id=3).startswith("/rekindle/")


@pytest.mark.parametrize("value", ["3", 3.0, True, None])
def test_only_ints(value):
    with pytest.raises(TypeError):
        id_url("appreciation_reply", appreciation_id=value)


@pytest.mark.parametrize("pk", [1, 42, 7_340_000_000_001])
def test_a_function_of_the_id_gives_the_same(pk):
    from rekindle.lib.urls import id_url_for

    assert id_url_for("appreciation_reply", "appreciation_id")(pk) == reverse("appreciation_reply", kwargs={"appreciation_id": pk})
    with pytest.raises(TypeError):
        id_url_for("appreciation_reply", "appreciation_id")("3")
