"""Screenshots of the impact report for docs/, from a made-up log of this site.

Usage: python scripts/report_screenshots.py [--into docs/screenshots] [--langs en ar]
Writes a seeded demo access log (the directory's real organisation ids, ad codes
of four campaign phases), runs `signposter report --lang` on it for each
language and captures the page in Chromium: report-<lang>.png at a laptop's
width, and report-<lang>-print.png as the browser prints it.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium  # noqa: E402 - the tests' way to start Debian's Chromium
from logfixture import BROWSER  # noqa: E402

DESKTOP = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"
)
LANGS = ["en", "uk", "ru", "ar", "fa", "bn", "hi", "be", "fr"]
WEIGHTS = [6, 30, 14, 9, 5, 3, 3, 2, 4]  # how many readers each language has
CODES = ["p1-pl", "p1-md", "p2-pl", "p2-de", "p3-pl", "p3-cz", "p4-pl", "p4-de"]


def demo_log(path: Path, lines: int = 30_000, seed: int = 12) -> None:
    rng = random.Random(seed)
    orgs = sorted(p.stem for p in (ROOT / "content/organisations").glob("*.yaml"))
    popular = orgs[:12] + ["emergency", "example-retired-org"]
    with open(path, "w", encoding="utf-8") as out:
        for _ in range(lines):
            day = rng.randint(1, 30)
            lang = rng.choices(LANGS, WEIGHTS)[0]
            agent = BROWSER if rng.random() < 0.83 else DESKTOP
            if rng.random() < 0.8:
                code = rng.choice(CODES) if rng.random() < 0.6 else ""
                target = f"/{lang}/help/pl/" + (f"?utm_campaign={code}" if code else "")
            else:
                org = popular[min(int(rng.expovariate(0.3)), len(popular) - 1)]
                channel = rng.choice(["email", "phone", "phone", "web", "whatsapp"])
                target = f"/t/{channel}/{org}?lang={lang}"
            out.write(
                f'192.0.2.1 - - [{day:02d}/Nov/2026:12:00:00 +0000] "GET {target} '
                f'HTTP/1.1" 200 512 "-" "{agent}"\n'
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--into", default="docs/screenshots")
    parser.add_argument("--langs", nargs="+", default=["en", "ar"])
    args = parser.parse_args()
    into = Path(args.into)
    with tempfile.TemporaryDirectory(prefix="signposter-report-") as tmp:
        log = Path(tmp) / "access.log"
        demo_log(log)
        with chromium() as browser:
            for lang in args.langs:
                folder = Path(tmp) / lang
                subprocess.run(
                    [sys.executable, "-m", "signposter.cli", "report", str(log)]
                    + ["-o", str(folder), "--lang", lang],
                    cwd=ROOT,
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
                page = browser.new_page(viewport={"width": 1000, "height": 800})
                page.goto((folder / "index.html").as_uri())
                page.screenshot(path=into / f"report-{lang}.png", full_page=True)
                # A4 at 96 dpi less the page margins: what the browser prints.
                page.set_viewport_size({"width": 680, "height": 960})
                page.emulate_media(media="print")
                page.screenshot(path=into / f"report-{lang}-print.png", full_page=True)
                page.close()
                print(f"wrote {into}/report-{lang}.png and report-{lang}-print.png")


if __name__ == "__main__":
    main()
