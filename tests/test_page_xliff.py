"""Pages through XLIFF 2.0, translated with translate-toolkit's XLIFF 2 store
as a CAT tool would: the same keys, refusals and stamping as the PO files."""

from __future__ import annotations

import pytest
from sites import build_fixture
from test_translation_platforms import RUSSIAN, ru_status, site  # noqa: F401
from test_translators import signposter
from translate.storage.xliff2 import Xliff2File

XLF = "translations/pages/ru/advice.xlf"


def export(folder):
    result = signposter(folder, "page-export", "advice", "ru", "--format", "xliff")
    assert result.returncode == 0, result.stderr
    return folder / XLF


def import_(folder):
    return signposter(folder, "page-import", "advice", "ru", "--format", "xliff")


def translate_in_the_tool(path, translations: dict, final=True) -> Xliff2File:
    store = Xliff2File.parsefile(str(path))
    for unit in store.units:
        if unit.source in translations and (unit.isfuzzy() or not unit.target):
            unit.target = translations[unit.source]
            unit.markfuzzy(not final)
    store.savefile(str(path))
    return store


def test_a_page_round_trips_through_xliff(site, monkeypatch):  # noqa: F811
    path = export(site)
    store = Xliff2File.parsefile(str(path))
    assert [u.source for u in store.units] == list(RUSSIAN)[:6]
    ids = [u.getid() for u in store.units]
    assert ids[:2] == ["title", "summary"] and len(set(ids)) == 6
    assert not any(u.target for u in store.units)
    assert "##" not in path.read_text(encoding="utf-8")

    translate_in_the_tool(path, RUSSIAN)
    result = import_(site)
    assert result.returncode == 0, result.stderr
    page = (site / "content/pages/ru/advice.md").read_text(encoding="utf-8")
    assert page.startswith("Title: Будьте в безопасности\nSummary: Советы.\n")
    assert "## Зовите на помощь\n\n- Звоните **112**" in page
    assert ru_status(site) == "ok"
    monkeypatch.chdir(site)
    assert build_fixture(site, languages=["en", "uk", "ru"]) == 0
    assert "Зовите на помощь" in (site / "output/ru/advice/index.html").read_text()


def test_a_changed_paragraph_is_the_only_unit_to_translate(site):  # noqa: F811
    path = export(site)
    ids = [u.getid() for u in Xliff2File.parsefile(str(path)).units]
    translate_in_the_tool(path, RUSSIAN)
    assert import_(site).returncode == 0

    source = site / "content/pages/en/advice.md"
    source.write_text(source.read_text().replace("**112**", "**112** or **997**"))
    export(site)
    store = Xliff2File.parsefile(str(path))
    changed = [u for u in store.units if u.isfuzzy()]
    assert [u.source for u in changed] == ["Call **112** or **997** in an emergency."]
    assert changed[0].target == RUSSIAN["Call **112** in an emergency."]
    assert [u.getid() for u in store.units if not u.isfuzzy()] == [
        i for i in ids if i != ids[3]
    ]
    assert all(u.istranslated() for u in store.units if not u.isfuzzy())

    # Needs review: written, reported, not stamped.
    result = import_(site)
    assert result.returncode == 0, result.stderr
    assert "1 entry(ies) marked fuzzy" in result.stderr
    assert ru_status(site) == "mismatch"  # 997 is not in the old translation
    store = Xliff2File.parsefile(str(path))
    for unit in store.units:
        if unit.isfuzzy():
            unit.target = "Звоните **112** или **997** в экстренной ситуации."
            unit.markfuzzy(False)
    store.savefile(str(path))
    assert import_(site).returncode == 0
    assert ru_status(site) == "ok"


def test_a_translation_left_for_review_is_not_stamped(site):  # noqa: F811
    path = export(site)
    translate_in_the_tool(path, RUSSIAN, final=False)
    result = import_(site)
    assert result.returncode == 0, result.stderr
    assert "marked fuzzy" in result.stderr
    page = (site / "content/pages/ru/advice.md").read_text(encoding="utf-8")
    assert "source_hash" not in page.lower()


@pytest.mark.parametrize(
    "translations, expected",
    [
        ({**RUSSIAN, "Stay safe": "Будьте\nStatus: hidden"}, "has a line break"),
        ({**RUSSIAN, "Stay safe": "Будьте\u2028x"}, "has a line break"),
        ({k: v for k, v in RUSSIAN.items() if k != "Advice."}, "not translated yet"),
    ],
)
def test_line_breaks_and_untranslated_units_are_refused(
    site,  # noqa: F811
    translations,
    expected,
):
    translate_in_the_tool(export(site), translations)
    result = import_(site)
    assert result.returncode == 1
    assert expected in result.stderr
    assert not (site / "content/pages/ru/advice.md").exists()


def test_entities_and_markup_are_refused(site):  # noqa: F811
    path = export(site)
    translate_in_the_tool(path, RUSSIAN)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "<xliff", '<!DOCTYPE x [<!ENTITY a "Status: hidden">]>\n<xliff', 1
        ),
        encoding="utf-8",
    )
    result = import_(site)
    assert result.returncode == 1
    assert "DOCTYPE or entities" in result.stderr
    path.write_text(text.replace("Советы.", 'Советы.<ph id="1"/>', 1), encoding="utf-8")
    result = import_(site)
    assert result.returncode == 1
    assert "holds markup (<ph>)" in result.stderr
    assert not (site / "content/pages/ru/advice.md").exists()


def test_a_unit_whose_id_does_not_match_its_text_is_not_taken(site):  # noqa: F811
    path = export(site)
    translate_in_the_tool(path, RUSSIAN)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('id="summary"', 'id="t0"', 1), encoding="utf-8")
    result = import_(site)
    assert result.returncode == 1
    assert "no entry for summary" in result.stderr
