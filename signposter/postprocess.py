"""What a production build adds to the pages: minified HTML, fingerprinted
assets, and precompressed .gz and .br copies of every text file.

Each step is deterministic (no timestamps, sorted walks), so two builds of the
same sources are byte for byte the same.
"""

from __future__ import annotations

import gzip
import hashlib
import io
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
