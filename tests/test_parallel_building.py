"""Converting and writing on every core must not change a single byte of output,
nor let a page past the contact check."""

from __future__ import annotations

import gc
import logging
import multiprocessing
import re
import sys

import pytest
from pelican import signals
from sites import REPO, build_fixture, tree_digest, write_site

import signposter.build.parallel_writing as parallel_writing
import signposter.build.reader as markdown_reader

sys.path.insert(0, str(REPO / "benchmarks"))

from synthetic import write_pages  # noqa: E402


def test_parallel_conversion_and_writing_give_the_same_site(
    tmp_path, monkeypatch, caplog
):
    languages = ["en", "uk", "ar", "bn"]
    write_pages(tmp_path, languages, 60, word_count=80)  # 240 pages: parallel
    overrides = {"SIGNPOSTER_TRANSLATIONS_DIR": str(REPO / "translations")}
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(markdown_reader, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel_writing, "PARALLEL_FROM", 1)
    caplog.set_level(logging.INFO, logger="signposter.build")
    assert build_fixture(tmp_path, languages, **overrides) == 0
    parallel = tree_digest(tmp_path / "output")
    # The parallel paths really ran: every page came from the worker processes,
    # and every file but the first was written on every core, a share of them
    # by the worker processes.
    assert "240 pages were converted on every core" in caplog.text
    written = re.search(
        r"(\d+) files were written on every core, (\d+) of them by worker",
        caplog.text,
    )
    assert written and int(written.group(1)) > 240
    assert int(written.group(2)) > 0
    caplog.clear()
    monkeypatch.setattr(markdown_reader, "PARALLEL_FROM", 10**9)
    monkeypatch.setattr(parallel_writing, "PARALLEL_FROM", 10**9)
    assert build_fixture(tmp_path, languages, **overrides) == 0
    assert "on every core" not in caplog.text
    assert tree_digest(tmp_path / "output") == parallel


def test_pages_written_in_parallel_are_still_contact_checked(
    tmp_path, monkeypatch, capsys
):
    write_pages(tmp_path, ["en", "uk"], 5, word_count=20)
    overrides = {"SIGNPOSTER_TRANSLATIONS_DIR": str(REPO / "translations")}
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(parallel_writing, "PARALLEL_FROM", 1)
    assert build_fixture(tmp_path, ["en", "uk"], **overrides) == 0
    before = tree_digest(tmp_path / "output")
    page = "content/pages/en/call.md"
    link = "[112](tel:+48221234567)"
    uk = f"---\ntitle: Дзвінок\n---\n\nДзвоніть {link}.\n"
    write_site(
        tmp_path,
        {
            page: f"---\ntitle: Call\n---\n\nCall {link}.\n",
            "content/pages/uk/call.md": uk,
        },
    )
    assert (
        build_fixture(tmp_path, ["en", "uk"], SIGNPOSTER_STRICT=True, **overrides) == 1
    )
    err = capsys.readouterr().err
    assert f'{page}:5: link: on en/call/index.html, the link "112"' in err
    assert "shows 112 but dials +48221234567" in err
    assert tree_digest(tmp_path / "output") == before


def test_what_a_worker_logs_still_decides_a_strict_build(tmp_path, monkeypatch, capsys):
    write_pages(tmp_path, ["en", "uk"], 3, word_count=20)
    link = "See [this]({filename}/pages/en/missing.md).\n"
    write_site(
        tmp_path, {"content/pages/en/page-0.md": f"---\ntitle: Zero\n---\n\n{link}"}
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(parallel_writing, "PARALLEL_FROM", 1)
    overrides = {"SIGNPOSTER_TRANSLATIONS_DIR": str(REPO / "translations")}
    assert (
        build_fixture(tmp_path, ["en", "uk"], SIGNPOSTER_STRICT=True, **overrides) == 1
    )
    assert "Unable to find '/pages/en/missing.md'" in capsys.readouterr().err
    assert not (tmp_path / "output").exists()


def test_a_build_that_fails_while_pages_convert_leaves_no_worker(tmp_path, monkeypatch):
    # The preview builds again and again in one process: a failed build must
    # not leave conversion workers running, nor the build's objects frozen.
    write_pages(tmp_path, ["en", "uk"], 5, word_count=20)
    write_site(
        tmp_path,
        {
            "plugins/failing.py": """
            from pelican import signals

            class Failing:
                def __init__(self, *args, **kwargs):
                    raise RuntimeError("a plugin's generator failed")

            def failing(pelican):
                return Failing

            def register():
                signals.get_generators.connect(failing)
            """
        },
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path / "plugins"))
    monkeypatch.setattr(markdown_reader, "PARALLEL_FROM", 1)
    overrides = {
        "SIGNPOSTER_TRANSLATIONS_DIR": str(REPO / "translations"),
        "PLUGINS": ["signposter", "failing"],
    }
    try:
        with pytest.raises(RuntimeError, match="a plugin's generator failed"):
            build_fixture(tmp_path, ["en", "uk"], **overrides)
    finally:
        module = sys.modules.pop("failing", None)
        if module is not None:
            signals.get_generators.disconnect(module.failing)
    assert multiprocessing.active_children() == []
    assert gc.get_freeze_count() == 0
