"""Browser tests: Playwright (sync API) driving the system Chromium against `live_server`.

Each test gets fresh browser contexts ("phones") from one browser shared by the session.
Every page a test visits is checked with axe-core (`assert_accessible`), and the main
pages are saved as full-page screenshots (`shot`) into one directory per session.

Helpers for tests: `assert_accessible`, `shot`, `signup`, `create_space`, `go`,
`check_in`, `wait_for_htmx`; fixtures: `browser` (session), `new_phone`,
`same_date_everywhere`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import expect

# Busy CI machines are slow; a fair wait beats a flaky failure.
expect.set_options(timeout=10_000)

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


def pytest_sessionfinish(session, exitstatus):
    # An empty screenshot directory (every test skipped) is just noise; remove it.
    if _screenshot_dir is not None and _screenshot_dir.exists() and not any(_screenshot_dir.iterdir()):
        if not os.environ.get("REKINDLE_SCREENSHOT_DIR"):
            shutil.rmtree(_screenshot_dir, ignore_errors=True)


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
            _auditors.pop(browser, None)
            browser.close()


# Pages report every Content-Security-Policy violation on the console, where the test sees it.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
    " at " + e.sourceFile + ":" + e.lineNumber + " " + (e.sample || ""));
});
"""


class Phones:
    """Makes fresh browser contexts: each one a separate phone with its own cookies.

    `new_phone(tz="Europe/London")` returns a Page; keyword arguments go to `new_context`
    (`java_script_enabled=False`, `color_scheme="dark"`, `viewport=DESKTOP`, `storage_state=…`).
    Every response of 500 or more that any phone receives is remembered in `server_errors`,
    and every Content-Security-Policy violation a page reports in `csp_violations`.
    """

    def __init__(self, browser):
        self.browser = browser
        self.contexts = []
        self.server_errors: list[str] = []
        self.csp_violations: list[str] = []

    def __call__(self, tz: str = "UTC", **options):
        options.setdefault("viewport", PHONE)
        options.setdefault("locale", "en-GB")
        context = self.browser.new_context(timezone_id=tz, **options)
        context.set_default_timeout(10_000)
        context.rekindle_js_enabled = options.get("java_script_enabled", True)
        context.on("response", self._check_response)
        context.add_init_script(CSP_LISTENER)
        context.on("console", self._check_console)
        self.contexts.append(context)
        return context.new_page()

    def _check_console(self, message):
        text = message.text
        if "Content Security Policy" in text or text.startswith("CSP violation"):
            self.csp_violations.append(f"{message.page.url if message.page else '?'}: {text}")

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
    # The no-JavaScript audit copy keeps a connection to the live server; close it with the test.
    auditor = _auditors.pop(browser, None)
    if auditor is not None:
        auditor.context.close()
    # A 500 fails the test even if the page after it looked fine.
    assert not phones.server_errors, "The server answered with an error:\n" + "\n".join(phones.server_errors)
    assert not phones.csp_violations, "A page broke the Content-Security-Policy:\n" + "\n".join(phones.csp_violations)


@pytest.fixture
def same_date_everywhere():
    """Pin the server's clock to 15:00 UTC today (time still runs).

    Each person's "today" is local: between midnight and 05:00 UTC a partner in London is
    already on the next date while one in New York is not, so their check-ins would not
    pair up. Mid-afternoon UTC is the same date from Honolulu to Tokyo.
    """
    now = dt.datetime.now(dt.UTC)
    with time_machine.travel(now.replace(hour=15, minute=0, second=0, microsecond=0), tick=True):
        yield


# --- accessibility -------------------------------------------------------------------------


def assert_accessible(page) -> None:
    """Run axe-core on the page as it is now; fail listing every violation.

    With JavaScript off axe cannot run in the page itself, so the page's HTML as the
    browser shows it is checked in a JavaScript-enabled copy: same URL (so the same
    styles load), same viewport and colour scheme, the page's own scripts left out.
    A page identical to one already checked (same markup apart from CSRF tokens, same
    viewport and colour scheme) is not checked twice.
    """
    page.wait_for_load_state("load")
    if js_enabled(page):
        wait_for_htmx(page)  # the page at rest: a request sent on load (news "seen") dims its button meanwhile
    html = page.content()
    dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    fingerprint = _fingerprint(html, page.viewport_size, dark, js_enabled(page))
    if fingerprint in _checked_pages:
        return
    if js_enabled(page):
        violations = _run_axe(page)
    else:
        violations = _run_axe_on_copy(page, html, dark)
    if violations:
        lines = [f"axe-core found {len(violations)} violation(s) on {page.url}:"]
        for v in violations:
            lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} <{v.get('helpUrl', '')}>")
            for node in v["nodes"]:
                summary = " ".join(node.get("failureSummary", "").split())
                lines.append(f"    at {json.dumps(node['target'])}: {summary}")
        pytest.fail("\n".join(lines), pytrace=False)
    _checked_pages.add(fingerprint)


