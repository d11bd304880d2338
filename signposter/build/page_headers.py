"""Only the headers a site allows may appear at the top of a page.

Pelican turns every header into an attribute of the page, and some of them
decide where and how it is written: ``Save_as: uk/help/pl/index.html`` would
put a page in place of a country's list of organisations, ``Status: hidden``
or ``Template: …`` change how it is shown. So a header is accepted only when
SIGNPOSTER_PAGE_HEADERS names it, and, where it lists values, only with one of
them.
"""

from __future__ import annotations

from signposter.translation import front_matter


def header_lines(text: str) -> dict[str, tuple[str, int]]:
    """Each header's name as written and its 1-based line, keyed in lower case."""
    headers = front_matter.parse(text).headers
    return {key: (header.written, header.line) for key, header in headers.items()}


def check_headers(meta: dict, text: str, allowed: dict) -> tuple[dict, list]:
    """Return ``meta`` less refused headers, and (line, field, message, fix) for each.

    ``meta``: lower-case keys, each with its text or list of texts.
    """
    lines = header_lines(text)
    kept, refused = {}, []
    names = ", ".join(_title(k) for k in allowed)
    for key, value in meta.items():
        written, line = lines.get(key, (_title(key), None))
        values = allowed.get(key, ())
        if key not in allowed:
            refused.append(
                (
                    line,
                    written,
                    "this header is not allowed in pages: it could move the page "
                    "or change how it is written",
                    f"delete the line (pages may use: {names})",
                )
            )
            continue
        text_value = ", ".join(value) if isinstance(value, list) else value.strip()
        if values is not None and text_value not in values:
            choices = " or ".join(f"`{written}: {v}`" for v in values)
            refused.append(
                (
                    line,
                    written,
                    f"{text_value!r} is not allowed here",
                    f"write {choices}, or delete the line",
                )
            )
            continue
        kept[key] = value
    return kept, refused


def _title(key: str) -> str:
    return key[:1].upper() + key[1:]
