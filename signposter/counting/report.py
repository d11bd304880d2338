"""The impact report: what readers reached, counted from access logs.

Aggregates only (no IP address, no user agent, no per-visit record) go into CSV
files and a self-contained HTML page with SVG charts drawn by matplotlib.
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from signposter.counting.log_parsing import COUNT_PATH, Click, Tally, View, read_events
from signposter.csv_cells import neutralise

CAMPAIGN_CODE = re.compile(r"^p(\d+)-([a-z]{2})$")


@dataclass
class Aggregates:
    views_by_day_lang: Counter = field(default_factory=Counter)
    clicks_by_org_channel: Counter = field(default_factory=Counter)
    visits_by_campaign_country: Counter = field(default_factory=Counter)
    clicks_by_lang: Counter = field(default_factory=Counter)
    phone_views: int = 0
    tally: Tally = field(default_factory=Tally)

    def add(self, event) -> None:
        if isinstance(event, View):
            self.views_by_day_lang[(event.day, event.lang)] += 1
            self.phone_views += event.phone
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


def tables(result: Aggregates) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every aggregate as (header, rows), sorted for stable files."""
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
            ["organisation", "channel", "clicks"],
            [(org, channel, n) for (org, channel), n in top],
        ),
        "visits_by_campaign.csv": (
            ["campaign", "country", "visits"],
            [
                (c, country, n)
                for (c, country), n in sorted(result.visits_by_campaign_country.items())
            ],
        ),
        "clicks_by_language.csv": (
            ["language", "clicks"],
            [(lang, n) for lang, n in sorted(result.clicks_by_lang.items())],
        ),
    }


def headline(result: Aggregates) -> list[tuple[str, str]]:
    """The first screen's figures, formatted for reading."""
    views = sum(result.views_by_day_lang.values())
    by_day = Counter()
    for (day, _), n in result.views_by_day_lang.items():
        by_day[day] += n
    by_channel = Counter()
    for (_, channel), n in result.clicks_by_org_channel.items():
        by_channel[channel] += n
    countries = {c for _, c in result.visits_by_campaign_country if c != "?"}
    figures = [("Page views", f"{views:,}")]
    figures += [
        (f"{channel.capitalize()} clicks", f"{n:,}")
        for channel, n in sorted(by_channel.items(), key=lambda kv: -kv[1])
    ]
    figures.append(
        ("Views from phones", f"{result.phone_views / views:.0%}" if views else "–")
    )
    figures.append(("Countries reached (campaign links)", f"{len(countries):,}"))
    if by_day:
        day, n = max(by_day.items(), key=lambda kv: (kv[1], kv[0]))
        figures.append(("Peak day", f"{day} ({n:,} views)"))
    return figures


def write_report(result: Aggregates, folder: Path, names=None) -> Path:
    """Write the CSV files and index.html into ``folder``; return the HTML's path."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (header, rows) in tables(result).items():
        with open(folder / name, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows([neutralise(cell) for cell in row] for row in rows)
    page = folder / "index.html"
    page.write_text(_html(result, names or {}), encoding="utf-8")
    return page


def _cell(value, names: dict) -> str:
    if isinstance(value, int):
        return f"<td class='n'>{value:,}</td>"
    return f"<td>{html.escape(str(names.get(value, value)))}</td>"


def _svg(draw) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    matplotlib.rcParams["svg.hashsalt"] = "signposter"  # the same SVG for the same data
    matplotlib.rcParams["svg.fonttype"] = "none"
    # Labels come from access logs: $\frac{$ must stay text, never TeX.
    matplotlib.rcParams["text.parse_math"] = False
    matplotlib.rcParams["text.usetex"] = False
    figure, axes = pyplot.subplots(figsize=(8, 3.6))
    draw(axes)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    pyplot.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _label(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def _charts(result: Aggregates, names: dict) -> list[tuple[str, str]]:
    charts = []
    per_lang = Counter()
    for (_, lang), n in result.views_by_day_lang.items():
        per_lang[lang] += n
    if per_lang:
        # Totals per language, not nine daily lines: what a funder compares.
        def views(axes):
            items = sorted(per_lang.items(), key=lambda kv: -kv[1])
            axes.bar([k for k, _ in items], [v for _, v in items], color="#333")
            axes.set_ylabel("page views")

        charts.append(("Page views per language", _svg(views)))
    for channel in ("email", "phone"):
        top = sorted(
            (
                (n, org)
                for (org, ch), n in result.clicks_by_org_channel.items()
                if ch == channel
            ),
            reverse=True,
        )[:10]
        if top:

            def bars(axes, top=top, channel=channel):
                axes.barh(
                    [_label(names.get(org, org)) for _, org in reversed(top)],
                    [n for n, _ in reversed(top)],
                    color="#333",
                )
                axes.set_xlabel(f"{channel} clicks")

            charts.append((f"Top organisations by {channel} clicks", _svg(bars)))
    if result.clicks_by_lang:

        def by_lang(axes):
            items = sorted(result.clicks_by_lang.items())
            axes.bar([k for k, _ in items], [v for _, v in items], color="#333")
            axes.set_ylabel("contact clicks")

        charts.append(("Contact clicks per page language", _svg(by_lang)))
    return charts


STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem}"
    "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem .5rem;"
    "text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "svg{max-width:100%;height:auto}.figures{display:flex;flex-wrap:wrap;gap:1rem;"
    "padding:0;list-style:none}.figures li{border:2px solid #333;padding:.5rem 1rem}"
    ".figures b{display:block;font-size:1.6rem}"
    "@media print{body{max-width:none;font-size:11pt}h2{break-before:auto;"
    "break-after:avoid}svg,table,.figures li{break-inside:avoid}a{color:#000}}"
)


def _html(result: Aggregates, names: dict | None = None) -> str:
    names = names or {}
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Signposter impact report</title><style>{STYLE}</style></head><body>",
        "<h1>Signposter impact report</h1><ul class='figures'>",
    ]
    for label, value in headline(result):
        parts.append(f"<li><b>{html.escape(value)}</b>{html.escape(label)}</li>")
    parts.append(
        f"</ul><p>{result.tally.lines:,} log lines read. No IP address or other "
        "identifier is stored in this report.</p>"
    )
    for title, svg in _charts(result, names):
        parts.append(f"<h2>{html.escape(title)}</h2>{svg}")
    for name, (header, rows) in tables(result).items():
        parts.append(f"<h2>{html.escape(name)}</h2><table><tr>")
        parts.extend(f"<th>{html.escape(h)}</th>" for h in header)
        parts.append("</tr>")
        for row in rows[:50]:
            cells = "".join(_cell(v, names) for v in row)
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</table>")
    parts.append("<h2>Left out</h2><ul>")
    for reason, count in sorted(result.tally.left_out.items()):
        parts.append(f"<li>{html.escape(reason)}: {count:,}</li>")
    parts.append("</ul></body></html>\n")
    return "".join(parts)
