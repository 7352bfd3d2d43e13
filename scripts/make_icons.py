"""Render the app icons (PNG, 192 and 512 px, plain and maskable) from the SVG designs in design/.

Run after changing a design:  .venv/bin/python scripts/make_icons.py
It uses the system Chromium through Playwright (already a test dependency), so the PNGs match
the SVGs exactly. The PNGs are committed; nothing is rendered at run time.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "rekindle" / "static" / "rekindle" / "app"
DESIGNS = {"icon": ROOT / "design" / "app-icon.svg", "maskable": ROOT / "design" / "app-icon-maskable.svg"}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for size in (192, 512):
            page = browser.new_page(viewport={"width": size, "height": size})
            for name, svg in DESIGNS.items():
                markup = svg.read_text().replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)
                page.set_content(f"<html><body style='margin:0;background:transparent'>{markup}</body></html>")
                page.screenshot(path=str(OUT / f"{name}-{size}.png"), omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
