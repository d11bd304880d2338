"""Every internal link, stylesheet and script of a built site must resolve."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

_REFERENCE = re.compile(r'<(?:a|link|script)\b[^>]*?\b(?:href|src)="([^"]+)"')


def broken_links(folder: Path, site_url: str = "") -> list[str]:
    """``page -> url`` for each internal reference with no file behind it."""
    base = urlsplit(site_url)
    broken = []
    for page in sorted(folder.rglob("*.html")):
        for url in _REFERENCE.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(url)
            if parts.scheme in ("mailto", "tel", "data", "viber", "javascript"):
                continue
            if parts.netloc and parts.netloc != base.netloc:
                continue  # another site (an organisation's website)
            if not parts.path:
                continue  # #fragment
            path = unquote(parts.path)
            if base.path and path.startswith(base.path):
                path = path[len(base.path) :]
            if not path.startswith("/"):
                path = "/" + (page.parent.relative_to(folder) / path).as_posix()
            target = folder / path.lstrip("/")
            if target.is_dir() or path.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(folder)} -> {url}")
    return broken
