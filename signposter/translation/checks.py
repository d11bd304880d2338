"""Which translations are missing or out of date, and what they must not get wrong.

A translation records the short hash of the source text it was made from
(``source_hash:``, stamped by `invoke translated PAGE LANG`); when the source's
title, summary or body change, the hash no longer matches and the translation
is outdated. No bookkeeping, no git needed.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from babel.core import get_global

from signposter.directory.contacts import EMAIL_IN_TEXT
from signposter.translation import front_matter

STAMP_KEY = "source_hash"
# Below this share of its letters in its language's script, a translation is
# most likely pasted source text or the wrong file.
SCRIPT_MINIMUM = 0.5
TOKEN_FIX = "copy phone numbers, emails and web addresses exactly from the source"
SCRIPT_FIX = "check that this is the translation and not pasted source text"
# Emails, web addresses, and every number a reader might act on: any two or
# more digits (an age, an amount, a hotline). One separator between digit
# groups joins them, so "+48 22 123-45-67" is one number and "1,500", "1 500"
# and "1.500" (or "12.50" and "12,50") read the same in every language.
_EMAIL = EMAIL_IN_TEXT
_URL = re.compile(r"(?:https?://|www\.)[^\s)<>\]]+")
_NUMBER = re.compile(r"\+?\d(?:[ \-.,'\u00a0\u202f\u066b\u066c]?\d)+")
_PERCENT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_UNSAFE_DECODED = re.compile(r"[\s\x00-\x1f\x7f]")
# Runs of letters of each script the site's languages use (their Unicode
# blocks): counting runs with a regular expression is cheap in every build.
SCRIPT_LETTERS = {
    "Latn": re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+"),
    "Cyrl": re.compile("[\u0400-\u052f\u1c80-\u1c8f\ua640-\ua69f]+"),
    "Arab": re.compile(
        "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+"
    ),
    "Beng": re.compile("[\u0980-\u09ff]+"),
    "Deva": re.compile("[\u0900-\u097f\ua8e0-\ua8ff]+"),
}
_LETTERS = re.compile(r"[^\W\d_]+")
_NEWLINE = re.compile("\n")
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]+>")
_DIGIT = re.compile(r"\d")
# A digit other than 0-9 (one class, not a look-ahead: this runs on every page)
_OTHER_DIGIT = re.compile(r"[^\D0-9]")


@dataclass
class MarkdownPage:
    """A page's header fields (with lines) and body, as the translator wrote them."""

    path: Path
    meta: dict[str, tuple[str, int]]
    body: str
    body_line: int
    # What the checks below found, kept so the build can find it in parallel
    # while reading (build/reader.py) and only compare afterwards.
    found: dict = field(default_factory=dict, compare=False, repr=False)

    def value(self, key: str, default: str = "") -> str:
        return self.meta.get(key, (default, 0))[0]

    def line(self, key: str) -> int | None:
        return self.meta.get(key, ("", None))[1]


def read_page(path: Path) -> MarkdownPage:
    return page_from_text(Path(path).read_text(encoding="utf-8-sig"), path)


def page_from_text(text: str, path: Path) -> MarkdownPage:
    """A page's headers and body from its text (``path`` names it in messages)."""
    return page_from_front_matter(front_matter.parse(text), path)


def page_from_front_matter(page: front_matter.FrontMatter, path) -> MarkdownPage:
    """The same, from front matter already parsed (the build's reader has it)."""
    meta = {key: (header.text, header.line) for key, header in page.headers.items()}
    return MarkdownPage(Path(path), meta, page.body, page.body_line)


def source_hash(page: MarkdownPage) -> str:
    """12 hex digits that change when the title, summary or text change."""
    body = "\n".join(line.rstrip() for line in page.body.strip().split("\n"))
    text = f"{page.value('title')}\n{page.value('summary')}\n{body}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def is_outdated(translation: MarkdownPage, source: MarkdownPage) -> bool:
    return translation.value(STAMP_KEY) != source_hash(source)


def stamp(translation_path: Path, source: MarkdownPage) -> None:
    """Record in the translation that it matches the source as it is now."""
    text = Path(translation_path).read_text(encoding="utf-8")
    text = front_matter.set_header(text, STAMP_KEY, source_hash(source))
    Path(translation_path).write_text(text, encoding="utf-8")


# -- safety-critical tokens -------------------------------------------------------


def ascii_digits(text: str) -> str:
    """١١٢ and ۱۱۲ are 112 too: compare numbers whatever digits they are written in."""
    if text.isascii() or not _OTHER_DIGIT.search(text):
        return text
    return _OTHER_DIGIT.sub(lambda m: str(unicodedata.digit(m.group(0))), text)


