"""Build real sites into temporary folders and read what they wrote."""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

from signposter.cli import build, load_settings

REPO = Path(__file__).resolve().parent.parent


def build_demo(output: Path, **overrides) -> int:
    """Build the repository's demo site into ``output``; return the exit code."""
    settings = load_settings(str(REPO / "pelicanconf.py"), str(output), **overrides)
    return build(settings)


def write_site(root: Path, files: dict[str, str]) -> Path:
    """Write a small site's sources (paths relative to ``root``)."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


def build_fixture(root: Path, languages=("en", "uk"), **overrides) -> int:
    """Build the site in ``root`` with the repository's theme and plugin."""
    overrides.setdefault("SIGNPOSTER_LANGUAGES", list(languages))
    overrides.setdefault("PATH", str(root / "content"))
    overrides.setdefault("SIGNPOSTER_TRANSLATIONS_DIR", str(root / "translations"))
    settings = load_settings(
        str(REPO / "pelicanconf.py"), str(root / "output"), **overrides
    )
    return build(settings)


def tree_digest(folder: Path) -> str:
    """A digest of every file's path and bytes, to prove a folder is untouched."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class Page(HTMLParser):
    """The tags of one HTML file, with their attributes and the text inside."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.tags: list[tuple[str, dict]] = []
        self.text_parts: list[str] = []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())

    def find_all(self, tag, **attrs) -> list[dict]:
        return [
            a
            for t, a in self.tags
            if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def first(self, tag, **attrs) -> dict:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}> in {self.path}"
        return found[0]


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def run_cli(cwd: Path, *args, stdin: str = "") -> subprocess.CompletedProcess:
    """Run the ``signposter`` command in this process, as a user would type it.

    Faster than a subprocess (no interpreter start, no re-import of Pelican)
    and it fails the same way: the exit code, stdout and stderr (log lines
    included) come back as from ``subprocess.run``.
    """
    from signposter.cli import main

    out, err = io.StringIO(), io.StringIO()
    handler = logging.StreamHandler(err)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    here = os.getcwd()
    stdin_before = sys.stdin
    try:
        os.chdir(cwd)
        sys.stdin = io.StringIO(stdin)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        os.chdir(here)
        sys.stdin = stdin_before
        root.removeHandler(handler)
        root.setLevel(previous_level)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())
