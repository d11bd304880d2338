"""Pages as XLIFF 2.0 files, for CAT tools that prefer XLIFF to PO.

``translations/pages/<lang>/<key>.xlf`` holds the same strings as the page's
PO file (see page_exchange): one ``<unit>`` per line of text, whose id is made
from the line's text (never its line number), so inserting a paragraph adds
one unit and every other one keeps its translation. Import goes through the
same checks as a PO: line breaks and untranslated units are refused, and a
unit whose segment is still ``initial`` (XLIFF's default state, and the state
a tool gives a translation that needs review) is written but not stamped.

Written and read with the standard library: XLIFF 2.0 core is a small format,
and the translation toolkit (lxml and more) stays a test dependency only.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from signposter.translation.checks import literal_tokens, read_page, source_hash
from signposter.translation.page_exchange import (
    PAGES_PO_DIR,
    Imported,
    PagePoError,
    _comment,
    _from_page,
    _from_po,
    page_from_entries,
    units,
)

NS = "urn:oasis:names:tc:xliff:document:2.0"
_Q = "{" + NS + "}"
# The states that say a translator finished the segment (XLIFF 2.0, 4.3.1.41);
# "initial", the default, means it still needs work or review.
DONE_STATES = ("translated", "reviewed", "final")


def xliff_path(root: Path, key: str, lang: str) -> Path:
    return Path(root) / PAGES_PO_DIR / lang / f"{key}.xlf"


def unit_id(context: str | None, text: str) -> str:
    """A unit's id from its key: stable while the text is, and a valid NMTOKEN."""
    if context in ("title", "summary") and text:
        return context
    digest = hashlib.sha256(f"{context or ''}\0{text}".encode()).hexdigest()
    return f"t{digest[:16]}"


@dataclass(frozen=True)
class _Entry:
    """One unit read back, shaped like a PO message for the shared merge."""

    context: str | None
    id: str
    string: str
    fuzzy: bool
    previous_id: list[str]
    unit: str  # the id the file gives the unit


def export_page(
    source_path: Path,
    lang: str,
    translation_path: Path | None = None,
    existing: bytes | None = None,
) -> bytes:
    """The XLIFF for translating ``source_path`` into ``lang``, merged with
    what exists, exactly as the PO export merges (changed lines need review)."""
    source = read_page(source_path)
    ours = units(source)
    done: dict = {}
    if translation_path and Path(translation_path).exists():
        done.update(_from_page(source, read_page(translation_path)))
    if existing:
        _hash, entries = _read(existing)
        done.update(_from_po(ours, entries))
    ET.register_namespace("", NS)
    root = ET.Element(
        _Q + "xliff", {"version": "2.0", "srcLang": source_path.parent.name}
    )
    root.set("trgLang", lang)
    file = ET.SubElement(
        root,
        _Q + "file",
        {
            "id": source_path.stem,
            "original": f"{source_path.parent.name}/{source_path.name}",
        },
    )
    notes = ET.SubElement(file, _Q + "notes")
    ET.SubElement(notes, _Q + "note", {"category": "source-hash"}).text = source_hash(
        source
    )
    for unit in ours:
        string, fuzzy, previous = done.get(unit.key, ("", False, None))
        element = ET.SubElement(
            file, _Q + "unit", {"id": unit_id(unit.context, unit.text)}
        )
        if unit.context:
            element.set("name", unit.context)
        remarks = [(c, "location") for c in _comment(unit)]
        tokens = list(dict.fromkeys(literal_tokens(unit.text)))
        if tokens:
            remarks.append(("copy exactly: " + " ".join(tokens), "placeholders"))
        remarks += [(p, "previous-source") for p in previous or []]
        if remarks:
            box = ET.SubElement(element, _Q + "notes")
            for text, category in remarks:
                ET.SubElement(box, _Q + "note", {"category": category}).text = text
        segment = ET.SubElement(element, _Q + "segment")
        segment.set("state", "initial" if fuzzy or not string else "translated")
        ET.SubElement(segment, _Q + "source").text = unit.text
        if string:
            ET.SubElement(segment, _Q + "target").text = string
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _read(data: bytes) -> tuple[str | None, list[_Entry]]:
    # XLIFF needs no DTD; a DOCTYPE could only declare entities to expand.
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise PagePoError("the XLIFF file declares a DOCTYPE or entities: remove them")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        raise PagePoError(f"the XLIFF file cannot be read: {err}") from None
    if root.tag != _Q + "xliff" or not root.get("version", "").startswith("2."):
        raise PagePoError("this is not an XLIFF 2 file (<xliff version='2.0'>)")
    seen = root.find(f"{_Q}file/{_Q}notes/{_Q}note[@category='source-hash']")
    entries = []
    for unit in root.iter(_Q + "unit"):
        segments = unit.findall(_Q + "segment")
        if len(segments) != 1:
            raise PagePoError(
                f"unit {unit.get('id')!r} has {len(segments)} segments: "
                "keep each unit as one segment (do not split or join them)"
            )
        segment = segments[0]
        source = segment.find(_Q + "source")
        target = segment.find(_Q + "target")
        if source is None:
            raise PagePoError(f"unit {unit.get('id')!r} has no <source>")
        if target is not None and len(target):
            raise PagePoError(
                f"the translation of unit {unit.get('id')!r} holds markup "
                f"(<{target[0].tag.removeprefix(_Q)}>): write plain text"
            )
        previous = [
            note.text or ""
            for note in unit.iterfind(
                f"{_Q}notes/{_Q}note[@category='previous-source']"
            )
        ]
        entries.append(
            _Entry(
                unit.get("name") or None,
                "".join(source.itertext()),
                "" if target is None else (target.text or ""),
                segment.get("state", "initial") not in DONE_STATES,
                previous,
                unit.get("id", ""),
            )
        )
    return (seen.text if seen is not None else None), entries


def import_page(
    data: bytes, source_path: Path, previous: Path | None = None
) -> Imported:
    """The translated page from an XLIFF 2 file (see page_exchange.import_page).

    A unit counts only when both its id and its source text match the page's,
    so a unit carried over from an older version is never taken for a new one.
    """
    seen, entries = _read(data)
    found = {
        (entry.context, entry.id): (entry.string, entry.fuzzy)
        for entry in entries
        if entry.unit == unit_id(entry.context, entry.id)
    }
    return page_from_entries(found, seen, source_path, previous)
