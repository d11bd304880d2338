"""Pages through a translation platform, with the library Weblate uses.

translate-toolkit loads the PO files ``page-export`` writes, a "translator"
fills them in, translate-toolkit writes them back, and ``page-import`` and the
build take them from there: the stamp and the outdated and mismatch states
follow the content.
"""

from __future__ import annotations

import json

import pytest
from sites import REPO, build_fixture, write_site
from test_translators import SOURCE, signposter
from translate.storage.po import pofile

RUSSIAN = {
    "Stay safe": "Будьте в безопасности",
    "Advice.": "Советы.",
    "Call for help": "Зовите на помощь",
    "Call **112** in an emergency.": "Звоните **112** в экстренной ситуации.",
    "Under 18? Message the helpline: https://wa.me/%2B48221234567.": (
        "Вам нет 18? Напишите на линию помощи: https://wa.me/%2B48221234567."
    ),
    "Write to help@example.org.": "Пишите на help@example.org.",
    "Ask at the border for the volunteers in yellow vests.": (
        "Спросите на границе волонтёров в жёлтых жилетах."
    ),
}


@pytest.fixture
def site(tmp_path):
    return write_site(
        tmp_path,
        {
            "content/pages/en/advice.md": SOURCE,
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


def translate_on_the_platform(po_path, translations: dict) -> pofile:
    """What Weblate does: load with translate-toolkit, translate, save."""
    store = pofile.parsefile(str(po_path))
    for unit in store.units:
        if unit.isheader() or unit.source not in translations:
            continue
        if unit.isfuzzy() or not unit.istranslated():
            unit.target = translations[unit.source]
            unit.markfuzzy(False)
    store.savefile(str(po_path))
    return store


def ru_status(site) -> str:
    result = signposter(site, "status", "--format", "json", "--html", "")
    pages = json.loads(result.stdout)["pages"]
    return next(p["status"] for p in pages if (p["key"], p["lang"]) == ("advice", "ru"))


def test_a_page_round_trips_through_translate_toolkit(site, monkeypatch):
    po = site / "translations/pages/ru/advice.po"
    assert signposter(site, "page-export", "advice", "ru").returncode == 0
    template = pofile.parsefile(str(site / "translations/pages/templates/advice.pot"))
    assert [u.source for u in template.units if not u.isheader()] == list(RUSSIAN)[:6]
    # Keys are the text, not line numbers; the hotline is a Weblate placeholder.
    text = po.read_text(encoding="utf-8")
    assert "line " not in text and "##" not in text
    assert 'placeholders:"112"' in text

    translate_on_the_platform(po, RUSSIAN)
    result = signposter(site, "page-import", "advice", "ru")
    assert result.returncode == 0, result.stderr
    page = (site / "content/pages/ru/advice.md").read_text(encoding="utf-8")
    assert page.startswith("Title: Будьте в безопасности\nSummary: Советы.\n")
    assert "## Зовите на помощь\n\n- Звоните **112**" in page
    assert ru_status(site) == "ok"
    monkeypatch.chdir(site)
    assert build_fixture(site, languages=["en", "uk", "ru"]) == 0
    assert "Зовите на помощь" in (site / "output/ru/advice/index.html").read_text()


def test_inserting_a_paragraph_leaves_only_it_to_translate(site):
    po = site / "translations/pages/ru/advice.po"
    signposter(site, "page-export", "advice", "ru")
    translate_on_the_platform(po, RUSSIAN)
    assert signposter(site, "page-import", "advice", "ru").returncode == 0

    source = site / "content/pages/en/advice.md"
    text = source.read_text()
    source.write_text(
        text.replace(
            "## Call for help\n",
            "Ask at the border for the volunteers in yellow vests.\n\n"
            "## Call for help\n",
        )
    )
    assert ru_status(site) == "outdated"
    assert signposter(site, "page-export", "advice", "ru").returncode == 0
    store = pofile.parsefile(str(po))
    units = [u for u in store.units if not u.isheader()]
    assert [u.source for u in units if not u.istranslated()] == [
        "Ask at the border for the volunteers in yellow vests."
    ]
    assert not any(u.isfuzzy() for u in units)
    assert len([u for u in units if u.istranslated()]) == 6

    translate_on_the_platform(po, RUSSIAN)
    assert signposter(site, "page-import", "advice", "ru").returncode == 0
    assert ru_status(site) == "ok"


def test_a_changed_paragraph_becomes_fuzzy_and_keeps_the_page_outdated(site):
    po = site / "translations/pages/ru/advice.po"
    signposter(site, "page-export", "advice", "ru")
    translate_on_the_platform(po, RUSSIAN)
    assert signposter(site, "page-import", "advice", "ru").returncode == 0

    page = site / "content/pages/ru/advice.md"
    stamp = next(line for line in page.read_text().split("\n") if "Source_Hash" in line)
    source = site / "content/pages/en/advice.md"
    source.write_text(source.read_text().replace("**112**", "**112** or **997**"))
    assert signposter(site, "page-export", "advice", "ru").returncode == 0
    store = pofile.parsefile(str(po))
    fuzzy = [u for u in store.units if u.isfuzzy()]
    assert [u.source for u in fuzzy] == ["Call **112** or **997** in an emergency."]
    assert fuzzy[0].target == RUSSIAN["Call **112** in an emergency."]
    assert fuzzy[0].prev_source == "Call **112** in an emergency."

    # Not imported as translated: written, reported, and still outdated.
    result = signposter(site, "page-import", "advice", "ru")
    assert result.returncode == 0
    assert "1 entry(ies) marked fuzzy" in result.stderr
    assert "'Call **112** or **997** in an emergency.'" in result.stderr
    assert stamp in page.read_text()  # the stamp of the last reviewed version
    assert ru_status(site) == "mismatch"  # 997 is not in the old translation

    # The translator forgets the new number: the check catches it.
    translate_on_the_platform(
        po, {"Call **112** or **997** in an emergency.": "Звоните **112**."}
    )
    assert signposter(site, "page-import", "advice", "ru").returncode == 0
    assert ru_status(site) == "mismatch"
    translate_on_the_platform(po, {})
    store = pofile.parsefile(str(po))
    for unit in store.units:
        if unit.source.startswith("Call **112**"):
            unit.target = "Звоните **112** или **997** в экстренной ситуации."
    store.savefile(str(po))
    assert signposter(site, "page-import", "advice", "ru").returncode == 0
    assert ru_status(site) == "ok"


@pytest.mark.parametrize(
    "target",
    ["Будьте\nStatus: hidden", "Будьте\rSave_as: index.html", "Будьте\u2028x"],
)
def test_line_breaks_in_a_translation_are_refused(site, target):
    po = site / "translations/pages/ru/advice.po"
    signposter(site, "page-export", "advice", "ru")
    translate_on_the_platform(po, {**RUSSIAN, "Stay safe": target})
    result = signposter(site, "page-import", "advice", "ru")
    assert result.returncode == 1
    assert "the translation of title has a line break" in result.stderr
    assert not (site / "content/pages/ru/advice.md").exists()


@pytest.mark.parametrize(
    "args, expected",
    [
        (["../../../etc/passwd", "ru"], "is not a page key"),
        (["advice", "de"], "'de' is not one of the site's translation languages"),
        (["advice", "en"], "'en' is not one of the site's translation languages"),
        (["advice", "../uk"], "is not one of the site's translation languages"),
    ],
)
@pytest.mark.parametrize("command", ["page-export", "page-import"])
def test_page_exchange_takes_keys_and_site_languages_only(
    site, command, args, expected
):
    result = signposter(site, command, *args)
    assert result.returncode == 2
    assert expected in result.stderr
    assert not (site / "translations").exists()


def test_a_mistyped_hotline_from_the_platform_is_imported_but_not_stamped(site):
    assert signposter(site, "page-export", "advice", "ru").returncode == 0
    mistyped = dict(RUSSIAN)
    mistyped["Call **112** in an emergency."] = "Звоните **113** в экстренной ситуации."
    translate_on_the_platform(site / "translations/pages/ru/advice.po", mistyped)
    result = signposter(site, "page-import", "advice", "ru")
    assert result.returncode == 0, result.stderr
    assert "Not stamped as up to date" in result.stderr
    assert "'113' is not in the source page" in result.stderr
    page = (site / "content/pages/ru/advice.md").read_text(encoding="utf-8")
    assert "source_hash" not in page.lower()
    assert ru_status(site) == "mismatch"
