"""The theme catalogs: what the code asks for is what translators were given."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po
from sites import REPO

LANGUAGES = ["en", "uk", "ru", "ar", "fa", "bn", "hi", "be", "fr"]


def _ids(path) -> dict:
    with open(path, "rb") as handle:
        return {(m.context, m.id): m for m in read_po(handle) if m.id}


def test_i18n_extract_changes_nothing_in_the_committed_template(tmp_path):
    # The task's own command (as `invoke --dry` prints it), written elsewhere.
    dry = subprocess.run(
        [sys.executable, "-m", "invoke", "--dry", "i18n-extract"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    command = shlex.split(dry.stdout.replace("\x1b[1;37m", "").replace("\x1b[0m", ""))
    command[command.index("-o") + 1] = str(tmp_path / "messages.pot")
    subprocess.run(command, cwd=REPO, capture_output=True, check=True)
    extracted = (tmp_path / "messages.pot").read_text(encoding="utf-8")
    assert extracted == (REPO / "translations/messages.pot").read_text("utf-8"), (
        "run `.venv/bin/invoke i18n-extract` and `.venv/bin/invoke i18n-update`, "
        "then translate the new strings in every catalog"
    )


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_catalog_has_every_string_translated(code):
    template = _ids(REPO / "translations/messages.pot")
    catalog = _ids(REPO / f"translations/{code}/LC_MESSAGES/messages.po")
    assert sorted(set(template) - set(catalog)) == []
    if code == "en":  # the source language: an empty string shows the msgid
        return
    for key, message in catalog.items():
        strings = (
            message.string if isinstance(message.string, tuple) else [message.string]
        )
        assert all(strings) and not message.fuzzy, (code, key)
    notice = next(m for k, m in catalog.items() if "was updated on" in str(k[1]))
    assert "%(language)s" in notice.string and "%(date)s" in notice.string


def test_status_counts_a_string_the_catalog_lacks_as_untranslated(tmp_path):
    shutil.copytree(REPO / "translations", tmp_path / "translations")
    (tmp_path / "content/pages/en").mkdir(parents=True)
    (tmp_path / "content/pages/en/index.md").write_text("Title: Home\n\nText.\n")
    (tmp_path / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(tmp_path / 'content')!r}\n"
        f"SIGNPOSTER_TRANSLATIONS_DIR = {str(tmp_path / 'translations')!r}\n"
    )
    po = tmp_path / "translations/uk/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    # Remove the outdated-translation notice, as a catalog made before it was.
    start = text.index('msgid "The original of this page (%(language)s) has')
    end = text.index("\n\n", start)
    po.write_text(text[:start] + text[end + 2 :], encoding="utf-8")

    def uk_counts():
        result = subprocess.run(
            [sys.executable, "-m", "signposter.cli", "status", "--format", "json"]
            + ["--html", "", "-s", str(tmp_path / "conf.py")],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        data = json.loads(result.stdout)
        return next(c for c in data["catalogs"] if c["lang"] == "uk")

    counts = uk_counts()
    assert counts["untranslated"] == 1
    assert counts["translated"] == len(_ids(REPO / "translations/messages.pot")) - 1
