"""Bad sources stop the build with file:line and leave the last good output/ alone."""

from __future__ import annotations

import pytest
from sites import Page, build_fixture, tree_digest, write_site

GOOD = {
    "content/pages/en/about.md": """
        Title: About
        Reviewed: 2026-11-20

        Call 112 in an emergency.
        """,
    "content/pages/uk/about.md": """
        Title: Про нас
        Reviewed: 2026-11-20

        Телефонуйте 112 у надзвичайній ситуації.
        """,
}

BAD = {
    "unknown language folder": (
        {"content/pages/xx/about.md": "Title: About\n\nText.\n"},
        "content/pages/xx/about.md: lang: 'xx' is not a language of this site",
    ),
    "unknown language in metadata": (
        {"content/pages/en/help.md": "Title: Help\nLang: zz\n\nText.\n"},
        "content/pages/en/help.md:2: lang: 'zz' is not a language of this site",
    ),
    "two pages with the same key and language": (
        {
            "content/pages/uk/about-copy.md": (
                "Title: Копія\nTranslation_Key: about\n\nТекст.\n"
            )
        },
        "content/pages/uk/about-copy.md:2: translation_key: two pages have the key "
        "'about' in language 'uk'",
    ),
    "campaign naming a language the site does not have": (
        {
            "content/pages/en/go.md": (
                "Title: Go\nTemplate: campaign\nPhase: 1\nCountries: PL\n"
                "Languages: en, de\n\nText.\n"
            )
        },
        "content/pages/en/go.md:5: Languages: 'de' is not a language of this site",
    ),
    "po file that does not parse": (
        {
            "translations/uk/LC_MESSAGES/messages.po": (
                'msgid ""\nmsgstr ""\n'
                '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                'msgid "Languages"\nmsgstr "Мови\n\nmsgid "x"\n'
            )
        },
        "translations/uk/LC_MESSAGES/messages.po:6: catalog: the quoted text on this "
        "line is not closed",
    ),
    "invalid review date": (
        {"content/pages/en/dated.md": "Title: Dated\nReviewed: 20/11/2026\n\nText.\n"},
        "content/pages/en/dated.md:2: Reviewed: expected a date, found '20/11/2026'",
    ),
}


@pytest.fixture
def good_site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_site(tmp_path, GOOD)
    assert build_fixture(tmp_path) == 0
    return tmp_path


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_input_fails_clearly_and_keeps_output(good_site, capsys, case):
    files, expected = BAD[case]
    before = tree_digest(good_site / "output")
    write_site(good_site, files)
    assert build_fixture(good_site) == 1
    err = capsys.readouterr().err
    assert expected in err
    assert " — " in err.split(expected, 1)[1].splitlines()[0], "a fix is suggested"
    assert tree_digest(good_site / "output") == before


def test_all_problems_are_reported_in_one_run(good_site, capsys):
    for files, _ in BAD.values():
        if "translations" not in next(iter(files)):
            write_site(good_site, files)
    assert build_fixture(good_site) == 1
    err = capsys.readouterr().err
    for case, (files, expected) in BAD.items():
        if "translations" not in next(iter(files)):
            assert expected in err, case


def test_unknown_language_in_settings_is_an_error(good_site, capsys):
    assert build_fixture(good_site, languages=("en", "uk", "qq")) == 1
    assert "unknown language code 'qq'" in capsys.readouterr().err


def test_good_build_replaces_output(good_site):
    (good_site / "output" / "stale.html").write_text("old")
    write_site(good_site, {"content/pages/en/new.md": "Title: New\n\nText.\n"})
    assert build_fixture(good_site) == 0
    assert not (good_site / "output" / "stale.html").exists()
    assert Page(good_site / "output" / "uk" / "new" / "index.html").first("article")
