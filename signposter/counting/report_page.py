"""The impact report as files: one self-contained HTML page and its CSV files.

Aggregates only (no IP address, no user agent, no per-visit record). Every CSV
cell passes ``neutralise``; every text from a log is escaped in the HTML.
"""

from __future__ import annotations

import csv
import html
from pathlib import Path

from signposter.catalog_marks import N_
from signposter.counting.report import Aggregates, tables
from signposter.counting.report_figures import Figure, figures
from signposter.counting.report_language import ReportLanguage
from signposter.csv_cells import neutralise

STYLE = """
body{font-family:system-ui,"Noto Sans",sans-serif;max-width:60rem;margin:auto;
padding:1rem;color:#111;line-height:1.45}
h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #111}
table{border-collapse:collapse;margin:.6rem 0}
td,th{border:1px solid #888;padding:.2rem .6rem;text-align:start}
thead th{background:#eee}tbody th{font-weight:normal}
td.n{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:.6rem 0}svg{max-width:100%;height:auto;direction:ltr}
.figures{display:flex;flex-wrap:wrap;gap:.8rem;padding:0;list-style:none}
.figures li{border:2px solid #111;padding:.5rem .9rem;min-width:9rem}
.figures b{display:block;font-size:1.7rem;font-variant-numeric:tabular-nums}
.note,.data{color:#333;font-size:.95rem}.unknown{font-style:italic}
@page{margin:15mm}
@media print{body{max-width:none;font-size:10.5pt;padding:0}
h2{break-after:avoid}section{break-inside:avoid-page}
figure,table,.figures li{break-inside:avoid}.figures li{border-width:1pt}
a{color:#000;text-decoration:none}th{background:none}}
"""
NO_DATA = N_("Nothing was counted for this figure.")
DATA = N_("Data (CSV):")
ABOUT = N_("About these numbers")
FULL_COUNTS = N_("Full counts (CSV):")
LEFT_OUT = N_("Left out of the counts")
NOTHING_LEFT_OUT = N_("Nothing.")


def write_report(result: Aggregates, folder: Path, lang: ReportLanguage) -> Path:
    """Write every figure's CSV, the full counts and index.html; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    shown = figures(result, lang)
    for figure in shown:
        _write_csv(folder / figure.csv_name, figure.csv_header, figure.csv_rows)
    for name, (header, rows) in tables(result, lang.organisation).items():
        _write_csv(folder / name, header, rows)
    page = folder / "index.html"
    page.write_text(_page(result, shown, lang), encoding="utf-8")
    return page


def _write_csv(path: Path, header, rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([neutralise(cell) for cell in header])  # phases come from logs
        writer.writerows([neutralise(cell) for cell in row] for row in rows)


def _e(text) -> str:
    return html.escape(str(text))


def _page(result: Aggregates, shown: list[Figure], lang: ReportLanguage) -> str:
    _ = lang.text
    title = _("Impact report")
    days = sorted({day for day, _code in result.views_by_day_lang})
    parts = [
        f"<!doctype html><html lang='{_e(lang.code)}' dir='{lang.direction}'>",
        "<head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
    ]
    if days:
        period = _(
            "Page views from %(first)s to %(last)s",
            first=lang.day(days[0]),
            last=lang.day(days[-1]),
        )
        parts.append(f"<p>{_e(period)}</p>")
    first, *rest = shown
    parts.append(f"<section id='{first.slug}'><ul class='figures'>")
    for label, value in first.rows:
        parts.append(f"<li><b>{_e(value)}</b>{_e(label)}</li>")
    parts.append(f"</ul>{_data_link(first, lang)}</section>")
    for figure in rest:
        parts.append(_section(figure, lang))
    parts.append(_left_out(result, lang))
    parts.append(f"<h2>{_e(_(ABOUT))}</h2><ul class='note'>")
    notes = [
        _("Read from %(count)s log lines.", count=lang.number(result.tally.lines)),
        _("No IP address or other identifier is stored in this report."),
        _("Organisations are shown by their names in the directory."),
    ]
    parts.extend(f"<li>{_e(note)}</li>" for note in notes)
    parts.append(f"</ul><p class='data'>{_e(_(FULL_COUNTS))} ")
    parts.append(
        ", ".join(f"<a href='{_e(name)}'>{_e(name)}</a>" for name in tables(result))
    )
    parts.append("</p></body></html>\n")
    return "".join(parts)


def _section(figure: Figure, lang: ReportLanguage) -> str:
    parts = [f"<section id='{figure.slug}'><h2>{_e(figure.title)}</h2>"]
    if figure.note:
        parts.append(f"<p class='note'>{_e(figure.note)}</p>")
    if not figure.rows:
        parts.append(f"<p>{_e(lang.text(NO_DATA))}</p></section>")
        return "".join(parts)
    if figure.chart:
        parts.append(f"<figure>{figure.chart()}</figure>")
    parts.append("<table><thead><tr>")
    parts.extend(f"<th scope='col'>{_e(h)}</th>" for h in figure.header)
    parts.append("</tr></thead><tbody>")
    for label, *counts in figure.rows:
        cells = "".join(f"<td class='n'>{_e(lang.number(n))}</td>" for n in counts)
        parts.append(f"<tr><th scope='row'>{_e(label)}</th>{cells}</tr>")
    parts.append(f"</tbody></table>{_data_link(figure, lang)}</section>")
    return "".join(parts)


def _data_link(figure: Figure, lang: ReportLanguage) -> str:
    name = _e(figure.csv_name)
    return f"<p class='data'>{_e(lang.text(DATA))} <a href='{name}'>{name}</a></p>"


def _left_out(result: Aggregates, lang: ReportLanguage) -> str:
    _ = lang.text
    parts = [f"<h2>{_e(_(LEFT_OUT))}</h2><ul class='note'>"]
    for reason, count in sorted(result.tally.left_out.items()):
        parts.append(f"<li>{_e(_(reason))}: {_e(lang.number(count))}</li>")
    if not result.tally.left_out:
        parts.append(f"<li>{_e(_(NOTHING_LEFT_OUT))}</li>")
    parts.append("</ul>")
    return "".join(parts)
