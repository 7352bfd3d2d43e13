"""The accessibility check itself: it must catch a violation, with JavaScript on and off."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import assert_accessible

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_accessibility_check_reports_violations(live_server, new_phone, javascript):
    page = new_phone(java_script_enabled=javascript)
    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page)
    # An image without a text alternative, added the way a careless template would.
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/nope.png\">')")
    with pytest.raises(pytest.fail.Exception, match=r"image-alt .*\n.*img"):
        assert_accessible(page)