def _percent_decoded(text: str) -> str:
    """`tel:%2B48…` is `tel:+48…`: decode escapes, but never into a space or a
    line break (token boundaries and line numbers stay where the reader sees them)."""
    if "%" not in text:
        return text

    def decode(match: re.Match) -> str:
        try:
            plain = bytes.fromhex(match.group(0).replace("%", "")).decode("utf-8")
        except UnicodeDecodeError:
            return match.group(0)
        return match.group(0) if _UNSAFE_DECODED.search(plain) else plain

    return _PERCENT_RUN.sub(decode, text)


def tokens(page: MarkdownPage) -> dict[str, int]:
    """Numbers, emails and URLs in the title, summary and body, with their lines."""
    if "tokens" not in page.found:
        page.found["tokens"] = _page_tokens(page)
    return page.found["tokens"]


def _page_tokens(page: MarkdownPage) -> dict[str, int]:
    found: dict[str, int] = {}
    for key in ("title", "summary"):
        for token in _tokens_in(_normalised(page.value(key))):
            found.setdefault(token, page.line(key))
    text = _normalised(page.body)
    newlines = [match.start() for match in _NEWLINE.finditer(text)]
    for token, offset in _tokens_in(text).items():
        found.setdefault(token, page.body_line + bisect.bisect_left(newlines, offset))
    return found


def _normalised(text: str) -> str:
    # Neither rewrite adds or removes a line break, so lines are still the
    # translator's lines.
    return _percent_decoded(ascii_digits(text))


def _tokens_in(text: str) -> dict[str, int]:
    """Each token in ``text`` with the offset where it first appears."""
    found: dict[str, int] = {}
    # Cheap tests first: most lines hold no address, and the address patterns
    # are slow on long runs of letters.
    for pattern, hint in (
        (_EMAIL, "@" in text),
        (_URL, "http" in text or "www." in text),
    ):
        if not hint:
            continue
        for match in pattern.finditer(text):
            found.setdefault(match.group(0).rstrip(".,;"), match.start())
        # Blank them out (keeping offsets) so their digits are not read as numbers.
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    if not _DIGIT.search(text):
        return found  # the number pattern is slow to find nothing
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        token = ("+" if match.group(0).startswith("+") else "") + digits
        found.setdefault(token, match.start())
    return found


def literal_tokens(text: str) -> list[str]:
    """Emails, web addresses and numbers exactly as written in ``text``.

    For tools that compare strings literally (Weblate's placeholders check);
    ``tokens`` is the tolerant comparison the build makes.
    """
    found = []
    for pattern in (_EMAIL, _URL):
        found += [m.group(0).rstrip(".,;") for m in pattern.finditer(text)]
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return found + [m.group(0) for m in _NUMBER.finditer(text)]


def token_mismatches(translation: MarkdownPage, source: MarkdownPage, theirs=None):
    """(line, token, what) for each token that is in one page and not the other.

    ``theirs``: the source's tokens, when the caller already has them.
    """
    theirs = tokens(source) if theirs is None else theirs
    ours = tokens(translation)
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
    if ("script", code) not in page.found:
        page.found["script", code] = _script_share(page, code)
    return page.found["script", code]


def _script_share(page: MarkdownPage, code: str) -> float | None:
    pattern = SCRIPT_LETTERS.get(expected_script(code) or "")
    # A few thousand characters tell the script as well as the whole page.
    text = (page.value("title") + page.body)[:1500]
    letters = _count(_LETTERS, text)
    if pattern is None or not letters:
        return None
    return min(1.0, _count(pattern, text) / letters)


def word_count(html: str) -> int:
    """Words in a page's HTML, for its reading time."""
    return len(_WORD.findall(_TAG.sub(" ", html or "")))


def _count(runs: re.Pattern, text: str) -> int:
    return sum(map(len, runs.findall(text)))


# -- one verdict for the build, `invoke status` and `invoke translated` ---------------


@dataclass(frozen=True)
class SafetyProblem:
    """Something in a translation that could send a reader the wrong way."""

    state: str  # "mismatch" (a number or address differs) or "script"
    line: int | None
    message: str
    fix: str


def safety_problems(
    translation: MarkdownPage,
    source: MarkdownPage,
    code: str,
    language_name: str,
    theirs: dict[str, int] | None = None,
) -> list[SafetyProblem]:
    """Every token that differs from the source, and a wrong script, in that order."""
    found = [
        SafetyProblem("mismatch", line, f"{token!r} {what}", TOKEN_FIX)
        for line, token, what in token_mismatches(translation, source, theirs)
    ]
    share = script_share(translation, code)
    if share is not None and share < SCRIPT_MINIMUM:
        found.append(
            SafetyProblem(
                "script",
                None,
                f"only {share:.0%} of the letters are in the script "
                f"{language_name} is written in",
                SCRIPT_FIX,
            )
        )
    return found
