"""Capture pages of the built site at phone size (360×740) from headless Chromium.

Usage: python scripts/screenshots.py [OUTPUT_DIR] [--into docs/screenshots]
Serves OUTPUT_DIR (default output/) on 127.0.0.1 and saves one PNG per page.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import chromium  # noqa: E402 - the tests' way to start Debian's Chromium

# A path ending in "@half" is captured scrolled halfway down: the sticky exit,
# compact once scrolled; "@large" on a 320px phone whose browser text size is
# 150% (the browser's own font-size setting, as tests/test_phone_first.py sets
# it); "@large-half" both.
KINDS = {
    "home": "/{lang}/",
    "campaign": "/{lang}/{campaign}/",
    "country": "/{lang}/help/pl/",
    "country-halfway": "/{lang}/help/pl/@half",
}
LANGS = ["en", "uk", "ar", "fa", "bn"]
# Each language's own campaign page, not a fallback.
CAMPAIGN = {"uk": "travel-safe-stay-safe"}
PAGES = (
    {"chooser": "/"}
    | {
        f"{kind}-{lang}": path.format(
            lang=lang, campaign=CAMPAIGN.get(lang, "seeking-sanctuary")
        )
        for lang in LANGS
        for kind, path in KINDS.items()
    }
    | {
        # A shared link to one organisation: its card lands below the sticky bar.
        "country-link-ar": "/ar/help/pl/#org-example-pl-legal-aid",
        "home-ru-large-text": "/ru/@large",
        "home-ar-large-text": "/ar/@large",
        "country-ru-large-text-halfway": "/ru/help/pl/@large-half",
        "country-bn-large-text": "/bn/help/pl/@large",
    }
)


def serve(folder: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output", nargs="?", default="output")
    parser.add_argument("--into", default="docs/screenshots")
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args()
    into = Path(args.into)
    into.mkdir(parents=True, exist_ok=True)
    server = serve(Path(args.output).resolve())
    base = f"http://127.0.0.1:{server.server_port}"
    with chromium() as browser:
        phone = browser.new_context(viewport={"width": 360, "height": 740})
        large = browser.new_context(viewport={"width": 320, "height": 740})
        large_page = large.new_page()
        large.new_cdp_session(large_page).send(
            "Page.setFontSizes", {"fontSizes": {"standard": 24, "fixed": 20}}
        )
        pages = {False: phone.new_page(), True: large_page}
        for name, path in PAGES.items():
            path, _, how = path.partition("@")
            page = pages[how.startswith("large")]
            page.goto(base + path)
            if how.endswith("half"):
                page.evaluate("scrollTo(0, document.documentElement.scrollHeight / 2)")
                page.wait_for_timeout(100)  # the scroll-driven compact bar
            page.screenshot(path=str(into / f"{name}.png"), full_page=args.full_page)
            print(into / f"{name}.png")
    server.shutdown()


if __name__ == "__main__":
    main()