_checked_pages: set[str] = set()
_CSRF = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]*')


def _fingerprint(html: str, viewport, dark: bool, javascript: bool) -> str:
    markup = _CSRF.sub(r"\1", html)
    return hashlib.sha256(f"{viewport}|{dark}|{javascript}|{markup}".encode()).hexdigest()


def _run_axe(page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's CSP rightly doesn't govern;
        # a <script> tag with the code inline would be refused (and reported as a violation).
        page.evaluate(_axe_source())
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return page.evaluate("options => axe.run(document, options).then(result => result.violations)", options)


_auditors: dict = {}


def _axe_source() -> str:
    global _AXE_SOURCE
    if _AXE_SOURCE is None:
        _AXE_SOURCE = "(() => {" + AXE.read_text() + "\n})()"
    return _AXE_SOURCE


_AXE_SOURCE: str | None = None


def _run_axe_on_copy(page, html: str, dark: bool) -> list[dict]:
    html = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S | re.I)
    url = page.url.split("#")[0]
    browser = page.context.browser
    auditor = _auditors.get(browser)
    if auditor is None or auditor.is_closed():
        auditor = _auditors[browser] = browser.new_context().new_page()
    auditor.set_viewport_size(page.viewport_size)
    auditor.emulate_media(color_scheme="dark" if dark else "light")

    def is_the_page(requested: str) -> bool:
        return requested.split("#")[0] == url

    def serve(route):
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

    auditor.route(is_the_page, serve)
    try:
        auditor.goto(url)
        return _run_axe(auditor)
    finally:
        auditor.unroute(is_the_page, serve)


def js_enabled(page) -> bool:
    return getattr(page.context, "rekindle_js_enabled", True)


# --- screenshots ---------------------------------------------------------------------------


def screenshot_dir() -> Path:
    """REKINDLE_SCREENSHOT_DIR when set, otherwise a new temporary directory per session."""
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
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


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


def create_space(page, live_server, name: str) -> None:
    """Start a space from "Our space" with the "Start a space" form."""
    if not page.url.endswith("/space/"):
        page.goto(f"{live_server.url}/space/")
    start = page.get_by_role("region", name="Start a space")
    start.get_by_label("Name your space").fill(name)
    start.get_by_role("button", name="Start our space").click()
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
    assert_accessible(page)


# Pages reached through a hub: (tab, link on the hub or on Today).
THROUGH_A_HUB = {
    "Appreciations": ("Today", "All appreciations"),
    "Check-ins": ("Today", "Your check-in history"),
    "Our space": ("Me", "Our space"),
    "Your profile": ("Me", "Your profile"),
    "Meetings": ("Us", "Weekly meeting"),
    "Programs": ("Us", "Programs"),
    "Ideas": ("Together", "Ideas"),
    "Bucket list": ("Together", "Our bucket list"),
    "Goals": ("Us", "Goals and values"),
    "Self-care": ("Me", "Self-care"),
    "How I feel cared for": ("Me", "How I feel cared for"),
}


def go(page, where: str) -> None:
    """Follow the tab bar ("Today", "Talk", "Together", "Us", "Me"), or a tab and then the
    link on its hub for the pages in THROUGH_A_HUB ("Appreciations", "Our space" …), and check
    each page it leads to."""
    tab, link = THROUGH_A_HUB.get(where, (where, None))
    page.get_by_role("navigation", name="Main").get_by_role("link", name=tab, exact=True).click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    if link:
        page.get_by_role("main").get_by_role("link", name=re.compile(f"^{re.escape(link)}")).first.click()
        page.wait_for_load_state("load")
        assert_accessible(page)


def check_in(page, words: dict[str, str], *, button: str = "Check in") -> None:
    """Fill the Today check-in card ({"Rose": …, "Bud": …, "Thorn": …}) and send it."""
    card = page.locator("#checkin-card")
    for label, text in words.items():
        card.get_by_label(label, exact=True).fill(text)
    card.get_by_role("button", name=button).click()
    page.wait_for_load_state("load")
    if js_enabled(page):
        wait_for_htmx(page)
