"""Headers on every page, and no inline script or style anywhere.

The route list is the authorization matrix's walk of the resolver, so a new page is covered
without touching this file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import client_for
from tests.test_authorization_matrix import ALL_ROUTES, concrete, world  # noqa: F401  (fixture)

TEMPLATES = Path(__file__).resolve().parent.parent / "src" / "rekindle" / "templates"

REQUIRED_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
HANDLER_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
HX_ON = re.compile(r"\shx-on", re.I)
JS_URL = re.compile(r"(?:href|src|action)\s*=\s*[\"']?\s*javascript:", re.I)


def inline_code(html: str) -> list[str]:
    problems = []
    for name, pattern in [
        ("inline <script>", INLINE_SCRIPT),
        ("<style> element", STYLE_ELEMENT),
        ("style= attribute", STYLE_ATTRIBUTE),
        ("on…= handler", HANDLER_ATTRIBUTE),
        ("hx-on attribute", HX_ON),
        ("javascript: URL", JS_URL),
    ]:
        for match in pattern.finditer(html):
            problems.append(f"{name}: {html[match.start():match.start() + 80]!r}")
    return problems


def assert_strict_csp(response, url):
    policy = response.headers.get("Content-Security-Policy")
    assert policy, f"no Content-Security-Policy at {url}"
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    for name, value in REQUIRED_DIRECTIVES.items():
        assert directives.get(name) == [value], f"{name} is {directives.get(name)} at {url}"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
    assert "Permissions-Policy" in response.headers, url
    assert "camera=()" in response.headers["Permissions-Policy"], url


def assert_no_store(response, url):
    assert "no-store" in response.headers.get("Cache-Control", ""), f"{url} may be cached"


@pytest.mark.parametrize("who", ["anonymous", "alice", "operator"])
def test_every_page_has_a_strict_policy_is_never_cached_and_has_no_inline_code(world, who):  # noqa: F811
    client = client_for(world["people"][who])
    for route, _name in ALL_ROUTES:
        url = concrete(route, world["samples"])
        for response in (client.get(url), client.get(url, HTTP_HX_REQUEST="true")):
            assert_strict_csp(response, url)
            assert_no_store(response, url)
            if response.get("Content-Type", "").startswith("text/html"):
                body = b"".join(response) if response.streaming else response.content
                assert inline_code(body.decode(errors="replace")) == [], url


def test_the_export_is_never_cached(couple):
    alice, _bob = couple
    for url in ("/me/export/", "/me/export/download/"):
        response = client_for(alice).get(url)
        assert response.status_code == 200
        assert_no_store(response, url)


def test_error_pages_have_no_inline_code():
    for name in ("500.html", "403_csrf.html", "403.html", "404.html"):
        assert inline_code((TEMPLATES / name).read_text()) == [], name


def test_no_template_has_inline_script_style_or_handlers():
    problems = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for problem in inline_code(path.read_text()):
            problems.append(f"{path.relative_to(TEMPLATES)}: {problem}")
    assert problems == []


def test_htmx_is_configured_to_need_neither_inline_style_nor_eval():
    base = (TEMPLATES / "base.html").read_text()
    assert '"includeIndicatorStyles":false' in base
    assert '"allowEval":false' in base
    assert '"attributesToSettle":["class","width","height"]' in base  # no style= copied while settling


def test_the_scanner_catches_what_it_should():
    assert inline_code("<script>alert(1)</script>")
    assert inline_code('<p style="color: red">')
    assert inline_code('<button onclick="go()">')
    assert inline_code('<div hx-on:click="go()">')
    assert inline_code("<style>p{}</style>")
    assert not inline_code('<script src="/static/x.js" defer></script>')
    assert not inline_code('<script id="d" type="application/json">{}</script>')
    assert not inline_code('<p class="onward" data-style="x">')
