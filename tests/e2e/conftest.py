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


@pytest.fixture
def new_phone(browser):
    """Make a fresh browser context (a separate phone, with its own cookies) and open a page.

    `new_phone(tz="Europe/London")` returns a Page; keyword arguments go to `new_context`.
    """
    contexts = []

    def make(tz: str = "UTC", **options):
        options.setdefault("viewport", PHONE)
        options.setdefault("locale", "en-GB")
        context = browser.new_context(timezone_id=tz, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        _watch_for_server_errors(page)
        return page

    yield make
    for context in contexts:
        context.close()


def _watch_for_server_errors(page) -> None:
    """Any 500 the browser sees fails the test, even when the page looks fine."""
    page.server_errors = []

    def on_response(response):
        if response.status >= 500:
            page.server_errors.append(f"{response.status} {response.request.method} {response.url}")

    page.on("response", on_response)


@pytest.fixture(autouse=True)
def _no_server_errors(request):
    yield
    phone_factory = request.node.funcargs.get("new_phone")
    if phone_factory is None:
        return
    # The factory closes over its contexts; the pages are reachable through them.
    errors = []
    for cell in phone_factory.__closure__ or ():
        value = cell.cell_contents
        if isinstance(value, list):
            for context in value:
                for page in context.pages:
                    errors.extend(getattr(page, "server_errors", []))
    assert not errors, "The server answered with an error:\n" + "\n".join(errors)


# --- accessibility -------------------------------------------------------------------------


def assert_accessible(page) -> None:
    """Run axe-core on the page as it is now; fail listing every violation."""
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    violations = page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)
    if violations:
        lines = [f"axe-core found {len(violations)} violation(s) on {page.url}:"]
        for v in violations:
            lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} <{v.get('helpUrl', '')}>")
            for node in v["nodes"]:
                lines.append(f"    at {json.dumps(node['target'])}: {node.get('failureSummary', '').strip()}")
        pytest.fail("\n".join(lines), pytrace=False)


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


def signup(page, live_server, name: str, email: str, password: str = PASSWORD, tz: str | None = None, *, start=True):
    """Create an account through the real sign-up form.

    With `start` the page is opened first; otherwise the form must already be on screen
    (for instance after following an invite's "Create an account" link). `tz`, when
    given, is what the browser's time zone should have pre-filled; it is checked, then kept.
    """
    from playwright.sync_api import expect

    if start:
        page.goto(f"{live_server.url}/accounts/signup/")
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()
    assert_accessible(page)
    zone = page.get_by_label("Your time zone")
    if tz is not None and page.context is not None and _js_enabled(page):
        expect(zone).to_have_value(tz)
    page.get_by_label("What should we call you?").fill(name)
    page.get_by_label(re.compile(r"^E-?mail", re.I)).fill(email)
    page.get_by_label(re.compile(r"^Password", re.I)).fill(password)
    if tz is not None and not _js_enabled(page):
        zone.select_option(tz)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", name="Create your account")).to_have_count(0)
    return page


def _js_enabled(page) -> bool:
    try:
        return page.evaluate("true")
    except Exception:  # evaluate fails only when the context has JavaScript off
        return False


def pytest_sessionfinish(session, exitstatus):
    # An empty screenshot directory (every test skipped) is just noise; remove it.
    if _screenshot_dir is not None and _screenshot_dir.exists() and not any(_screenshot_dir.iterdir()):
        if not os.environ.get("REKINDLE_SCREENSHOT_DIR"):
            shutil.rmtree(_screenshot_dir, ignore_errors=True)
