"""Synthetic access logs with known truth, for the report's tests and benchmark."""

from __future__ import annotations

import gzip
import random
from collections import Counter
from pathlib import Path

LANGS = ["en", "uk", "ru", "ar", "fa", "bn", "hi", "be", "fr"]
KEYS = ["", "travel-safe-stay-safe/", "seeking-sanctuary/", "help/pl/", "help/"]
ORGS = [f"example-org-{i}" for i in range(25)]
CHANNELS = ["email", "phone", "web", "whatsapp"]
CODES = ["p1-md", "p1-pl", "p2-de", "p4-pl", "p5-gb"]
BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, "
    "like Gecko) Chrome/130.0 Mobile Safari/537.36"
)
BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


class Truth:
    def __init__(self):
        self.views = Counter()  # (day, lang)
        self.clicks = Counter()  # (org, channel)
        self.visits = Counter()  # (phase, country)
        self.clicks_by_lang = Counter()
        self.malformed = 0


def _line(rng, day, method, target, status, agent):
    ip = ".".join(str(rng.randint(1, 254)) for _ in range(4))
    stamp = (
        f"{day:02d}/Nov/2026:{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00 +0000"
    )
    return (
        f'{ip} - - [{stamp}] "{method} {target} HTTP/1.1" {status} '
        f'{rng.randint(200, 9000)} "-" "{agent}"\n'
    )


def write_log(path: Path, lines: int, seed: int = 7) -> Truth:
    """Write ``lines`` lines (plain or .gz by the name) and return what they hold."""
    rng = random.Random(seed)
    truth = Truth()
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as out:
        for _ in range(lines):
            day = rng.randint(1, 28)
            kind = rng.random()
            lang = rng.choice(LANGS)
            if kind < 0.40:  # a page view, some from an ad
                code = rng.choice(CODES) if rng.random() < 0.5 else ""
                query = f"?utm_source=fb&utm_campaign={code}" if code else ""
                out.write(
                    _line(
                        rng,
                        day,
                        "GET",
                        f"/{lang}/{rng.choice(KEYS)}{query}",
                        200,
                        BROWSER,
                    )
                )
                truth.views[(f"2026-11-{day:02d}", lang)] += 1
                if code:
                    phase, country = code.split("-")
                    truth.visits[(f"phase {phase[1:]}", country.upper())] += 1
            elif kind < 0.60:  # a counted click
                org, channel = rng.choice(ORGS), rng.choice(CHANNELS)
                target = (
                    f"/t/{channel}/{org}?event=click&org={org}&channel={channel}"
                    f"&lang={lang}&country=PL&path=/{lang}/help/pl/"
                )
                out.write(_line(rng, day, "GET", target, 200, BROWSER))
                truth.clicks[(org, channel)] += 1
                truth.clicks_by_lang[lang] += 1
            elif kind < 0.70:  # assets
                out.write(_line(rng, day, "GET", "/theme/css/site.css", 200, BROWSER))
            elif kind < 0.78:  # bots reading pages
                out.write(_line(rng, day, "GET", f"/{lang}/", 200, BOT))
            elif kind < 0.84:  # page views counted by script: left out
                out.write(
                    _line(rng, day, "GET", "/t/view/page?event=view", 200, BROWSER)
                )
            elif kind < 0.90:  # not found
                out.write(_line(rng, day, "GET", f"/{lang}/missing/", 404, BROWSER))
            elif kind < 0.95:  # HEAD and POST
                out.write(
                    _line(
                        rng,
                        day,
                        rng.choice(["HEAD", "POST"]),
                        f"/{lang}/",
                        200,
                        BROWSER,
                    )
                )
            else:  # garbage
                out.write(
                    f"{rng.randint(1, 223)}.0.113.{rng.randint(1, 254)} garbled\n"
                )
                truth.malformed += 1
    return truth
