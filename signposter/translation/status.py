"""`invoke status`: every page in every language, and every theme catalog.

Read straight from the source files (no build needed), so a translator gets an
answer in a moment: ``ok``, ``outdated`` (the source changed since this
translation was stamped), ``missing`` (a language the page is meant to have),
``fallback`` (a language the page is not meant to have: readers see the source
text), ``mismatch`` (a number, email or address differs from the source: a
mistyped hotline must never look done, stamped or not), ``script`` (mostly not
in the language's script) — and ``source`` for the original.
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

from signposter.languages import site_languages
from signposter.problems import display_path
from signposter.translation.catalogs import DOMAIN, catalog_path
from signposter.translation.checks import (
    MarkdownPage,
    is_outdated,
    read_page,
    safety_problems,
    tokens,
)
from signposter.translation.metadata import as_list

PROBLEM_STATES = ("missing", "outdated", "mismatch", "script")


@dataclass
class PageStatus:
    key: str
    lang: str
    status: str
    file: str  # the translation, or the source for missing and fallback
    # For mismatch and script: each problem as `line N: what — fix`.
    details: list[str] = field(default_factory=list)


@dataclass
class CatalogStatus:
    lang: str
    translated: int
    fuzzy: int
    untranslated: int
    file: str


def _pages_by_key(pages_dir: Path) -> dict[str, dict[str, MarkdownPage]]:
    groups: dict[str, dict[str, MarkdownPage]] = {}
    for path in sorted(pages_dir.glob("*/*.md")):
        page = read_page(path)
        key = page.value("translation_key") or path.stem
        lang = page.value("lang") or path.parent.name
        groups.setdefault(key, {})[lang] = page
    return groups


def page_statuses(settings) -> list[PageStatus]:
    languages = site_languages(settings)
    codes = [language.code for language in languages]
    names = {language.code: language.english_name for language in languages}
    default = codes[0]
    statuses = []
    for key, pages in sorted(_pages_by_key(Path(settings["PATH"]) / "pages").items()):
        source = pages.get(default) or next(iter(pages.values()))
        theirs = tokens(source)
        declared = codes
        if source.value("template") == "campaign":
            declared = as_list(source.value("languages"))
        for code in codes:
            page = pages.get(code)
            found = []
            if page is source:
                state = "source"
            elif page is not None:
                found = safety_problems(page, source, code, names[code], theirs)
                state = _translation_state(page, source, found)
            else:
                state = "missing" if code in declared else "fallback"
            details = [_detail(problem) for problem in found]
            path = str((page or source).path)
            statuses.append(PageStatus(key, code, state, path, details))
    return statuses


def _translation_state(page: MarkdownPage, source: MarkdownPage, found) -> str:
    # What could mislead a reader comes before what is merely behind: a
    # translation in the wrong script, or with a number that differs, is
    # reported as such even when it is also outdated.
    for state in ("script", "mismatch"):
        if any(problem.state == state for problem in found):
            return state
    return "outdated" if is_outdated(page, source) else "ok"


def _detail(problem) -> str:
    where = f"line {problem.line}: " if problem.line else ""
    return f"{where}{problem.message} — {problem.fix}"


def _template_ids(folder: Path) -> set:
    """The theme's strings as extracted (``messages.pot``), if it is there."""
    template = Path(folder) / f"{DOMAIN}.pot"
    if not template.exists():
        return set()
    with template.open("rb") as handle:
        return {_message_key(m) for m in read_po(handle) if m.id}


def _message_key(message):
    singular = message.id if isinstance(message.id, str) else message.id[0]
    return (message.context, singular)


def catalog_statuses(settings) -> list[CatalogStatus]:
    """Counts per catalog; a string in messages.pot that the catalog lacks
    counts as untranslated (readers would see it in English)."""
    folder = Path(settings["PATH"]).parent / settings["SIGNPOSTER_TRANSLATIONS_DIR"]
    expected = _template_ids(folder)
    found = []
    for language in site_languages(settings):
        path = catalog_path(folder, language.code)
        if not path.exists():
            found.append(CatalogStatus(language.code, 0, 0, len(expected), str(path)))
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language.code)
        present = {_message_key(m) for m in catalog if m.id}
        missing = len(expected - present)
        counts = {"translated": 0, "fuzzy": 0, "untranslated": missing}
        for message in catalog:
            if not message.id:
                continue
            strings = (
                message.string
                if isinstance(message.string, tuple)
                else (message.string,)
            )
            if message.fuzzy:
                counts["fuzzy"] += 1
            elif all(strings):
                counts["translated"] += 1
            else:
                counts["untranslated"] += 1
        found.append(CatalogStatus(language.code, **counts, file=str(path)))
    return found


