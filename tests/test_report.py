"""The impact report, on logs whose true counts are known."""

from __future__ import annotations

import csv
import gzip
import re
import subprocess
import sys

from logfixture import write_log
from sites import REPO

from signposter.counting.report import aggregate


def test_report_counts_exactly_the_known_truth(tmp_path):
    truth_a = write_log(tmp_path / "access.log", 8000, seed=1)
    truth_b = write_log(tmp_path / "access.log.1.gz", 4000, seed=2)
    result = aggregate([tmp_path / "access.log", tmp_path / "access.log.1.gz"])
    assert result.tally.lines == 12000
    assert result.views_by_day_lang == truth_a.views + truth_b.views
    assert result.clicks_by_org_channel == truth_a.clicks + truth_b.clicks
    assert result.visits_by_campaign_country == truth_a.visits + truth_b.visits
    assert result.clicks_by_lang == truth_a.clicks_by_lang + truth_b.clicks_by_lang
    assert result.tally.left_out["not in combined log format"] == (
        truth_a.malformed + truth_b.malformed
    )
    assert result.tally.left_out["bot or link preview"] > 0


def run_report(tmp_path, *logs):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "signposter.cli",
            "report",
            *map(str, logs),
            "-o",
            str(tmp_path / "report"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )


def test_report_files_hold_aggregates_and_no_address(tmp_path):
    truth = write_log(tmp_path / "access.log", 3000)
    result = run_report(tmp_path, tmp_path / "access.log")
    assert result.returncode == 0, result.stderr
    assert "left out, not in combined log format" in result.stdout
    assert "<address>" in result.stdout or truth.malformed == 0
    report = tmp_path / "report"
    with open(report / "clicks_by_organisation.csv") as handle:
        rows = list(csv.DictReader(handle))
    assert {(r["organisation"], r["channel"]): int(r["clicks"]) for r in rows} == dict(
        truth.clicks
    )
    html = (report / "index.html").read_text()
    assert html.count("<svg") == 5  # one chart per figure after the headline
    assert not re.search(r'(src|href)="(https?:)?//', html)  # self-contained
    everything = "".join(p.read_text() for p in report.iterdir()) + result.stdout
    assert not re.search(r"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b", everything)


def test_unreadable_log_names_the_file_and_line(tmp_path):
    lines = "".join(f"line {i}\n" for i in range(20000)).encode()
    whole = gzip.compress(lines)
    (tmp_path / "broken.log.gz").write_bytes(whole[: len(whole) // 2])
    result = run_report(tmp_path, tmp_path / "broken.log.gz")
    assert result.returncode == 1
    assert re.search(
        rf"{tmp_path / 'broken.log.gz'}:\d+: cannot read the log", result.stderr
    )
    (tmp_path / "binary.log").write_bytes(b"ok line\n\xff\xfe\x00binary\n")
    result = run_report(tmp_path, tmp_path / "binary.log")
    assert result.returncode == 1
    assert "binary.log:2: cannot read the log" in result.stderr


def test_plausible_export_gives_views_and_campaign_visits(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "export.zip", "w") as archive:
        archive.writestr(
            "imported_pages_20261101_20261130.csv",
            "date,hostname,page,visits,visitors,pageviews\n"
            "2026-11-02,example.org,/uk/help/pl/,5,4,7\n"
            "2026-11-02,example.org,/ar/,2,2,3\n"
            "2026-11-03,example.org,/uk/,1,1,2\n",
        )
        archive.writestr(
            "imported_sources_20261101_20261130.csv",
            "date,source,referrer,utm_source,utm_medium,utm_campaign,"
            "utm_content,utm_term,pageviews,visitors,visits,visit_duration,"
            "bounces\n"
            "2026-11-02,Facebook,,fb,ad,p4-pl,a1,,9,6,6,100,1\n"
            "2026-11-02,Direct / None,,,,,,,3,2,2,10,0\n",
        )
        archive.writestr(
            "imported_custom_events_20261101_20261130.csv",
            "date,name,link_url,path,visitors,events\n2026-11-02,Contact,,,3,4\n",
        )
    result = run_report(tmp_path, "--plausible", tmp_path / "export.zip")
    assert result.returncode == 0, result.stderr
    report = tmp_path / "report"
    assert (report / "views_by_language.csv").read_text().splitlines()[1:] == [
        "2026-11-02,ar,3",
        "2026-11-02,uk,7",
        "2026-11-03,uk,2",
    ]
    assert (report / "visits_by_campaign.csv").read_text().splitlines()[1:] == [
        "phase 4,PL,6"
    ]
    assert (
        "(not in Plausible's export),any,4"
        in (report / "clicks_by_organisation.csv").read_text()
    )
