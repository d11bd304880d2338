"""The impact report on hostile input: formulas, TeX, giant lines, ZIP bombs."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import zipfile

from sites import REPO
from test_report import run_report

BROWSER = "Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36"


def line(target: str, day: int = 2) -> str:
    return (
        f'203.0.113.9 - - [{day:02d}/Nov/2026:10:00:00 +0000] "GET {target} HTTP/1.1" '
        f'200 512 "-" "{BROWSER}"\n'
    )


def test_formulas_and_tex_from_logs_stay_plain_text(tmp_path):
    log = tmp_path / "access.log"
    log.write_text(
        line("/uk/?utm_campaign==HYPERLINK(%22http://x%22)")
        + line("/t/email/$\\frac{$?lang=uk&utm_campaign=@SUM(1)")
        + line("/t/phone/-2+3?lang=uk")
    )
    result = run_report(tmp_path, log)
    assert result.returncode == 0, result.stderr
    report = tmp_path / "report"
    cells = [
        cell
        for name in report.glob("*.csv")
        for row in csv.reader(open(name, encoding="utf-8"))
        for cell in row
    ]
    assert '\'=HYPERLINK("http://x")' in cells
    assert "'-2+3" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert not [c for c in cells if c[:1] == "-" and not c.lstrip("-").isdigit()]
    assert "$\\frac{$" in (report / "index.html").read_text()


def test_a_10_mb_line_is_skipped_counted_and_cheap(tmp_path):
    log = tmp_path / "access.log"
    with open(log, "w") as handle:
        handle.write(line("/uk/"))
        handle.write(line("/uk/?q=" + "A" * 10_000_000))
        handle.write(line("/ru/"))
    code = (
        "import json, sys\n"
        # VmHWM is this process's own peak: ru_maxrss would also count the
        # test runner's memory, copied into the child by fork before exec.
        "def peak_mb():\n"
        "    for row in open('/proc/self/status'):\n"
        "        if row.startswith('VmHWM:'):\n"
        "            return int(row.split()[1]) / 1024\n"
        f"sys.path.insert(0, {str(REPO)!r})\n"
        "from signposter.counting.report import aggregate\n"
        f"r = aggregate([{str(log)!r}])\n"
        "print(json.dumps([sum(r.views_by_day_lang.values()), dict(r.tally.left_out),"
        " peak_mb()]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    views, left_out, peak_mb = json.loads(out)
    assert views == 2
    assert left_out == {"line over 16 KB (not a request a server answers)": 1}
    assert peak_mb < 150


def test_a_zip_bomb_is_refused(tmp_path):
    bomb = tmp_path / "export.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("imported_pages_20261101_20261130.csv", "w") as entry:
            entry.write(b"date,hostname,page,visits,visitors,pageviews\n")
            chunk = b"0" * (1024 * 1024)
            for _ in range(200):  # 200 MB of zeros, about 200 KB packed
                entry.write(chunk)
    result = run_report(tmp_path, "--plausible", bomb)
    assert result.returncode == 1
    assert "would expand to 209,715,245 bytes" in result.stderr
    assert "refused as a possible ZIP bomb" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bomb_that_lies_about_its_size_is_stopped_while_reading(tmp_path):
    from signposter.counting import report

    bomb = tmp_path / "export.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "imported_pages_1.csv",
            "date,hostname,page,visits,visitors,pageviews\n" + "0" * 3_000_000,
        )
    with zipfile.ZipFile(bomb) as archive:
        info = archive.infolist()[0]
        stream = report._Bounded(archive.open(info), info.filename, 1_000_000)
        try:
            while stream.read(65536):
                pass
        except report.ExportError as err:
            assert "expands past 1,000,000 bytes" in str(err)
        else:
            raise AssertionError("read past the limit")


def test_first_screen_has_headline_figures_and_organisation_names(tmp_path):
    log = tmp_path / "access.log"
    log.write_text(
        line("/uk/?utm_campaign=p4-pl")
        + line("/uk/?utm_campaign=p1-md", day=3)
        + line("/ru/", day=3)
        + line("/t/email/example-bg-legal-clinic?lang=uk")
        + line("/t/phone/emergency?lang=ru")
    )
    result = run_report(tmp_path, log)  # run from the repository: its directory
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "report/index.html").read_text()
    figures = page[page.index("<ul class='figures'>") : page.index("</ul>")]
    assert "<b>3</b>Page views" in figures
    assert "<b>2</b>Contact clicks<" in figures
    assert "<b>1</b>Contact clicks: Email" in figures
    assert "<b>1</b>Contact clicks: Phone" in figures
    assert "<b>100%</b>Views from phones" in figures
    assert "<b>2</b>Countries reached" in figures
    assert "<b>Nov 3, 2026</b>Peak day" in figures
    assert "<b>2</b>Page views on the peak day" in figures
    assert "Example Legal Clinic for People on the Move (Bulgaria)" in page
    assert "@media print" in page
