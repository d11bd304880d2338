"""Every internal link, stylesheet, script and image of a built site must resolve.

Pages are read with a real HTML parser, not a pattern: minify-html drops the
quotes around attribute values and reorders attributes, which a pattern
expecting ``href="…"`` silently skipped — so broken links passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# (tag, attribute) pairs whose value is one URL.
URL_ATTRIBUTES = {
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("track", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("form", "action"),
    ("input", "src"),
}
# Attributes holding "url descriptor, url descriptor".
SRCSET_ATTRIBUTES = {("img", "srcset"), ("source", "srcset")}
NOT_FILES = {"mailto", "tel", "sms", "data", "viber", "javascript", "sgnl"}


@dataclass(frozen=True)
class Reference:
    page: str  # relative to the site folder
    line: int
    tag: str
    url: str


class _References(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.found: list[Reference] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if (tag, name) in URL_ATTRIBUTES:
                self.found.append(Reference(self.page, line, tag, value.strip()))
            elif (tag, name) in SRCSET_ATTRIBUTES:
                for candidate in value.split(","):
                    if candidate.strip():
                        url = candidate.split()[0]
                        self.found.append(Reference(self.page, line, tag, url))

    handle_startendtag = handle_starttag


def references(folder: Path, page: Path) -> list[Reference]:
    parser = _References(page.relative_to(folder).as_posix())
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser.found


def local_file(folder: Path, page: Path, url: str, site_url: str = "") -> Path | None:
    """The file an internal URL points at, or None for another site or scheme."""
    base = urlsplit(site_url)
    parts = urlsplit(url)
    if parts.scheme in NOT_FILES:
        return None
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and parts.netloc != base.netloc:
        return None  # another site (an organisation's website)
    if not parts.path:
        return None  # #fragment or ?query on the same page
    path = unquote(parts.path)
    if base.path and path.startswith(base.path.rstrip("/") + "/"):
        path = path[len(base.path.rstrip("/")) :]
    if not path.startswith("/"):
        path = "/" + (page.parent.relative_to(folder) / path).as_posix()
    target = folder / path.lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_references(folder: Path, site_url: str = "") -> list[Reference]:
    """Each internal reference, in any page, with no file behind it."""
    broken = []
    root = folder.resolve()
    for page in sorted(folder.rglob("*.html")):
        for reference in references(folder, page):
            target = local_file(folder, page, reference.url, site_url)
            if target is None:
                continue
            if root not in target.resolve().parents or not target.is_file():
                broken.append(reference)
    return broken
