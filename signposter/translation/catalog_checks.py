"""What a translation in a .po catalog may and may not change.

The theme's autoescaping treats gettext results as safe HTML (Jinja2's i18n
extension wraps them in Markup), so a msgstr is written into every page as it
is. A translation may change the words; it may not add markup or links, drop a
placeholder (the footer's ``%(number)s`` is the tappable 112), or change a
number a reader dials. Babel's own reader forgives an unclosed quote and a
missing plural form, so the file's lines are checked here first.
"""

from __future__ import annotations

import re
import unicodedata

from babel.messages.catalog import Catalog, Message

from signposter.problems import Problems

_STRING = r'"(?:[^"\\]|\\.)*"'
_KEYWORD_LINE = re.compile(
    rf"^(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{_STRING}\s*$"
)
_KEYWORD = re.compile(r"^(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s")
_CONTINUATION = re.compile(rf"^{_STRING}\s*$")
_PLACEHOLDER = re.compile(
    r"%\(\w+\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[sd]|\{\w*\}"
)
# What a browser would turn into an element, a character or a link.
_MARKUP = re.compile(
    r"<\s*/?\s*[A-Za-z!?][^>]*>?"
    r"|&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z]\w*);"
    r"|\b(?:https?|tel|sms|mailto|javascript|vbscript|data|file|ftp|callto|skype"
    r"|viber|whatsapp|tg|signal|intent):"
    r"|\bwww\.",
    re.IGNORECASE,
)
# Digits with single spaces, dots or hyphens between them are one number:
# "9 9 7" must not slip past as three one-digit numbers.
_NUMBER = re.compile(r"\d(?:[ \u00a0.\-]?\d)+")
_FIX_WORDS = (
    "translate the words only; the page puts links, numbers and formatting in by itself"
)


def check_lines(path, text: str, problems: Problems) -> bool:
    """Report lines whose quoted text is not closed; return True if all are."""
    good = True
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _KEYWORD.match(stripped) and not _KEYWORD_LINE.match(stripped):
            good = _unclosed(path, number, problems)
        elif stripped.startswith('"') and not _CONTINUATION.match(stripped):
            good = _unclosed(path, number, problems)
    return good


def _unclosed(path, number, problems) -> bool:
    problems.add(
        path,
        number,
        "catalog",
        "the quoted text on this line is not closed",
        'end the line with " (write \\" for a quote inside the text)',
    )
    return False


def check_catalog(path, catalog: Catalog, text: str, problems: Problems) -> None:
    """Report every translation that adds markup, drops a placeholder or a number."""
    lines = text.splitlines()
    for message in catalog:
        if not message.id or message.fuzzy:
            continue  # the header, and entries the build does not use
        _check_plural_forms(path, catalog, message, lines, problems)
        for error in _babel_errors(catalog, message):
            problems.add(
                path,
                _msgstr_line(lines, message),
                "msgstr",
                f"{error} (msgid {_short(message)!r})",
                "keep every %(name)s of the English text, spelled exactly the same",
            )
        originals = message.id if message.pluralizable else (message.id,)
        strings = message.string if message.pluralizable else (message.string,)
        for index, translated in enumerate(strings):
            if translated:
                line = _msgstr_line(
                    lines, message, index if message.pluralizable else None
                )
                _compare(
                    path,
                    line,
                    originals[-1] if index else originals[0],
                    translated,
                    problems,
                )


def _babel_errors(catalog: Catalog, message: Message) -> list[str]:
    # Babel's python_format checker catches an unknown or mistyped placeholder;
    # plural-form counts are checked above against the text itself.
    return [str(error) for error in message.check(catalog)]


def _check_plural_forms(path, catalog, message, lines, problems) -> None:
    if not message.pluralizable:
        return
    filled = [bool(s) for s in message.string]
    if any(filled) and not all(filled):
        missing = ", ".join(f"msgstr[{i}]" for i, ok in enumerate(filled) if not ok)
        problems.add(
            path,
            _msgstr_line(lines, message),
            "msgstr",
            f"{missing} is missing: this language needs {catalog.num_plurals} plural "
            f"forms (msgid {_short(message)!r})",
            f"write all {catalog.num_plurals} forms, msgstr[0] to "
            f"msgstr[{catalog.num_plurals - 1}]",
        )


def _compare(path, line, original: str, translated: str, problems) -> None:
    added = sorted(set(_markup(translated)) - set(_markup(original)))
    if added:
        problems.add(
            path,
            line,
            "msgstr",
            f"adds markup or a link that the English text does not have: "
            f"{', '.join(map(repr, added))}",
            _FIX_WORDS,
        )
    present = _placeholders(translated)
    dropped = [p for p in dict.fromkeys(_placeholders(original)) if p not in present]
    if dropped:
        problems.add(
            path,
            line,
            "msgstr",
            f"drops {', '.join(dropped)}, which the page fills in "
            f"(in {_short_text(original)!r})",
            f"keep {', '.join(dropped)} exactly as written in the English text",
        )
    extra = sorted(
        p
        for p in set(_placeholders(translated)) - set(_placeholders(original))
        if p.startswith("{")
    )
    if extra:
        problems.add(
            path,
            line,
            "msgstr",
            f"has {', '.join(extra)}, which the English text does not have",
            "remove it; only the placeholders of the English text are filled in",
        )
    before, after = _numbers(original), _numbers(translated)
    if before - after or after - before:
        changes = []
        if before - after:
            changes.append("leaves out " + ", ".join(sorted(before - after)))
        if after - before:
            changes.append("adds " + ", ".join(sorted(after - before)))
        problems.add(
            path,
            line,
            "msgstr",
            f"{' and '.join(changes)}: numbers must stay as in the English text "
            f"({_short_text(original)!r})",
            "write the same number (in any digits: 112, ١١٢ and ۱۱۲ are all fine)",
        )


def _placeholders(text: str) -> list[str]:
    """The placeholders Python fills in: "%%(number)s" is the text "%(number)s"."""
    return _PLACEHOLDER.findall(text.replace("%%", ""))


def _markup(text: str) -> list[str]:
    return [m.group(0).lower() for m in _MARKUP.finditer(text)]


def _numbers(text: str) -> set[str]:
    """112, ١١٢ and ۱۱۲ are the same number: compare them as ASCII digits."""
    return {
        "".join(str(unicodedata.digit(ch)) for ch in match if ch.isdigit())
        for match in _NUMBER.findall(text)
    }


def _msgstr_line(lines: list[str], message: Message, index: int | None = None) -> int:
    """The 1-based line of the message's msgstr (or msgstr[index])."""
    start = (message.lineno or 1) - 1
    wanted = "msgstr" if index is None else f"msgstr[{index}]"
    first = None
    for number in range(start, len(lines)):
        stripped = lines[number].lstrip()
        if number > start and stripped.startswith(("msgid ", "msgctxt ")):
            break
        if stripped.startswith("msgstr"):
            first = first or number + 1
            if stripped.startswith(wanted):
                return number + 1
    return first or start + 1


def _short(message: Message) -> str:
    text = message.id[0] if message.pluralizable else message.id
    return _short_text(text)


def _short_text(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."
