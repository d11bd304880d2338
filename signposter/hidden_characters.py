"""Refuse invisible and direction-changing characters in the files people edit.

A right-to-left override can make "011" show as "110"; a zero-width space
splits a phone number or an address where no one can see it. Such characters
come in through copy and paste, or on purpose, and a reader cannot tell.

Zero-width (non-)joiners are the exception: Persian, Bengali, Hindi and other
scripts need them between letters to spell words correctly, so they are
accepted there, and only there: never inside a number, email or address.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from signposter.problems import Problems

_JOINERS = {"\u200c", "\u200d"}
_SOFT_HYPHEN = "\u00ad"
_BOM = "\ufeff"
# Letters with no visible shape; the Cf (format) category covers the rest.
_INVISIBLE_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0"}
# Scripts whose spelling uses joiners, named as in Unicode character names.
_JOINING_SCRIPTS = (
    "ARABIC",
    "SYRIAC",
    "NKO",
    "DEVANAGARI",
    "BENGALI",
    "GURMUKHI",
    "GUJARATI",
    "ORIYA",
    "TAMIL",
    "TELUGU",
    "KANNADA",
    "MALAYALAM",
    "SINHALA",
    "MYANMAR",
    "KHMER",
    "MONGOLIAN",
)
# Characters around which a joiner is part of a number, email or address.
_TOKEN_PUNCTUATION = set("@.:/+-_~%#?=&()")
# A cheap first pass: most files have none of these characters at all.
_CANDIDATE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
    "\u0600-\u0605\u06dd\u070f\u08e2\u115f\u1160\u3164\uffa0\U000110bd\U000110cd"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001-\U000e007f]"
)


def hidden_characters(text: str):
    """Yield (line, column, character, why) for each refused character in ``text``.

    Line and column count from 1. ``why`` is "hidden" for a character that
    never belongs in a source; for a joiner or soft hyphen, "token" inside a
    number, email or address, else "misplaced".
    """
    if not _CANDIDATE.search(text):
        return
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _CANDIDATE.finditer(line):
            char, column = match.group(), match.start()
            if number == 1 and column == 0 and char == _BOM:
                continue
            if not (unicodedata.category(char) == "Cf" or char in _INVISIBLE_LETTERS):
                continue
            before = line[column - 1] if column else ""
            after = line[column + 1] if column + 1 < len(line) else ""
            if char in _JOINERS and _joins_letters(char, before, after):
                continue
            if char == _SOFT_HYPHEN and _is_letter(before) and _is_letter(after):
                continue
            yield number, column + 1, char, _why(char, before, after)


def _why(char: str, before: str, after: str) -> str:
    if char not in _JOINERS and char != _SOFT_HYPHEN:
        return "hidden"
    if any(c.isdigit() or c in _TOKEN_PUNCTUATION for c in before + after):
        return "token"
    return "misplaced"


def _is_letter(char: str) -> bool:
    return bool(char) and unicodedata.category(char)[0] in "LM"


def _in_joining_script(char: str) -> bool:
    return _is_letter(char) and unicodedata.name(char, "").startswith(_JOINING_SCRIPTS)


def _joins_letters(char: str, before: str, after: str) -> bool:
    """A joiner between letters of a script that spells with it (or an emoji ZWJ)."""
    if _in_joining_script(before) and _in_joining_script(after):
        return True
    emoji_before = before and (
        unicodedata.category(before) == "So" or before == "\ufe0f"
    )
    return (
        char == "\u200d" and bool(emoji_before) and unicodedata.category(after) == "So"
    )


def describe(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE'."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}"


def check_file(path: Path, problems: Problems) -> None:
    """Add one error per refused character (per line) in the file at ``path``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return  # the file's own reader reports what is wrong with it
    for line, message, fix in problems_in(text):
        problems.add(path, line, "hidden character", message, fix)


def problems_in(text: str) -> list[tuple[int, str, str]]:
    """(line, message, fix) for each refused character (once per line) in ``text``."""
    found = []
    seen = set()
    for line, column, char, why in hidden_characters(text):
        if (line, char) in seen:
            continue
        seen.add((line, char))
        if why == "token":
            found.append(
                (
                    line,
                    f"{describe(char)} (column {column}) is inside a number, email or "
                    "web address, where it hides what is really dialled or opened",
                    "delete it: it belongs only between letters of scripts such as "
                    "Persian, Bengali or Hindi",
                )
            )
        elif why == "misplaced":
            found.append(
                (
                    line,
                    f"{describe(char)} (column {column}) is invisible and joins "
                    "nothing here",
                    "delete it: it belongs only between letters of scripts such as "
                    "Persian, Bengali or Hindi",
                )
            )
        else:
            found.append(
                (
                    line,
                    f"{describe(char)} (column {column}) is invisible and can change "
                    "how the text or a number around it reads",
                    "delete it (retype the line if you cannot see where it is)",
                )
            )
    return found


def data_files(settings) -> list[Path]:
    """content/organisations/*.yaml and content/countries.yaml."""
    content = Path(settings["PATH"])
    return [
        *sorted((content / "organisations").glob("*.y*ml")),
        content / "countries.yaml",
    ]


def source_files(settings, translations_dir: Path, read_pages=False) -> list[Path]:
    """Every file people edit: data files, pages and theme catalogs.

    ``read_pages``: leave out the .md pages, which the build's reader checks
    as it reads them (build/reader.py).
    """
    content = Path(settings["PATH"])
    suffixes = {".markdown", ".mkd", ".mdown"} | (set() if read_pages else {".md"})
    pages = [
        path
        for folder in settings.get("PAGE_PATHS", ["pages"])
        for path in sorted((content / folder).rglob("*"))
        if path.is_file() and path.suffix in suffixes
    ]
    catalogs = sorted(Path(translations_dir).glob("*/LC_MESSAGES/*.po"))
    return [*data_files(settings), *pages, *catalogs]


def check_files(paths, problems: Problems) -> None:
    for path in paths:
        if Path(path).is_file():
            check_file(path, problems)
