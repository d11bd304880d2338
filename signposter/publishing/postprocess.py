"""What a production build adds to the pages: minified HTML, fingerprinted
assets, and precompressed .gz and .br copies of every text file.

Each step is deterministic (no timestamps, sorted walks), so two builds of the
same sources are byte for byte the same.
"""

from __future__ import annotations

import gzip
import hashlib
import io
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import brotli
import minify_html

TEXT_SUFFIXES = {".html", ".css", ".js", ".xml", ".txt", ".json", ".svg"}
FINGERPRINTED = {".css", ".js"}


def text_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES
    )


def minify(folder: Path) -> None:
    """Minify every HTML file (inline CSS and JS are left as written)."""
    for path in sorted(folder.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        path.write_text(
            minify_html.minify(
                html,
                keep_closing_tags=True,
                keep_html_and_head_opening_tags=True,
                minify_css=False,
                minify_js=False,
            ),
            encoding="utf-8",
        )


def fingerprint(folder: Path, under: str = "theme") -> dict[str, str]:
    """Rename theme CSS and JS to name.<hash>.ext and rewrite every reference.

    Returns {old path: new path} (site-absolute, e.g. /theme/css/site.css).
    """
    renamed = {}
    for path in sorted((folder / under).rglob("*")):
        if path.is_file() and path.suffix in FINGERPRINTED:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            target = path.with_name(f"{path.stem}.{digest}{path.suffix}")
            path.rename(target)
            renamed["/" + path.relative_to(folder).as_posix()] = (
                "/" + target.relative_to(folder).as_posix()
            )
    for path in text_files(folder):
        text = path.read_text(encoding="utf-8")
        new = text
        for old, replacement in renamed.items():
            new = new.replace(f'{old}"', f'{replacement}"')
        if new != text:
            path.write_text(new, encoding="utf-8")
    return renamed


class _HeadFinder(HTMLParser):
    """Where the policy goes: after <meta charset> if it leads <head>, else
    straight after <head> — before any script either way."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.insert_at: tuple[int, int] | None = None  # (line, column) to insert at
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        if self.insert_at and not self._in_head:
            return
        end = self.getpos()[0], self.getpos()[1] + len(self.get_starttag_text())
        if tag == "head" and self.insert_at is None:
            self.insert_at, self._in_head = end, True
        elif self._in_head:
            if tag == "meta" and "charset" in dict(attrs):
                self.insert_at = end
            self._in_head = False


def _index(text: str, line: int, column: int) -> int:
    """The offset of HTMLParser's (line, column), which counts only "\\n"."""
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column


def add_policy_meta(folder: Path, policy: str) -> list[str]:
    """Put the Content-Security-Policy in every page's <head>, for hosts that
    ignore header files; return the pages that have no <head> to put it in."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">'
    missing = []
    for path in sorted(folder.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        finder = _HeadFinder()
        finder.feed(html)
        finder.close()
        if finder.insert_at is None:
            missing.append(path.relative_to(folder).as_posix())
            continue
        at = _index(html, *finder.insert_at)
        path.write_text(html[:at] + tag + html[at:], encoding="utf-8")
    return missing


def compress(folder: Path) -> None:
    """Write name.gz and name.br beside every text file."""
    for path in text_files(folder):
        data = path.read_bytes()
        buffer = io.BytesIO()
        with gzip.GzipFile(
            filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0
        ) as archive:
            archive.write(data)
        path.with_name(path.name + ".gz").write_bytes(buffer.getvalue())
        path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))
