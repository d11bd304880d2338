"""Contact links written in Markdown pages, marked so the counting script counts them.

The theme's directory links carry ``data-org``, ``data-channel`` and
``data-lang``; a translator's ``[call us](tel:+48…)`` would otherwise be tapped
and never counted. Marked links also carry ``data-from="page"`` so the contact
check still holds them to showing the number they dial.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

# A link in page text to a number or address that is not the directory's.
IN_PAGE = "in-page"
CHANNELS = (
    ("tel:", "phone"),
    ("mailto:", "email"),
    ("sms:", "sms"),
    ("https://wa.me/", "whatsapp"),
    ("https://t.me/", "telegram"),
    ("viber:", "viber"),
    ("https://signal.me/", "signal"),
)
_OPENING_A = re.compile(r"<a\s[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def channel_of(href: str) -> str:
    """The counting channel of a contact address, or "" for any other link."""
    lowered = href.strip().lower()
    return next((name for prefix, name in CHANNELS if lowered.startswith(prefix)), "")


def mark_contact_links(page_html: str, lang: str, owners: dict[str, str]) -> str:
    """Add the counting attributes to every unmarked contact link in ``page_html``.

    ``owners`` maps a contact address (as in the directory's links) to the
    organisation that owns it; other addresses are counted as ``in-page``.
    """

    def mark(match: re.Match) -> str:
        tag = match.group(0)
        href = _HREF.search(tag)
        if "data-org" in tag.lower() or not href:
            return tag
        url = html.unescape(href.group(1) or href.group(2) or "").strip()
        channel = channel_of(url)
        if not channel:
            return tag
        owner = owners.get(unquote(url), IN_PAGE)
        extra = (
            f' data-org="{html.escape(owner)}" data-channel="{channel}" '
            f'data-lang="{html.escape(lang)}" data-from="page"'
        )
        return tag[:-1].rstrip("/").rstrip() + extra + ">"

    return _OPENING_A.sub(mark, page_html)


def contact_owners(directory_links: dict[str, set[str]]) -> dict[str, str]:
    """One owner per address (the first by name when two share it)."""
    owners = {href: sorted(names)[0] for href, names in directory_links.items()}
    owners.setdefault("tel:112", "emergency")  # the EU's number, in every footer
    return owners
