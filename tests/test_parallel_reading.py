"""Converting Markdown on every core must not change a single byte of output."""

from __future__ import annotations

import logging
import sys

from sites import REPO, build_fixture, tree_digest

import signposter.build.reader as markdown_reader

sys.path.insert(0, str(REPO / "benchmarks"))

from synthetic import write_pages  # noqa: E402


def test_parallel_conversion_gives_the_same_site(tmp_path, monkeypatch, caplog):
    languages = ["en", "uk", "ar", "bn"]
    write_pages(tmp_path, languages, 60, word_count=80)  # 240 pages: parallel
    overrides = {"SIGNPOSTER_TRANSLATIONS_DIR": str(REPO / "translations")}
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(markdown_reader, "PARALLEL_FROM", 1)
    caplog.set_level(logging.INFO, logger="signposter.build.reader")
    assert build_fixture(tmp_path, languages, **overrides) == 0
    parallel = tree_digest(tmp_path / "output")
    # The parallel path really ran: every page came from the worker processes.
    assert "240 pages were converted on every core" in caplog.text
    caplog.clear()
    monkeypatch.setattr(markdown_reader, "PARALLEL_FROM", 10**9)
    assert build_fixture(tmp_path, languages, **overrides) == 0
    assert "converted on every core" not in caplog.text
    assert tree_digest(tmp_path / "output") == parallel
