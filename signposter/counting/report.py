"""The impact report: what readers reached, counted from access logs.

Aggregates only (no IP address, no user agent, no per-visit record) go into CSV
files and a self-contained HTML page with SVG charts drawn by matplotlib.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from signposter.counting.log_parsing import COUNT_PATH, Click, Tally, View, read_events

CAMPAIGN_CODE = re.compile(r"^p(\d+)-([a-z]{2})$")


@dataclass
class Aggregates:
    views_by_day_lang: Counter = field(default_factory=Counter)
    clicks_by_org_channel: Counter = field(default_factory=Counter)
    visits_by_campaign_country: Counter = field(default_factory=Counter)
    clicks_by_lang: Counter = field(default_factory=Counter)
    phone_views: int = 0
    agent_views: int = 0  # views whose user agent was read (Plausible's were not)
    tally: Tally = field(default_factory=Tally)

    def add(self, event) -> None:
        if isinstance(event, View):
            self.views_by_day_lang[(event.day, event.lang)] += 1
            self.phone_views += event.phone
            self.agent_views += 1
            if event.campaign:
                self.visits_by_campaign_country[
                    campaign_and_country(event.campaign)
                ] += 1
        elif isinstance(event, Click):
            self.clicks_by_org_channel[(event.org, event.channel)] += 1
            self.clicks_by_lang[event.lang or "?"] += 1


def campaign_and_country(code: str) -> tuple[str, str]:
    """("phase 4", "PL") from a neutral ad code such as p4-pl."""
    match = CAMPAIGN_CODE.match(code.lower())
    if not match:
        return code, "?"
    return f"phase {match.group(1)}", match.group(2).upper()


def aggregate(paths, progress=None, count_path=COUNT_PATH) -> Aggregates:
    result = Aggregates()
    for path in paths:
        for event in read_events(Path(path), result.tally, progress, count_path):
            result.add(event)
    return result


# -- Plausible's CSV export ------------------------------------------------------

UNATTRIBUTED = "(not in Plausible's export)"


# A Plausible CSV entry compresses maybe 20 times; a ZIP bomb a thousand times.
MAX_ENTRY_BYTES = 512 * 1024 * 1024
MAX_RATIO = 100
SMALL_ENTRY = 1024 * 1024  # below this, any ratio is harmless


class ExportError(ValueError):
    """A Plausible export that is refused; names the entry and the limit."""


class _Bounded(io.RawIOBase):
    """A ZIP entry read in pieces, stopped at ``limit`` bytes (headers can lie)."""

    def __init__(self, raw, name: str, limit: int):
        self.raw, self.name, self.limit, self.seen = raw, name, limit, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        count = self.raw.readinto(buffer)
        self.seen += count
        if self.seen > self.limit:
            raise ExportError(
                f"{self.name} expands past {self.limit:,} bytes: refused as a "
                "possible ZIP bomb (is it Plausible's export?)"
            )
        return count


def _entry_limit(info: zipfile.ZipInfo) -> int:
    limit = min(MAX_ENTRY_BYTES, max(SMALL_ENTRY, MAX_RATIO * info.compress_size))
    if info.file_size > limit:
        raise ExportError(
            f"{info.filename} would expand to {info.file_size:,} bytes from "
            f"{info.compress_size:,}: refused as a possible ZIP bomb"
        )
    return limit


def _plausible_tables(export: Path):
    """(name, rows) of each CSV in a Plausible export (its .zip or unpacked folder).

    Rows are read one at a time, so a big export never sits in memory whole.
    """
    if export.is_dir():
        for path in sorted(export.glob("imported_*.csv")):
            with open(path, newline="", encoding="utf-8") as handle:
                yield path.name, csv.DictReader(handle)
        return
    with zipfile.ZipFile(export) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            name = info.filename
            if not (Path(name).name.startswith("imported_") and name.endswith(".csv")):
                continue
            bounded = _Bounded(archive.open(info), name, _entry_limit(info))
            with io.TextIOWrapper(
                io.BufferedReader(bounded), encoding="utf-8", newline=""
            ) as text:
                yield Path(name).name, csv.DictReader(text)


def aggregate_plausible(export: Path, result: Aggregates | None = None) -> Aggregates:
    """Page views per language, visits per campaign and contact events from an export.

    Plausible exports events without their custom properties, so clicks there
    cannot be split by organisation, channel or language: they are counted
    under one row that says so.
    """
    result = result or Aggregates()
    for name, reader in _plausible_tables(Path(export)):
        rows = _counted(reader, result.tally)
        if name.startswith("imported_pages"):
            for row in rows:
                match = re.match(r"^/([a-z]{2,3})/", row.get("page", ""))
                if match:
                    result.views_by_day_lang[(row["date"], match.group(1))] += int(
                        row.get("pageviews") or 0
                    )
        elif name.startswith("imported_sources"):
            for row in rows:
                if row.get("utm_campaign"):
                    key = campaign_and_country(row["utm_campaign"])
                    result.visits_by_campaign_country[key] += int(
                        row.get("visits") or 0
                    )
        elif name.startswith("imported_custom_events"):
            for row in rows:
                if row.get("name") == "Contact":
                    count = int(row.get("events") or 0)
                    result.clicks_by_org_channel[(UNATTRIBUTED, "any")] += count
                    result.clicks_by_lang["?"] += count
    return result


def _counted(rows, tally: Tally):
    for row in rows:
        tally.lines += 1
        yield row


# -- output ---------------------------------------------------------------------


def tables(result: Aggregates, names=None) -> dict[str, tuple[list[str], list[tuple]]]:
    """The full counts behind the figures as (header, rows), sorted for stable files.

    ``names``: organisation id -> its name in the report's language.
    """
    names = names or (lambda org: org)
    top = sorted(result.clicks_by_org_channel.items(), key=lambda kv: (-kv[1], kv[0]))
    return {
        "views_by_language.csv": (
            ["day", "language", "views"],
            [
                (day, lang, n)
                for (day, lang), n in sorted(result.views_by_day_lang.items())
            ],
        ),
        "clicks_by_organisation.csv": (
            ["organisation", "channel", "clicks", "name"],
            [(org, channel, n, names(org)) for (org, channel), n in top],
        ),
        "visits_by_campaign.csv": (
            ["campaign", "country", "visits"],
            [
                (c, country, n)
                for (c, country), n in sorted(result.visits_by_campaign_country.items())
            ],
        ),
    }
