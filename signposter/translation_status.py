"""Which translations are missing or out of date, and what they must not get wrong.

A translation records the short hash of the source text it was made from
(``Source_Hash:``, stamped by `invoke translated PAGE LANG`); when the source's
title, summary or body change, the hash no longer matches and the translation
is outdated. No bookkeeping, no git needed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from babel.core import get_global

STAMP_KEY = "source_hash"
# Phone numbers (3+ digits, spaces/dashes inside), emails and web addresses.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)[^\s)<>\]]+")
_NUMBER = re.compile(r"\+?\d[\d\s\-]*\d|\d{3,}")
SCRIPT_NAMES = {
    "Latn": "LATIN",
    "Cyrl": "CYRILLIC",
    "Arab": "ARABIC",
    "Beng": "BENGALI",
    "Deva": "DEVANAGARI",
}


@dataclass
class MarkdownPage:
    """A page's header fields (with lines) and body, as the translator wrote them."""

    path: Path
    meta: dict[str, tuple[str, int]]
    body: str
    body_line: int

    def value(self, key: str, default: str = "") -> str:
        return self.meta.get(key, (default, 0))[0]

    def line(self, key: str) -> int | None:
        return self.meta.get(key, ("", None))[1]


def read_page(path: Path) -> MarkdownPage:
    text = Path(path).read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    meta: dict[str, tuple[str, int]] = {}
    index = 0
    for index, line in enumerate(lines):
        if not line.strip():
            break
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = (value.strip(), index + 1)
    else:
        index = len(lines)
    return MarkdownPage(Path(path), meta, "\n".join(lines[index + 1 :]), index + 2)


def source_hash(page: MarkdownPage) -> str:
    """12 hex digits that change when the title, summary or text change."""
    body = "\n".join(line.rstrip() for line in page.body.strip().split("\n"))
    text = f"{page.value('title')}\n{page.value('summary')}\n{body}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def is_outdated(translation: MarkdownPage, source: MarkdownPage) -> bool:
    return translation.value(STAMP_KEY) != source_hash(source)


def stamp(translation_path: Path, source: MarkdownPage) -> None:
    """Record in the translation that it matches the source as it is now."""
    lines = Path(translation_path).read_text(encoding="utf-8").split("\n")
    new = f"Source_Hash: {source_hash(source)}"
    for index, line in enumerate(lines):
        if not line.strip():
            lines.insert(index, new)
            break
        if line.split(":", 1)[0].strip().lower() == STAMP_KEY:
            lines[index] = new
            break
    Path(translation_path).write_text("\n".join(lines), encoding="utf-8")


# -- safety-critical tokens -------------------------------------------------------


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text)


def tokens(page: MarkdownPage) -> dict[str, int]:
    """Phone and emergency numbers, emails and URLs in the body, with their lines."""
    found: dict[str, int] = {}
    for offset, line in enumerate(page.body.split("\n")):
        line = _ascii_digits(line)
        for pattern in (_EMAIL, _URL):
            for match in pattern.finditer(line):
                found.setdefault(match.group(0).rstrip(".,;"), page.body_line + offset)
            line = pattern.sub(" ", line)
        for match in _NUMBER.finditer(line):
            digits = re.sub(r"\D", "", match.group(0))
            if len(digits) >= 3:
                token = ("+" if match.group(0).startswith("+") else "") + digits
                found.setdefault(token, page.body_line + offset)
    return found


def token_mismatches(translation: MarkdownPage, source: MarkdownPage):
    """(line, token, what) for each token that is in one page and not the other."""
    theirs, ours = tokens(source), tokens(translation)
    for token, line in sorted(ours.items(), key=lambda kv: kv[1]):
        if token not in theirs:
            yield line, token, "is not in the source page"
    for token in sorted(set(theirs) - set(ours)):
        yield None, token, f"from the source page (line {theirs[token]}) is missing"


# -- script ---------------------------------------------------------------------------


def expected_script(code: str) -> str | None:
    likely = get_global("likely_subtags").get(code, "")
    parts = likely.split("_")
    return parts[1] if len(parts) > 1 else None


def script_share(page: MarkdownPage, code: str) -> float | None:
    """Share of the page's letters in its language's script (None if unknown)."""
    script = SCRIPT_NAMES.get(expected_script(code) or "")
    if not script:
        return None
    letters = [ch for ch in page.value("title") + page.body if ch.isalpha()]
    if not letters:
        return None
    inside = sum(1 for ch in letters if unicodedata.name(ch, "").startswith(script))
    return inside / len(letters)
