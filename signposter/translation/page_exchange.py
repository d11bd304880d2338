"""Pages as PO files kept in the repository, for Weblate, Crowdin, Poedit, ….

``translations/pages/templates/<key>.pot`` holds a page's strings;
``translations/pages/<lang>/<key>.po`` their translation. Each line of text in
the source page is one entry whose key is its own text (``msgid``), never its
line number: inserting a paragraph adds one entry and every other one keeps its
translation. Markdown around the text (heading marks, list bullets) stays out of
the strings and is put back from the source on import, so a translation tool
cannot break the structure or the headers.

Updating a PO keeps every translation whose source line is unchanged; a line
that changed keeps its old translation marked fuzzy (with the old source as
``#| msgid``), and fuzzy entries are never imported as finished: the page is
written but not stamped, so it shows as outdated until they are reviewed.
"""

from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from signposter.translation import front_matter
from signposter.translation.checks import (
    STAMP_KEY,
    MarkdownPage,
    literal_tokens,
    page_from_text,
    read_page,
    source_hash,
    token_mismatches,
)

TRANSLATABLE_FIELDS = ("title", "summary")
PAGES_PO_DIR = Path("translations") / "pages"
_PREFIX = re.compile(r"^(\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)*)(.*?)(\s*)$")
_HASH = re.compile(r"Source-Hash: (\w+)")
_KINDS = (("#", "heading"), ("-", "list item"), ("*", "list item"), (">", "quote"))


class PagePoError(ValueError):
    """A PO file that cannot become a page; says which entry and why."""


def po_path(root: Path, key: str, lang: str) -> Path:
    return Path(root) / PAGES_PO_DIR / lang / f"{key}.po"


def template_path(root: Path, key: str) -> Path:
    return Path(root) / PAGES_PO_DIR / "templates" / f"{key}.pot"


def write_page(fields: list[tuple[str, str]], body: str, like: Path) -> str:
    """A page's text from its header fields and body, with its header written
    as the page ``like`` (the source) writes it: YAML front matter, or the
    older ``Key: value`` lines. The one place a page's header is written."""
    parsed = front_matter.parse(Path(like).read_text(encoding="utf-8-sig"))
    headers: dict[str, str | list[str]] = {}
    for name, value in fields:
        if (
            parsed.style == "yaml"
            and name in front_matter.LIST_HEADERS
            and isinstance(value, str)
        ):
            value = [item.strip() for item in value.split(",") if item.strip()]
        headers[name] = value
    return front_matter.header_block(headers, parsed) + body


# -- the units of a page ----------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One string to translate: where it goes, and its key in the PO."""

    index: int | None  # line in the body; None for a header field
    prefix: str
    text: str
    suffix: str
    context: str | None

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.text)


def units(page: MarkdownPage) -> list[Unit]:
    """The page's strings in order: title, summary, then each line of text.

    A line's key is its text; only a repeated text gets a context
    (``repeat 2``), so keys do not move when lines are added elsewhere.
    """
    found = [
        Unit(None, "", page.value(name), "", name)
        for name in TRANSLATABLE_FIELDS
        if page.value(name)
    ]
    seen: dict[str, int] = {}
    for index, line in enumerate(page.body.split("\n")):
        prefix, text, suffix = _PREFIX.match(line).groups()
        if text:
            seen[text] = seen.get(text, 0) + 1
            context = f"repeat {seen[text]}" if seen[text] > 1 else None
            found.append(Unit(index, prefix, text, suffix, context))
    return found


def _comment(unit: Unit) -> list[str]:
    if unit.index is None:
        return [f"page {unit.context}"]
    mark = unit.prefix.strip()[:1]
    return [kind for start, kind in _KINDS if mark == start][:1]


# -- export: the template and the merged PO --------------------------------------------


def template(source_path: Path) -> bytes:
    """The page's template (``.pot``): every string, none translated."""
    return _write(_catalog(read_page(source_path), None, {}))


def export_page(
    source_path: Path,
    lang: str,
    translation_path: Path | None = None,
    existing_po: bytes | None = None,
) -> bytes:
    """The PO for translating ``source_path`` into ``lang``, merged with what exists.

    Translations come from the existing PO (unchanged lines keep theirs, changed
    lines become fuzzy) and, for lines it lacks, from the translated page when
    it has the source's structure (fuzzy if the page is outdated).
    """
    source = read_page(source_path)
    done: dict = {}
    if translation_path and Path(translation_path).exists():
        done.update(_from_page(source, read_page(translation_path)))
    if existing_po:
        done.update(_from_po(units(source), read_po(io.BytesIO(existing_po))))
    return _write(_catalog(source, lang, done))


def _catalog(source: MarkdownPage, lang: str | None, done: dict) -> Catalog:
    catalog = Catalog(
        locale=lang,
        project=source.path.stem,
        fuzzy=False,
        header_comment=(
            f"# Source: {source.path.parent.name}/{source.path.name}\n"
            f"# Source-Hash: {source_hash(source)}"
        ),
    )
    for unit in units(source):
        string, fuzzy, previous = done.get(unit.key, ("", False, None))
        flags = ["fuzzy"] if fuzzy else []
        tokens = literal_tokens(unit.text)
        if tokens:
            # Weblate's placeholders check: each must be copied exactly.
            flags.append(
                "placeholders:" + ":".join(f'"{t}"' for t in dict.fromkeys(tokens))
            )
        catalog.add(
            unit.text,
            string,
            context=unit.context,
            auto_comments=_comment(unit),
            flags=flags,
            previous_id=previous or [],
        )
    return catalog


