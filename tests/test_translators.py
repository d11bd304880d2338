"""What translators rely on: status, outdated detection, checks, PO round trip."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sites import REPO, Page, build_fixture, run_cli, write_site

from signposter.build import linking

SOURCE = """
Title: Stay safe
Summary: Advice.
Reviewed: 2026-11-20

## Call for help

- Call **112** in an emergency.
- Under 18? Message the helpline: https://wa.me/%2B48221234567.
- Write to help@example.org.
"""
UK = """
Title: Будьте в безпеці
Summary: Поради.
Reviewed: 2026-11-20

## Кличте допомогу

- Телефонуйте **112** у надзвичайній ситуації.
- Вам менше 18? Напишіть на лінію допомоги: https://wa.me/+48221234567.
- Пишіть на help@example.org.
"""


def signposter(site: Path, *args):
    return run_cli(site, *args, "-s", site / "conf.py")


@pytest.fixture
def site(tmp_path):
    write_site(
        tmp_path,
        {
            "content/pages/en/advice.md": SOURCE,
            "content/pages/uk/advice.md": UK,
            "content/pages/en/go.md": "Title: Go\nTemplate: campaign\nPhase: 1\n"
            "Countries: PL\nLanguages: en, uk, ru\n\nText.\n",
            "conf.py": f"""
            import sys
            sys.path.insert(0, {str(REPO)!r})
            from pelicanconf import *
            THEME = {str(REPO / "themes/signposter")!r}
            SIGNPOSTER_LANGUAGES = ["en", "uk", "ru"]
            SIGNPOSTER_TRANSLATIONS_DIR = {str(REPO / "translations")!r}
            """,
        },
    )
    assert signposter(tmp_path, "translated", "advice", "uk").returncode == 0
    return tmp_path


def statuses(site, *args) -> dict:
    result = signposter(site, "status", "--format", "json", *args)
    data = json.loads(result.stdout)
    return {(p["key"], p["lang"]): p["status"] for p in data["pages"]}, result


def test_status_lists_every_page_and_language(site):
    found, result = statuses(site)
    assert found == {
        ("advice", "en"): "source",
        ("advice", "uk"): "ok",
        ("advice", "ru"): "missing",
        ("go", "en"): "source",
        ("go", "uk"): "missing",
        ("go", "ru"): "missing",
    }
    assert result.returncode == 0
    assert signposter(site, "status", "--strict").returncode == 1
    only_uk, _ = statuses(site, "--lang", "uk")
    assert set(only_uk) == {("advice", "uk"), ("go", "uk")}


def test_editing_the_source_makes_translations_outdated_until_stamped(site):
    source = site / "content/pages/en/advice.md"
    source.write_text(source.read_text() + "\nA new sentence.\n")
    found, _ = statuses(site)
    assert found[("advice", "uk")] == "outdated"
    # Metadata such as the review date is not the text: it changes nothing.
    assert signposter(site, "translated", "advice", "uk").returncode == 0
    found, _ = statuses(site)
    assert found[("advice", "uk")] == "ok"


def _second_read(path):
    raise AssertionError(f"{path} was read a second time")


def test_readers_of_an_outdated_translation_are_told(site, monkeypatch):
    monkeypatch.chdir(site)
    source = site / "content/pages/en/advice.md"
    source.write_text(source.read_text() + "\nA new sentence.\n")
    overrides = {"SIGNPOSTER_TRANSLATIONS_DIR": str(REPO / "translations")}
    # Each page is parsed once: the checks read what the build's reader parsed.
    monkeypatch.setattr(linking, "read_page", _second_read)
    assert build_fixture(site, languages=["en", "uk", "ru"], **overrides) == 0
    html = (site / "output/uk/advice/index.html").read_text(encoding="utf-8")
    notes = re.findall(r'<p class="notice" role="note">(.*?)</p>', html, re.S)
    assert len(notes) == 1, "the outdated notice is missing"
    note = " ".join(re.sub(r"<[^>]+>", " ", notes[0]).split())
    # The sentence from the Ukrainian catalog, with the English update date in
    # Ukrainian, and a link to the original inside the notice itself.
    assert "Оригінал цієї сторінки (англійська) оновлено 20 листопада 2026 р." in note
    assert 'hreflang="en"' in notes[0] and 'href="/en/advice/"' in notes[0]
    assert "may not include" not in Page(site / "output/en/advice/index.html").text


def test_dashboard_is_written_outside_the_site_with_links(site):
    signposter(site, "status", "--html", str(site / "status/index.html"))
    html = (site / "status/index.html").read_text()
    assert '<a href="../content/pages/uk/advice.md">ok</a>' in html
    assert "messages.po" in html
    assert not (site / "output/status").exists()


@pytest.mark.parametrize(
    "mistake, expected",
    [
        (
            "- Телефонуйте **113** у надзвичайній ситуації.",
            "'113' is not in the source page",
        ),
        (
            "- Пишіть на help@exarnple.org.",
            "'help@exarnple.org' is not in the source page",
        ),
        (  # two digits are a number a reader acts on too
            "- Вам менше 19? Напишіть на лінію допомоги: https://wa.me/+48221234567.",
            "'19' is not in the source page",
        ),
        (
            "- Вам менше 18? Напишіть на лінію допомоги: https://wa.me/+48221234576.",
            "'https://wa.me/+48221234576' is not in the source page",
        ),
    ],
)
def test_mistyped_safety_tokens_warn_and_fail_strict_builds(
    site, monkeypatch, capsys, mistake, expected
):
    monkeypatch.chdir(site)
    page = site / "content/pages/uk/advice.md"
    lines = page.read_text().split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(mistake[:12]))
    lines[index] = mistake
    page.write_text("\n".join(lines))
    overrides = {"SIGNPOSTER_TRANSLATIONS_DIR": str(REPO / "translations")}
    assert build_fixture(site, languages=["en", "uk", "ru"], **overrides) == 0
    assert (
        build_fixture(
            site, languages=["en", "uk", "ru"], SIGNPOSTER_STRICT=True, **overrides
        )
        == 1
    )
    err = capsys.readouterr().err
    assert f"content/pages/uk/advice.md:{index + 1}: safety tokens: {expected}" in err


def test_wrong_script_is_a_warning(site, monkeypatch, capsys):
    monkeypatch.chdir(site)
    write_site(site, {"content/pages/ru/advice.md": SOURCE.replace("Stay", "Stay ")})
    overrides = {"SIGNPOSTER_TRANSLATIONS_DIR": str(REPO / "translations")}
    assert (
        build_fixture(
            site, languages=["en", "uk", "ru"], SIGNPOSTER_STRICT=True, **overrides
        )
        == 1
    )
    assert (
        "content/pages/ru/advice.md: script: only 0% of the letters are in the "
        "script Russian is written in"
    ) in capsys.readouterr().err


def test_page_po_round_trip_keeps_structure_and_metadata(site):
    original = (site / "content/pages/uk/advice.md").read_text()
    assert signposter(site, "page-export", "advice", "uk").returncode == 0
    po = site / "translations/pages/uk/advice.po"
    text = po.read_text()
    assert 'msgid "Call for help"' in text and 'msgstr "Кличте допомогу"' in text
    assert "##" not in text  # Markdown stays out of the strings
    (site / "content/pages/uk/advice.md").unlink()
    assert signposter(site, "page-import", "advice", "uk").returncode == 0
    assert (site / "content/pages/uk/advice.md").read_text() == original


def test_page_po_import_refuses_untranslated_entries(site):
    assert signposter(site, "page-export", "advice", "ru").returncode == 0
    result = signposter(site, "page-import", "advice", "ru")
    assert result.returncode == 1
    assert "title is not translated yet (and 5 more); nothing was written" in (
        result.stderr
    )
    assert not (site / "content/pages/ru/advice.md").exists()


def test_every_demo_translation_round_trips_through_po(tmp_path):
    from signposter.translation.page_exchange import export_page, import_page

    for page in sorted((REPO / "content/pages").glob("*/*.md")):
        if page.parent.name == "en":
            continue
        source = REPO / "content/pages/en" / page.name
        rebuilt = import_page(export_page(source, page.parent.name, page), source)
        assert rebuilt.text == page.read_text(encoding="utf-8"), page


def test_demo_translations_are_all_current():
    result = subprocess.run(
        [sys.executable, "-m", "signposter.cli", "status", "--strict", "--html", ""],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


# -- translation safety in the translator's own tools ---------------------------------

HOTLINE = "- Телефонуйте **112** у надзвичайній ситуації."


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _mistype_hotline(site):
    """The attack: a mistyped hotline carrying a stamp (as the old tool gave it)."""
    _edit(site / "content/pages/uk/advice.md", "**112**", "**113**")


def _paste_the_source(site):
    uk = site / "content/pages/uk/advice.md"
    stamp = next(line for line in uk.read_text().split("\n") if "Source_Hash" in line)
    uk.write_text(SOURCE.lstrip().replace("\n\n", f"\n{stamp}\n\n", 1))


def _change_the_source(site):
    source = site / "content/pages/en/advice.md"
    source.write_text(source.read_text() + "\nA new sentence.\n")


def _no_translation(site):
    (site / "content/pages/uk/advice.md").unlink()


def _not_meant_for_uk(site):
    _no_translation(site)
    _edit(
        site / "content/pages/en/advice.md",
        "Reviewed:",
        "Template: campaign\nPhase: 1\nCountries: PL\nLanguages: en, ru\nReviewed:",
    )


@pytest.mark.parametrize(
    "change, state, strict_exit",
    [
        (lambda site: None, "ok", 0),
        (_change_the_source, "outdated", 1),
        (_no_translation, "missing", 1),
        (_not_meant_for_uk, "fallback", 0),
        (_mistype_hotline, "mismatch", 1),
        (_paste_the_source, "script", 1),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_each_state_in_text_json_and_dashboard(site, change, state, strict_exit):
    (site / "content/pages/en/go.md").unlink()  # its missing uk would fail --strict
    change(site)
    found, _ = statuses(site, "--lang", "uk")
    assert found[("advice", "uk")] == state
    dashboard = site / "status/index.html"
    text = signposter(site, "status", "--lang", "uk", "--html", str(dashboard))
    row = next(line for line in text.stdout.split("\n") if line.startswith("advice "))
    assert row.split() == ["advice", state]
    assert f'<td class="{state}"' in dashboard.read_text()
    strict = signposter(site, "status", "--lang", "uk", "--strict", "--html", "")
    assert (strict.returncode, state) == (strict_exit, state)


def test_a_stamped_mistyped_hotline_shows_as_mismatch_with_its_line(site):
    _mistype_hotline(site)
    result = signposter(site, "status", "--format", "json", "--html", "")
    (uk,) = [p for p in json.loads(result.stdout)["pages"] if p["lang"] == "uk"][:1]
    assert uk["status"] == "mismatch"
    assert uk["details"] == [
        "line 8: '113' is not in the source page — copy phone numbers, emails and "
        "web addresses exactly from the source",
        "'112' from the source page (line 7) is missing — copy phone numbers, emails "
        "and web addresses exactly from the source",
    ]
    text = signposter(site, "status", "--html", str(site / "status/index.html"))
    assert (
        "content/pages/uk/advice.md: mismatch: line 8: '113' is not in the source page"
    ) in text.stdout
    assert "1 mismatch" in text.stdout
    html = (site / "status/index.html").read_text()
    assert "<h2>To fix</h2>" in html and "&#x27;113&#x27; is not in the source" in html


def test_translated_refuses_a_mistyped_hotline_and_says_where(site):
    page = site / "content/pages/uk/advice.md"
    _change_the_source(site)
    _mistype_hotline(site)
    before = page.read_text()
    result = signposter(site, "translated", "advice", "uk")
    assert result.returncode == 1
    assert "not stamped" in result.stderr
    assert (
        "content/pages/uk/advice.md:8: safety tokens: '113' is not in the source page"
        " — copy it exactly from the source page"
    ) in result.stderr
    assert "'112' from the source page (line 7) is missing — add it" in result.stderr
    assert "then run `invoke translated advice uk` again" in result.stderr
    assert page.read_text() == before  # no stamp written
    _edit(page, "**113**", "**112**")
    assert signposter(site, "translated", "advice", "uk").returncode == 0
    assert statuses(site)[0][("advice", "uk")] == "ok"


@pytest.mark.parametrize(
    "english, translation, mismatches",
    [
        ("Call 112.", "اتصل بـ ١١٢.", []),  # Arabic-Indic digits
        ("Call 112.", "تماس با ۱۱۲.", []),  # Persian digits
        ("Call +48 22 123 45 67.", "Дзвоніть +48 22 123-45-67.", []),
        ("It costs €1,500 or €12.50.", "Cela coûte 1 500 € ou 12,50 €.", []),
        ("[Write](mailto:help%40example.org)", "[Écrire](mailto:help@example.org)", []),
        ("Under 18.", "Moins de dix-huit ans.", [(None, "18")]),
        ("Under 18.", "Moins de 17 ans.", [(1, "17"), (None, "18")]),
        ("Call 112 now.", "Appelez 113.", [(1, "113"), (None, "112")]),
    ],
)
def test_tokens_every_reader_acts_on(tmp_path, english, translation, mismatches):
    from signposter.translation.checks import read_page, token_mismatches

    source, ours = tmp_path / "en.md", tmp_path / "fr.md"
    source.write_text(f"Title: T\n\n{english}\n")
    ours.write_text(f"Title: T\n\n{translation}\n")
    found = token_mismatches(read_page(ours), read_page(source))
    assert [(line and line - 2, token) for line, token, _ in found] == mismatches
