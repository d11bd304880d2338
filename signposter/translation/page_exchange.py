"""Pages as PO files, for translators who work in a CAT tool (Poedit, Weblate, …).

Each line of text in the source page becomes one entry; Markdown around the
text (heading marks, list bullets) stays out of the strings and is put back
from the source on import, so the structure and the metadata cannot be broken
by a translation tool. The PO records the hash of the source it was made from;
importing stamps the translation with it.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from signposter.translation import front_matter
from signposter.translation.checks import MarkdownPage, read_page, source_hash

TRANSLATABLE_FIELDS = ("title", "summary")
_PREFIX = re.compile(r"^(\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)*)(.*?)(\s*)$")


class PagePoError(ValueError):
    """A PO file that cannot become a page; says where."""


def _units(page: MarkdownPage) -> list[tuple[int, str, str, str]]:
    """(line index in body, prefix, text, suffix) for each line with text."""
    found = []
    for index, line in enumerate(page.body.split("\n")):
        prefix, text, suffix = _PREFIX.match(line).groups()
        if text:
            found.append((index, prefix, text, suffix))
    return found


def export_page(source_path: Path, lang: str, translation_path: Path | None) -> bytes:
    """The PO text for translating ``source_path`` into ``lang``.

    Existing translation lines fill the msgstrs when the two pages have the
    same structure.
    """
    source = read_page(source_path)
    translation = (
        read_page(translation_path)
        if translation_path and Path(translation_path).exists()
        else None
    )
    catalog = Catalog(
        locale=lang,
        project=Path(source_path).stem,
        fuzzy=False,
        header_comment=f"# Source: {source_path}\n# Source-Hash: {source_hash(source)}",
    )
    for field in TRANSLATABLE_FIELDS:
        if source.value(field):
            done = translation.value(field) if translation else ""
            catalog.add(source.value(field), done, context=f"meta:{field}")
    ours = _units(source)
    theirs = _units(translation) if translation else []
    aligned = len(theirs) == len(ours) and all(
        a[1] == b[1] for a, b in zip(ours, theirs, strict=True)
    )
    for number, (index, _prefix, text, _suffix) in enumerate(ours):
        done = theirs[number][2] if aligned else ""
        catalog.add(text, done, context=f"line {source.body_line + index}")
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False)
    return buffer.getvalue()


def import_page(po_bytes: bytes, source_path: Path) -> str:
    """The translated page's Markdown: the source's structure, the PO's text."""
    catalog = read_po(io.BytesIO(po_bytes))
    stamped = re.search(r"Source-Hash: (\w+)", catalog.header_comment or "")
    source = read_page(source_path)
    strings = {(m.context, m.id): m.string for m in catalog if m.id}
    missing = [m.context for m in catalog if m.id and not m.string]
    if missing:
        raise PagePoError(
            f"{len(missing)} entries are not translated yet, first: {missing[0]}"
        )
    parsed = front_matter.parse(Path(source_path).read_text(encoding="utf-8-sig"))
    headers = {}
    for name, header in parsed.headers.items():
        if name == "source_hash":
            continue
        value = header.value
        if name in TRANSLATABLE_FIELDS:
            value = strings[(f"meta:{name}", header.text)]
        headers[name] = value
    if stamped:
        headers["source_hash"] = stamped.group(1)
    body = source.body.split("\n")
    for index, prefix, text, suffix in _units(source):
        context = f"line {source.body_line + index}"
        if (context, text) not in strings:
            raise PagePoError(
                f"{context}: the PO has no entry for {text[:40]!r} — "
                "export the page again, the source has changed"
            )
        body[index] = prefix + strings[(context, text)] + suffix
    return front_matter.header_block(headers, parsed) + "\n".join(body)
