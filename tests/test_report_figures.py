"""The impact report as a funder reads it: figures in the site's languages.

A small real access log (tests/data/report/access.log) whose counts are known:
views 9 (uk 5, ar 2, ru 1, en 1; 7 from phones), campaign visits PL phase 1: 3,
PL phase 2: 2, DE phase 2: 1, MD phase 1: 1; email clicks
example-cz-work-rights 3, example-bg-legal-clinic 1; phone clicks
example-retired-org 2 (not in the directory), example-cz-work-rights 1,
emergency 1; clicks per language uk 4, ar 2, ru 2.
"""

from __future__ import annotations

import csv
import re
import shutil
from html.parser import HTMLParser

import pytest
from sites import REPO
from test_report import run_report

LOG = REPO / "tests/data/report/access.log"
FIGURES = [
    "views_per_language",
    "top_organisations_email",
    "top_organisations_phone",
    "clicks_per_language",
    "visits_per_country_and_phase",
]
SEPARATORS = re.compile(r"[,\u00a0\u202f ]")


class Cells(HTMLParser):
    """The rows of a table (th and td texts) and the texts of an SVG chart."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.rows, self.texts, self._in = [], [], None
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        if tag in ("th", "td", "text"):
            self._in = tag
            if tag != "text":
                self.rows[-1].append("")
            else:
                self.texts.append("")

    def handle_endtag(self, tag):
        if tag in ("th", "td", "text"):
            self._in = None

    def handle_data(self, data):
        if self._in == "text":
            self.texts[-1] += data
        elif self._in:
            self.rows[-1][-1] += data


def sections(page: str) -> dict[str, str]:
    return dict(re.findall(r"<section id='(\w+)'>(.*?)</section>", page, re.S))


def build(tmp_path, lang: str, extra_views: int = 0):
    log = tmp_path / "access.log"
    shutil.copy(LOG, log)
    with open(log, "a", encoding="utf-8") as handle:
        for _ in range(extra_views):  # enough to need a thousands separator
            handle.write(
                '192.0.2.99 - - [05/Nov/2026:10:00:00 +0000] "GET /uk/ HTTP/1.1" '
                '200 512 "-" "Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36"\n'
            )
    result = run_report(tmp_path, log, "--lang", lang)
    assert result.returncode == 0, result.stderr
    return tmp_path / "report"


def read_csv(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize(
    ("lang", "direction", "heading", "separated"),
    [
        ("uk", "ltr", "Перегляди сторінок за мовами", "1\u00a0209"),
        ("ar", "rtl", "مشاهدات الصفحات حسب اللغة", "1,209"),
        ("fr", "ltr", "Pages vues par langue", "1\u202f209"),
    ],
)
def test_report_text_is_in_the_chosen_language(
    tmp_path, lang, direction, heading, separated
):
    report = build(tmp_path, lang, extra_views=1200)
    page = (report / "index.html").read_text(encoding="utf-8")
    assert f"<html lang='{lang}' dir='{direction}'>" in page
    assert f"<h2>{heading}</h2>" in page
    assert "Page views per language" not in page  # no English left behind
    assert "Top organisations by" not in page
    # 9 + 1,200 page views, grouped as the language writes thousands.
    assert f"<li><b>{separated}</b>" in page
    assert re.search(r"<td class='n'>1[\u00a0\u202f,]20\d</td>", page)


def test_each_figure_has_a_chart_a_table_and_a_csv_with_the_same_numbers(tmp_path):
    report = build(tmp_path, "uk", extra_views=1200)
    found = sections((report / "index.html").read_text(encoding="utf-8"))
    assert list(found) == ["headline", *FIGURES]
    for slug in FIGURES:
        section = found[slug]
        assert section.count("<svg") == 1, slug
        assert f"<a href='{slug}.csv'>" in section, slug
        cells = Cells(section)
        header, *rows = cells.rows
        csv_header, *csv_rows = read_csv(report / f"{slug}.csv")
        assert len(rows) == len(csv_rows) > 0, slug
        for row, csv_row in zip(rows, csv_rows, strict=True):
            label, *numbers = row
            counts = [int(SEPARATORS.sub("", n)) for n in numbers]
            assert label in csv_row, (slug, label, csv_row)
            assert [int(c) for c in csv_row[-len(counts) :]] == counts, slug
            if slug == "visits_per_country_and_phase":  # bars named by phase
                phases = header[1:-1]
                charted = [
                    f"{phase}: {n}"
                    for phase, n, count in zip(phases, numbers, counts, strict=False)
                    if count
                ]
            else:
                charted = numbers
            for text in charted:
                assert text in cells.texts, (slug, text)  # each bar has its number
    headline = read_csv(report / "headline.csv")
    assert ["page_views", "1209"] in headline
    assert ["contact_clicks_email", "4"] in headline
    assert ["countries_reached", "3"] in headline
    assert ["peak_day_page_views", "1200"] in headline


def test_visits_per_country_and_phase_hold_the_right_counts(tmp_path):
    report = build(tmp_path, "en")
    section = sections((report / "index.html").read_text(encoding="utf-8"))
    rows = Cells(section["visits_per_country_and_phase"]).rows
    assert rows == [
        ["Country", "Phase 1", "Phase 2", "Total"],
        ["Poland", "3", "2", "5"],
        ["Germany", "0", "1", "1"],
        ["Moldova", "1", "0", "1"],
    ]
    assert read_csv(report / "visits_per_country_and_phase.csv") == [
        ["country", "country_name", "phase 1", "phase 2", "total"],
        ["PL", "Poland", "3", "2", "5"],
        ["DE", "Germany", "0", "1", "1"],
        ["MD", "Moldova", "1", "0", "1"],
    ]


@pytest.mark.parametrize(
    ("lang", "czech", "retired", "emergency"),
    [
        (
            "uk",
            "Приклад консультацій з трудових прав (Чехія)",
            "example-retired-org (немає в довіднику)",
            "Номер екстреної допомоги (112)",
        ),
        (
            "en",
            "Example Workers&#x27; Rights Advice (Czechia)",
            "example-retired-org (not in the directory)",
            "Emergency number (112)",
        ),
        # No Arabic name in the directory: the site's default language, as pages do.
        (
            "ar",
            "Example Workers&#x27; Rights Advice (Czechia)",
            "example-retired-org (غير موجودة في الدليل)",
            "رقم الطوارئ (112)",
        ),
    ],
)
def test_organisations_are_named_from_the_directory_in_the_report_language(
    tmp_path, lang, czech, retired, emergency
):
    report = build(tmp_path, lang)
    found = sections((report / "index.html").read_text(encoding="utf-8"))
    email = Cells(found["top_organisations_email"]).rows[1:]
    phone = Cells(found["top_organisations_phone"]).rows[1:]
    unescaped = czech.replace("&#x27;", "'")
    assert email == [
        [unescaped, "3"],
        ["Example Legal Clinic for People on the Move (Bulgaria)", "1"],
    ]
    assert phone == [[retired, "2"], [emergency, "1"], [unescaped, "1"]]
    assert "example-cz-work-rights" not in found["top_organisations_email"]
    assert read_csv(report / "top_organisations_email.csv")[1] == [
        unescaped,
        "example-cz-work-rights",
        "3",
    ]


@pytest.mark.parametrize("lang", ["de", "xx", "../uk", ""])
def test_an_unknown_language_is_one_clear_error(tmp_path, lang):
    result = run_report(tmp_path, LOG, "--lang", lang)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    message = result.stderr.strip()
    assert "\n" not in message
    assert f"--lang {lang}:" in message
    assert "en, uk, ru, ar, fa, bn, hi, be, fr" in message
    assert not (tmp_path / "report").exists()


def test_phases_are_in_number_order_and_odd_codes_keep_their_own_column(tmp_path):
    log = tmp_path / "access.log"
    agent = "Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36"
    with open(log, "w", encoding="utf-8") as handle:
        for code in ("p10-pl", "p2-pl", "p2-pl", "spring"):
            handle.write(
                f'192.0.2.1 - - [02/Nov/2026:10:00:00 +0000] "GET /uk/?utm_campaign='
                f'{code} HTTP/1.1" 200 512 "-" "{agent}"\n'
            )
    result = run_report(tmp_path, log, "--lang", "en")
    assert result.returncode == 0, result.stderr
    found = sections((tmp_path / "report/index.html").read_text(encoding="utf-8"))
    assert Cells(found["visits_per_country_and_phase"]).rows == [
        ["Country", "Phase 2", "Phase 10", "spring", "Total"],
        ["Poland", "2", "1", "0", "3"],
        ["Not known", "0", "0", "1", "1"],
    ]