def _from_page(source: MarkdownPage, page: MarkdownPage) -> dict:
    ours, theirs = units(source), units(page)
    if [u.index is None for u in ours] != [u.index is None for u in theirs] or [
        u.prefix for u in ours
    ] != [u.prefix for u in theirs]:
        return {}
    fuzzy = page.value(STAMP_KEY) != source_hash(source)
    return {a.key: (b.text, fuzzy, None) for a, b in zip(ours, theirs, strict=True)}


def _from_po(ours: list[Unit], catalog: Catalog) -> dict:
    old = [m for m in catalog if m.id]
    by_key = {(m.context, m.id): m for m in old}
    done = {}
    for unit in ours:
        message = by_key.get(unit.key)
        if message is not None and message.string:
            done[unit.key] = (message.string, message.fuzzy, message.previous_id)
    # Lines that changed: pair old and new entries where the page's sequence of
    # lines was replaced one for one, and offer the old translation as fuzzy.
    old_keys = [(m.context, m.id) for m in old]
    new_keys = [u.key for u in ours]
    matcher = difflib.SequenceMatcher(a=old_keys, b=new_keys, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag != "replace" or a1 - a0 != b1 - b0:
            continue
        for before, after in zip(old[a0:a1], new_keys[b0:b1], strict=True):
            if before.string and after not in done:
                done[after] = (before.string, True, [before.id])
    return done


def _write(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False, include_previous=True)
    return buffer.getvalue()


# -- import -------------------------------------------------------------------------


@dataclass
class Imported:
    """The translated page's text, and the entries that kept it from being stamped."""

    text: str
    fuzzy: list[str] = field(default_factory=list)
    stamped: bool = True
    # numbers, emails or addresses that differ from the source: not stamped
    mismatches: list[str] = field(default_factory=list)


def import_page(
    po_bytes: bytes, source_path: Path, previous: Path | None = None
) -> Imported:
    """The translated page: the source's structure and headers, the PO's text.

    Refused (PagePoError) when an entry is missing or untranslated, or a
    translation holds a line break (it could add header lines). Fuzzy entries
    are used but reported, and the page then keeps the stamp it had (or none),
    so it shows as outdated until they are reviewed.
    """
    try:
        catalog = read_po(io.BytesIO(po_bytes), abort_invalid=True)
    except Exception as err:  # Babel raises several kinds for a broken file
        raise PagePoError(f"the PO file cannot be read: {err}") from None
    stamped = _HASH.search(catalog.header_comment or "")
    entries = {(m.context, m.id): (m.string, m.fuzzy) for m in catalog if m.id}
    return page_from_entries(
        entries, stamped.group(1) if stamped else None, source_path, previous
    )


def page_from_entries(
    entries: dict, source_hash_seen: str | None, source_path: Path, previous=None
) -> Imported:
    """The translated page from ``{key: (translation, needs review)}``, whatever
    file they came from (PO or XLIFF): the same refusals and the same stamping."""
    source = read_page(source_path)
    problems, fuzzy, strings = [], [], {}
    for unit in units(source):
        string, needs_review = entries.get(unit.key, (None, False))
        where = unit.context if unit.index is None else repr(unit.text[:40])
        if string is None:
            problems.append(f"no entry for {where}: the source has changed")
        elif not string:
            problems.append(f"{where} is not translated yet")
        elif len(string.splitlines()) > 1 or string.endswith(("\n", "\r")):
            problems.append(
                f"the translation of {where} has a line break: keep it on one line "
                "(a line break here could add header lines to the page)"
            )
        else:
            strings[unit.key] = string
            if needs_review:
                fuzzy.append(where)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise PagePoError(f"{problems[0]}{more}")
    fields = [
        (name, strings.get((name, value), value))
        for name, (value, _line) in source.meta.items()
        if name != STAMP_KEY
    ]
    stamp = source_hash_seen if not fuzzy else None
    if fuzzy and previous and Path(previous).exists():
        stamp = read_page(previous).value(STAMP_KEY) or None
    if stamp:
        fields.append((STAMP_KEY, stamp))
    lines = source.body.split("\n")
    for unit in units(source):
        if unit.index is not None:
            lines[unit.index] = unit.prefix + strings[unit.key] + unit.suffix
    body = "\n".join(lines)
    text = write_page(fields, body, source.path)
    # A stamp says "this translation is right": not while a number, email or
    # address differs from the source (a mistyped hotline in the platform).
    mismatches = [
        f"line {line}: {token!r} {what}" if line else f"{token!r} {what}"
        for line, token, what in token_mismatches(
            page_from_text(text, previous or source.path), source
        )
    ]
    if mismatches and not fuzzy and stamp:
        # Keep the stamp of the last version that was right, if any: the page
        # then shows as outdated and mismatched, never as up to date.
        kept = (
            read_page(previous).value(STAMP_KEY)
            if previous and Path(previous).exists()
            else ""
        )
        fields = [(name, value) for name, value in fields if name != STAMP_KEY]
        if kept and kept != stamp:
            fields.append((STAMP_KEY, kept))
        text = write_page(fields, body, source.path)
    return Imported(text, fuzzy, not fuzzy and not mismatches, mismatches)