def as_text(pages: list[PageStatus], catalogs: list[CatalogStatus]) -> str:
    codes = list(dict.fromkeys(p.lang for p in pages))
    keys = list(dict.fromkeys(p.key for p in pages))
    cell = {(p.key, p.lang): p.status for p in pages}
    width = max([len(k) for k in keys] + [4])
    lines = [f"{'page':<{width}}  " + "  ".join(f"{c:<8}" for c in codes)]
    for key in keys:
        lines.append(
            f"{key:<{width}}  " + "  ".join(f"{cell[(key, c)]:<8}" for c in codes)
        )
    lines.append("")
    lines.append(f"{'catalog':<{width}}  translated  fuzzy  untranslated")
    for c in catalogs:
        lines.append(
            f"{c.lang:<{width}}  {c.translated:>10}  {c.fuzzy:>5}  {c.untranslated:>12}"
        )
    problems = [p for p in pages if p.status in PROBLEM_STATES]
    if any(p.details for p in problems):
        lines.append("")
    for p in problems:
        for detail in p.details:
            lines.append(f"{display_path(p.file)}: {p.status}: {detail}")
    lines.append("")
    counts = ", ".join(
        f"{sum(p.status == state for p in problems)} {state}"
        for state in PROBLEM_STATES
    )
    lines.append(f"{len(problems)} translation(s) to look at ({counts}).")
    return "\n".join(lines)


def _title(page: PageStatus) -> str:
    """The problems as a tooltip on the cell."""
    if not page.details:
        return ""
    return f' title="{html.escape(chr(10).join(page.details))}"'


def as_json(pages, catalogs) -> str:
    return json.dumps(
        {
            "pages": [asdict(p) for p in pages],
            "catalogs": [asdict(c) for c in catalogs],
        },
        ensure_ascii=False,
        indent=2,
    )


def as_html(pages, catalogs, where: Path) -> str:
    """The dashboard: a table to click through to each file."""
    codes = list(dict.fromkeys(p.lang for p in pages))
    keys = list(dict.fromkeys(p.key for p in pages))
    cell = {(p.key, p.lang): p for p in pages}

    def link(path: str, text: str) -> str:
        href = os.path.relpath(Path(path).resolve(), where.parent.resolve())
        return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'

    rows = []
    for key in keys:
        cells = "".join(
            f'<td class="{p.status}"{_title(p)}>{link(p.file, p.status)}</td>'
            for p in (cell[(key, c)] for c in codes)
        )
        rows.append(f"<tr><th>{html.escape(key)}</th>{cells}</tr>")
    details = "".join(
        f"<li>{link(p.file, f'{p.key} ({p.lang})')}: {p.status}: "
        f"{html.escape(detail)}</li>"
        for p in pages
        for detail in p.details
    )
    catalog_rows = "".join(
        f"<tr><th>{c.lang}</th><td>{c.translated}</td><td>{c.fuzzy}</td>"
        f"<td>{c.untranslated}</td><td>{link(c.file, 'messages.po')}</td></tr>"
        for c in catalogs
    )
    head = "".join(f"<th>{c}</th>" for c in codes)
    fixes = f"<h2>To fix</h2><ul>{details}</ul>" if details else ""
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Translation status</title><style>body{font-family:system-ui,sans-serif;"
        "margin:1rem}table{border-collapse:collapse;margin-block:1rem}td,th{border:1px "
        "solid #ccc;padding:.3rem .5rem}.ok{background:#e3f4e1}.outdated{background:"
        "#fff4ce}.missing{background:#fde8e8}.fallback{background:#eee}.source{background:"
        "#eef3f8}.mismatch,.script{background:#f8c9c9;font-weight:bold}</style></head>"
        "<body><h1>Translation status</h1>"
        "<p>Not published: this page is for translators. <code>ok</code> up to date; "
        "<code>outdated</code> the source changed since the translation was stamped "
        "(<code>invoke translated PAGE LANG</code>); <code>missing</code> the page is "
        "meant to exist in this language; <code>fallback</code> readers see the "
        "source text; <code>mismatch</code> a number, email or web address differs "
        "from the source (copy it exactly); <code>script</code> the text is mostly "
        "not in the language's script.</p>"
        f"<table><tr><th>page</th>{head}</tr>{''.join(rows)}</table>{fixes}"
        "<h2>Theme strings</h2><table><tr><th>language</th><th>translated</th>"
        f"<th>fuzzy</th><th>untranslated</th><th>file</th></tr>{catalog_rows}</table>"
        "</body></html>\n"
    )
