"""The report's figures: what a funder reads, each as a table, a CSV and a chart.

A figure's table, CSV and chart are made from the same rows, so the numbers
cannot disagree. Table headers are in the report's language; CSV column names
stay the same in every language, so a spreadsheet can join months and languages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from signposter.catalog_marks import N_
from signposter.counting.report import Aggregates
from signposter.counting.report_charts import bar_chart, grouped_bar_chart
from signposter.counting.report_language import ReportLanguage

TOP = 10  # organisations per chart: a funder compares the leading ones
PHASE = re.compile(r"^phase (\d+)$")
LANGUAGE = N_("Language")


@dataclass
class Figure:
    slug: str  # its CSV is <slug>.csv
    title: str
    header: list[str]  # the table's, in the report's language
    rows: list[list]  # labels (str) and counts (int)
    csv_header: list[str]
    csv_rows: list[list]
    note: str = ""
    chart: Callable[[], str] | None = field(default=None, repr=False)

    @property
    def csv_name(self) -> str:
        return f"{self.slug}.csv"


def views_per_language(result: Aggregates) -> Counter:
    totals = Counter()
    for (_, code), n in result.views_by_day_lang.items():
        totals[code] += n
    return totals


def _ranked(counts: Counter) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def headline(result: Aggregates, lang: ReportLanguage) -> Figure:
    """The first screen: page views, clicks by channel, phones, countries, peak day."""
    _ = lang.text
    views = sum(result.views_by_day_lang.values())
    by_day, by_channel = Counter(), Counter()
    for (day, _code), n in result.views_by_day_lang.items():
        by_day[day] += n
    for (_org, channel), n in result.clicks_by_org_channel.items():
        by_channel[channel] += n
    countries = {c for _, c in result.visits_by_campaign_country if c != "?"}
    rows = [[_("Page views"), lang.number(views)]]
    csv_rows = [["page_views", views]]
    rows.append([_("Contact clicks"), lang.number(sum(by_channel.values()))])
    csv_rows.append(["contact_clicks", sum(by_channel.values())])
    for channel, n in _ranked(by_channel):
        rows.append(
            [
                _("Contact clicks: %(channel)s", channel=lang.channel(channel)),
                lang.number(n),
            ]
        )
        csv_rows.append([f"contact_clicks_{channel}", n])
    share = result.phone_views / result.agent_views if result.agent_views else None
    rows.append(
        [_("Views from phones"), lang.percent(share) if share is not None else "–"]
    )
    csv_rows.append(
        ["share_of_views_from_phones", round(share, 4) if share is not None else ""]
    )
    rows.append([_("Countries reached (campaign links)"), lang.number(len(countries))])
    csv_rows.append(["countries_reached", len(countries)])
    if by_day:
        day, n = max(by_day.items(), key=lambda kv: (kv[1], kv[0]))
        rows.append([_("Peak day"), lang.day(day)])
        rows.append([_("Page views on the peak day"), lang.number(n)])
        csv_rows += [["peak_day", day], ["peak_day_page_views", n]]
    return Figure(
        "headline",
        _("Headline figures"),
        [],
        rows,
        ["figure", "value"],
        csv_rows,
    )


def _bars(title, labels, values, lang: ReportLanguage):
    return lambda: bar_chart(
        title, labels, values, lang.number, lang.direction == "rtl"
    )


def language_figure(
    slug: str, title: str, counted: str, counts: Counter, lang: ReportLanguage
) -> Figure:
    ranked = _ranked(counts)
    names = [lang.language_name(code) for code, _ in ranked]
    values = [n for _, n in ranked]
    return Figure(
        slug,
        title,
        [lang.text(LANGUAGE), counted],
        [[name, n] for name, n in zip(names, values, strict=True)],
        ["language", "language_name", slug.split("_per_")[0]],
        [[code, name, n] for (code, n), name in zip(ranked, names, strict=True)],
        chart=_bars(title, names, values, lang) if ranked else None,
    )


def organisation_figure(
    channel: str, result: Aggregates, lang: ReportLanguage
) -> Figure:
    _ = lang.text
    counts = Counter(
        {
            org: n
            for (org, ch), n in result.clicks_by_org_channel.items()
            if ch == channel
        }
    )
    ranked = _ranked(counts)[:TOP]
    names = [lang.organisation(org) for org, _n in ranked]
    values = [n for _, n in ranked]
    title = (
        _("Top organisations by email clicks")
        if channel == "email"
        else _("Top organisations by phone clicks")
    )
    return Figure(
        f"top_organisations_{channel}",
        title,
        [_("Organisation"), _("Clicks")],
        [[name, n] for name, n in zip(names, values, strict=True)],
        ["organisation", "id", "clicks"],
        [[name, org, n] for name, (org, n) in zip(names, ranked, strict=True)],
        note=_(
            "The %(count)s organisations with the most clicks.", count=lang.number(TOP)
        )
        if len(counts) > TOP
        else "",
        chart=_bars(title, names, values, lang) if ranked else None,
    )


def _phase_order(phase: str):
    match = PHASE.match(phase)
    return (0, int(match.group(1)), "") if match else (1, 0, phase)


def country_phase_figure(result: Aggregates, lang: ReportLanguage) -> Figure:
    """Visits per country (rows) and campaign phase (columns), from ad codes."""
    _ = lang.text
    phases = sorted(
        {p for p, _c in result.visits_by_campaign_country}, key=_phase_order
    )
    totals = Counter()
    for (_p, country), n in result.visits_by_campaign_country.items():
        totals[country] += n
    countries = [c for c, _n in _ranked(totals)]
    phase_names = [
        _("Phase %(number)s", number=lang.number(int(PHASE.match(p).group(1))))
        if PHASE.match(p)
        else p
        for p in phases
    ]
    table = []
    for country in countries:
        counts = [
            result.visits_by_campaign_country.get((p, country), 0) for p in phases
        ]
        table.append((country, counts))
    title = _("Visits per country and campaign phase")
    series = [
        (name, [counts[i] for _c, counts in table])
        for i, name in enumerate(phase_names)
    ]
    return Figure(
        "visits_per_country_and_phase",
        title,
        [_("Country"), *phase_names, _("Total")],
        [[lang.country_name(c), *counts, totals[c]] for c, counts in table],
        ["country", "country_name", *phases, "total"],
        [[c, lang.country_name(c), *counts, totals[c]] for c, counts in table],
        note=_(
            "Countries come from the campaign code of ad links (p4-pl: phase 4, "
            "Poland). Visits without a code are not counted here."
        ),
        chart=(
            lambda: grouped_bar_chart(
                title,
                [lang.country_name(c) for c in countries],
                series,
                lang.number,
                lang.direction == "rtl",
            )
        )
        if table
        else None,
    )


def figures(result: Aggregates, lang: ReportLanguage) -> list[Figure]:
    """Every figure of the report, in reading order, headline first."""
    _ = lang.text
    return [
        headline(result, lang),
        language_figure(
            "views_per_language",
            _("Page views per language"),
            _("Page views"),
            views_per_language(result),
            lang,
        ),
        organisation_figure("email", result, lang),
        organisation_figure("phone", result, lang),
        language_figure(
            "clicks_per_language",
            _("Contact clicks per language"),
            _("Contact clicks"),
            Counter(result.clicks_by_lang),
            lang,
        ),
        country_phase_figure(result, lang),
    ]
