"""Read web-server access logs (combined format, plain or .gz) as counted events.

Only what the report needs is kept: the day, a page view's language and
campaign code, a counted click's organisation, channel and language. IP
addresses are read past and never stored.
"""

from __future__ import annotations

import functools
import gzip
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote_plus

from signposter.catalog_marks import N_
from signposter.counting.analytics import PROVIDERS

# Where the ``self`` provider's script sends clicks by default.
COUNT_PATH = PROVIDERS["self"][0]

MONTHS = {
    m: f"{i:02d}"
    for i, m in enumerate(
        "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), start=1
    )
}
BOTS = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|whatsapp|telegram|curl|wget|"
    r"python|go-http|java/|headless|lighthouse|monitor|uptime|scan",
    re.IGNORECASE,
)
LANGUAGE_SEGMENT = re.compile(r"^/([a-z]{2,3})/")
# nginx refuses request lines over 8 KB by default (large_client_header_buffers),
# so a longer log line is no reader's visit: skipped, counted, never held whole.
MAX_LINE = 16 * 1024


TOO_LONG = N_("line over 16 KB (not a request a server answers)")
# Why a line is left out; the report counts each reason.
NOT_GET = N_("not a GET request")
NOT_OK = N_("error or redirect status")
BOT = N_("bot or link preview")
BEACON = N_("page-view beacon (views come from page requests)")
NOT_PAGE = N_("not a page (asset, feed or 404)")
NOT_LANGUAGE_PAGE = N_("not a language page (chooser or other)")
MALFORMED = N_("not in combined log format")


class View(NamedTuple):
    day: str
    lang: str
    campaign: str  # the utm_campaign code of the landing URL, or ""
    phone: bool = False  # "Mobi" in the user agent, as MDN advises


class Click(NamedTuple):
    day: str
    org: str
    channel: str
    lang: str
    campaign: str


def query_value(query: str, name: str) -> str:
    """One parameter of a query string, without parsing all of it (the hot path)."""
    start = query.find(name + "=")
    while start > 0 and query[start - 1] != "&":
        start = query.find(name + "=", start + 1)
    if start < 0:
        return ""
    start += len(name) + 1
    end = query.find("&", start)
    value = query[start:] if end < 0 else query[start:end]
    return unquote_plus(value) if ("%" in value or "+" in value) else value


@dataclass
class Tally:
    """What was read past, by reason, so nothing is dropped silently."""

    lines: int = 0
    left_out: Counter = field(default_factory=Counter)
    malformed_examples: list[str] = field(default_factory=list)

    def leave_out(self, reason: str) -> None:
        self.left_out[reason] += 1


class LogReadError(Exception):
    """A log file that cannot be read at all; names the file and the line."""


def open_log(path: Path):
    """Open a log as bytes, transparently decompressing .gz files.

    Lines are decoded one by one so a decoding error knows its line number.
    """
    if str(path).endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def read_events(path: Path, tally: Tally, progress=None, count_path=COUNT_PATH):
    """Yield View and Click events from one access log.

    ``count_path``: where the counting script sends clicks (the ``self``
    provider's endpoint, /t/ unless the site chose another).
    """
    day_cache: dict[str, str] = {}
    bot_cache: dict[str, bool] = {}
    at = 1  # the line being read, for the error message
    try:
        with open_log(path) as handle:
            lines = iter(functools.partial(handle.readline, MAX_LINE + 1), b"")
            for number, raw in enumerate(lines, start=1):
                at = number
                tally.lines += 1
                if len(raw) > MAX_LINE and raw[-1:] != b"\n":
                    _skip_rest_of_line(handle)
                    tally.leave_out(TOO_LONG)
                    continue
                line = raw.decode("utf-8")
                if progress and not number % 20000:
                    progress(number)
                event = _event(
                    line, day_cache, bot_cache, tally, path, number, count_path
                )
                if event is not None:
                    yield event
                at = number + 1
    except (UnicodeDecodeError, OSError, EOFError) as err:
        raise LogReadError(
            f"{path}:{at}: cannot read the log ({err}) — is it a text access "
            "log (or a complete .gz file)?"
        ) from err


def _skip_rest_of_line(handle) -> None:
    """Read past the rest of an over-long line in small pieces."""
    while True:
        piece = handle.readline(64 * 1024)
        if not piece or piece[-1:] == b"\n":
            return


def _event(line, day_cache, bot_cache, tally: Tally, path, number, count_path):
    parts = line.split('"')
    if len(parts) < 7:
        return _malformed(tally, path, number, line)
    request, status_size, user_agent = parts[1], parts[2].split(), parts[5]
    request_parts = request.split(" ")
    if len(request_parts) != 3 or not status_size:
        return _malformed(tally, path, number, line)
    method, target = request_parts[0], request_parts[1]
    status = status_size[0]
    if method != "GET":
        return tally.leave_out(NOT_GET)
    if not (status.startswith("2") or status == "304"):
        return tally.leave_out(NOT_OK)
    is_bot = bot_cache.get(user_agent)
    if is_bot is None:
        is_bot = bot_cache[user_agent] = bool(BOTS.search(user_agent)) or not user_agent
    if is_bot:
        return tally.leave_out(BOT)
    prefix = parts[0]
    stamp = prefix[prefix.find("[") + 1 : prefix.find("[") + 12]
    day = day_cache.get(stamp)
    if day is None:
        try:
            day = day_cache[stamp] = f"{stamp[7:11]}-{MONTHS[stamp[3:6]]}-{stamp[0:2]}"
        except KeyError:
            return _malformed(tally, path, number, line)
    page, _, query = target.partition("?")
    if page.startswith(count_path):
        pieces = page[len(count_path) :].split("/")  # channel, organisation
        if len(pieces) != 2 or pieces[0] == "view":
            return tally.leave_out(BEACON)
        return Click(
            day,
            pieces[1],
            pieces[0],
            query_value(query, "lang"),
            query_value(query, "utm_campaign"),
        )
    if not (page.endswith("/") or page.endswith(".html")) or page.endswith("404.html"):
        return tally.leave_out(NOT_PAGE)
    match = LANGUAGE_SEGMENT.match(page)
    if not match:
        return tally.leave_out(NOT_LANGUAGE_PAGE)
    campaign = query_value(query, "utm_campaign") if query else ""
    return View(day, match.group(1), campaign, "Mobi" in user_agent)


IP_LIKE = re.compile(
    r"\b(?:\d{1,3}\.){3}\d{1,3}\b|\b[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\b",
    re.IGNORECASE,
)


def _malformed(tally: Tally, path, number, line):
    tally.leave_out(MALFORMED)
    if len(tally.malformed_examples) < 5:
        shown = IP_LIKE.sub("<address>", line.strip())[:100]
        tally.malformed_examples.append(f"{path}:{number}: {shown}")
    return None
