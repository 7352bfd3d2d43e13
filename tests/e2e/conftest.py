"""Browser tests: Playwright (sync API) driving the system Chromium against `live_server`.

Each test gets fresh browser contexts ("phones") from one browser shared by the session.
Every page a test visits is checked with axe-core (`assert_accessible`), and the main
pages are saved as full-page screenshots (`shot`) into one directory per session.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# the ORM calls that fixtures and tests make from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "a-long-and-kind-passphrase"
E2E_DIR = Path(__file__).parent

_screenshot_dir: Path | None = None


def _truthy(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def browser_required() -> bool:
    """CI must not quietly skip the browser tests."""
    return _truthy("REKINDLE_REQUIRE_BROWSER") or _truthy("CI")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if E2E_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.e2e)


def pytest_terminal_summary(terminalreporter):
    if _screenshot_dir is not None:
        terminalreporter.write_line(f"Rekindle screenshots: {_screenshot_dir}")


# --- the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}; install Debian's `chromium` package to run browser tests"
        if browser_required():
            pytest.fail(f"{reason} (required: REKINDLE_REQUIRE_BROWSER or CI is set)", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # A browser that is installed but cannot start is a real failure, never a skip.
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Phones:
    """Makes fresh browser contexts: each one a separate phone with its own cookies.

    `new_phone(tz="Europe/London")` returns a Page; keyword arguments go to `new_context`.
    Every response of 500 or more that any phone receives is remembered in `server_errors`.
    """

    def __init__(self, browser):
        self.browser = browser
        self.contexts = []
        self.server_errors: list[str] = []

    def __call__(self, tz: str = "UTC", **options):
        options.setdefault("viewport", PHONE)
        options.setdefault("locale", "en-GB")
        context = self.browser.new_context(timezone_id=tz, **options)
        context.set_default_timeout(10_000)
        context.rekindle_js_enabled = options.get("java_script_enabled", True)
        context.on("response", self._check_response)
        self.contexts.append(context)
        return context.new_page()

    def _check_response(self, response):
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.request.method} {response.url}")

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def new_phone(browser):
    phones = Phones(browser)
    yield phones
    phones.close()
    # A 500 fails the test even if the page after it looked fine.
    assert not phones.server_errors, "The server answered with an error:\n" + "\n".join(phones.server_errors)


# --- accessibility -------------------------------------------------------------------------


def assert_accessible(page) -> None:
    """Run axe-core on the page as it is now; fail listing every violation.

    With JavaScript off axe cannot run in the page itself, so the page's HTML as the
    browser shows it is checked in a JavaScript-enabled copy: same URL (so the same
    styles load), same viewport and colour scheme, the page's own scripts left out.
    """
    page.wait_for_load_state("load")
    if js_enabled(page):
        violations = _run_axe(page)
    else:
        violations = _run_axe_on_copy(page)
    if violations:
        lines = [f"axe-core found {len(violations)} violation(s) on {page.url}:"]
        for v in violations:
            lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} <{v.get('helpUrl', '')}>")
            for node in v["nodes"]:
                summary = " ".join(node.get("failureSummary", "").split())
                lines.append(f"    at {json.dumps(node['target'])}: {summary}")
        pytest.fail("\n".join(lines), pytrace=False)


def _run_axe(page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    return page.evaluate("options => axe.run(document, options).then(result => result.violations)", options)


def _run_axe_on_copy(page) -> list[dict]:
    html = re.sub(r"<script\b[^>]*>.*?</script>", "", page.content(), flags=re.S | re.I)
    dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    url = page.url.split("#")[0]
    context = page.context.browser.new_context(
        viewport=page.viewport_size, color_scheme="dark" if dark else "light"
    )
    try:
        copy = context.new_page()
        copy.route(
            lambda requested: requested.split("#")[0] == url,
            lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html),
        )
        copy.goto(url)
        return _run_axe(copy)
    finally:
        context.close()


def js_enabled(page) -> bool:
    return getattr(page.context, "rekindle_js_enabled", True)


# --- screenshots ---------------------------------------------------------------------------


def screenshot_dir() -> Path:
    global _screenshot_dir
    if _screenshot_dir is None:
        chosen = os.environ.get("REKINDLE_SCREENSHOT_DIR", "").strip()
        if chosen:
            _screenshot_dir = Path(chosen)
            _screenshot_dir.mkdir(parents=True, exist_ok=True)
        else:
            _screenshot_dir = Path(tempfile.mkdtemp(prefix="rekindle-shots-"))
    return _screenshot_dir


def shot(page, name: str) -> Path:
    """Save a full-page PNG of the page as it is now, e.g. `shot(page, "05-today-sealed")`."""
    if not re.fullmatch(r"[\w.-]+", name):
        raise ValueError(f"Screenshot names are plain file names, not {name!r}")
    path = screenshot_dir() / (name if name.endswith(".png") else f"{name}.png")
    page.screenshot(path=str(path), full_page=True, animations="disabled", caret="hide")
    return path


# --- journeys ------------------------------------------------------------------------------


def wait_for_htmx(page) -> None:
    """Wait until htmx has no request in flight and has settled the last swap."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )


def signup(page, live_server, name, email, password=PASSWORD, tz=None, *, start=True, screenshot=None):
    """Create an account through the real sign-up form and return the page after it.

    With `start` the form is opened first; otherwise it must already be on screen (after
    following an invite's "Create an account" link, say). With JavaScript on, the time zone
    must have been pre-filled from the browser's zone `tz`; with it off, `tz` is chosen by hand.
    """
    if start:
        page.goto(f"{live_server.url}/accounts/signup/")
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()
    assert_accessible(page)
    zone = page.get_by_label("Your time zone")
    if tz is not None:
        if js_enabled(page):
            expect(zone, "the time zone should be pre-filled from the browser").to_have_value(tz)
        else:
            expect(zone).to_have_value("UTC")
            zone.select_option(tz)
    page.get_by_label("What should we call you?").fill(name)
    page.get_by_label(re.compile(r"^e-?mail", re.I)).fill(email)
    page.get_by_label(re.compile(r"^password", re.I)).fill(password)
    if screenshot:
        shot(page, screenshot)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Create your account")).to_have_count(0)
    page.wait_for_load_state("load")
    assert_accessible(page)
    return page


def pytest_sessionfinish(session, exitstatus):
    # An empty screenshot directory (every test skipped) is just noise; remove it.
    if _screenshot_dir is not None and _screenshot_dir.exists() and not any(_screenshot_dir.iterdir()):
        if not os.environ.get("REKINDLE_SCREENSHOT_DIR"):
            shutil.rmtree(_screenshot_dir, ignore_errors=True)
