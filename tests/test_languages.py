"""Languages come from settings and Babel; a tenth is one line plus its files."""

from __future__ import annotations

import shutil

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from sites import REPO, Page, build_fixture, write_site

from signposter.languages import parse_language

NINE = ["en", "uk", "ru", "ar", "fa", "bn", "hi", "be", "fr"]


def test_language_facts_come_from_babel():
    assert parse_language("ar").direction == "rtl"
    assert parse_language("fa").is_rtl
    assert parse_language("uk").native_name == "Українська"
    assert parse_language("ar").plural_forms == 6
    assert [parse_language(c).plural_forms for c in ("uk", "ru", "be")] == [3, 3, 3]


def _polish_catalog(path):
    template = read_po((REPO / "translations/messages.pot").open("rb"))
    catalog = Catalog(locale="pl")
    catalog.update(template)
    for message in catalog:
        if message.id == "Language:":
            message.string = "Język:"
        elif message.id == "Safety information and help":
            message.string = "Informacje o bezpieczeństwie i pomoc"
        elif isinstance(message.id, tuple) and "minute" in message.id[0]:
            message.string = (
                "%(count)s minuta czytania",
                "%(count)s minuty czytania",
                "%(count)s minut czytania",
            )
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)


def test_a_tenth_language_is_one_line_of_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "translations", tmp_path / "translations")
    _polish_catalog(tmp_path / "translations/pl/LC_MESSAGES/messages.po")
    words = " ".join(["słowo"] * 500)  # three minutes at 180 words a minute
    write_site(
        tmp_path,
        {
            "content/pages/en/index.md": "Title: Home\n\nWelcome.\n",
            "content/pages/en/about.md": "Title: About\n\nAbout us.\n",
            "content/pages/pl/about.md": f"Title: O nas\n\n{words}\n",
        },
    )
    assert build_fixture(tmp_path, languages=[*NINE, "pl"]) == 0

    page = Page(tmp_path / "output/pl/about/index.html")
    assert page.first("html") == {"lang": "pl", "dir": "ltr"}
    assert page.first("div", class_="languages")
    assert "Język: Polski" in page.text  # the language control's label
    assert "3 minuty czytania" in page.text
    assert "Informacje o bezpieczeństwie i pomoc" in page.text
    english = Page(tmp_path / "output/en/about/index.html")
    assert english.first("a", hreflang="pl")["href"] == "/pl/about/"
    assert english.first("link", rel="alternate", hreflang="pl")
    chooser = Page(tmp_path / "output/index.html")
    assert chooser.first("a", **{"data-lang": "pl"})["href"] == "/pl/"
    assert "Polski" in chooser.text
    # Its fallback pages exist too, in Polish chrome.
    assert Page(tmp_path / "output/pl/404.html").first("html")["lang"] == "pl"


PLURALS = {
    "uk": {
        1: "1 хвилина читання",
        3: "3 хвилини читання",
        5: "5 хвилин читання",
        11: "11 хвилин читання",
        21: "21 хвилина читання",
    },
    "ar": {
        1: "1 دقيقة للقراءة",
        2: "2 دقيقتان للقراءة",
        3: "3 دقائق للقراءة",
        11: "11 دقيقة للقراءة",
    },
}
DATES = {"uk": "20 листопада 2026 р.", "ar": "20 نوفمبر 2026"}


def test_plurals_and_dates_follow_each_language(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = {"content/pages/en/index.md": "Title: Home\n\nWelcome.\n"}
    for code, cases in PLURALS.items():
        for minutes in cases:
            words = " ".join(["слово" if code == "uk" else "كلمة"] * (180 * minutes))
            files[f"content/pages/{code}/m{minutes}.md"] = (
                f"Title: {minutes}\nReviewed: 2026-11-20\n\n{words}\n"
            )
    write_site(tmp_path, files)
    overrides = {"SIGNPOSTER_TRANSLATIONS_DIR": str(REPO / "translations")}
    assert build_fixture(tmp_path, languages=["en", "uk", "ar"], **overrides) == 0
    for code, cases in PLURALS.items():
        for minutes, expected in cases.items():
            text = Page(tmp_path / f"output/{code}/m{minutes}/index.html").text
            assert expected in text, (code, minutes)
            assert DATES[code] in text


def test_fallback_chain_from_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_site(
        tmp_path,
        {
            "content/pages/en/index.md": "Title: Home\n\nEnglish text.\n",
            "content/pages/ru/index.md": "Title: Главная\n\nРусский текст.\n",
        },
    )
    overrides = {
        "SIGNPOSTER_TRANSLATIONS_DIR": str(REPO / "translations"),
        "SIGNPOSTER_FALLBACKS": {"be": ["ru"]},
    }
    assert build_fixture(tmp_path, languages=["en", "ru", "be", "uk"], **overrides) == 0
    belarusian = Page(tmp_path / "output/be/index.html")
    assert belarusian.first("article")["lang"] == "ru"
    assert "Русский текст." in belarusian.text
    # Ukrainian is never sent to Russian unless a site asks: it falls back to English.
    ukrainian = Page(tmp_path / "output/uk/index.html")
    assert ukrainian.first("article") == {"lang": "en", "dir": "ltr"}
    assert "English text." in ukrainian.text
