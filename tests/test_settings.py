"""The settings schema: every SIGNPOSTER_* setting checked once, with clear errors."""

import pytest
from sites import REPO, tree_digest, write_site

from signposter.cli import main

MINIMAL_PAGE = """\
    Title: Home

    Stay safe.
    """


def _site(tmp_path, settings: str):
    return write_site(
        tmp_path,
        {
            "pelicanconf.py": f'PATH = "content"\nPLUGINS = ["signposter"]\n{settings}',
            "content/pages/en/index.md": MINIMAL_PAGE,
        },
    )


def _build(site, capsys, monkeypatch) -> tuple[int, str]:
    monkeypatch.chdir(site)
    code = main(["build", "-s", "pelicanconf.py", "-o", "output"])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            'SIGNPOSTER_FALLBACKS = {"be": "ru"}',
            "pelicanconf.py: SIGNPOSTER_FALLBACKS: expected a dict of language code "
            "-> list of codes, e.g. {'be': ['ru']}, but received {'be': 'ru'} "
            "(the entry 'be': 'ru' is not a list of codes)",
        ),
        (
            'SIGNPOSTER_LANGUAGES = "en,uk"',
            "pelicanconf.py: SIGNPOSTER_LANGUAGES: expected a list of language codes, "
            "e.g. ['en', 'uk'], but received 'en,uk'",
        ),
        (
            'SIGNPOSTER_STALE_MONTHS = "6"',
            "pelicanconf.py: SIGNPOSTER_STALE_MONTHS: expected a whole number of "
            "months, but received '6'",
        ),
        (
            "SIGNPOSTER_STRICT = 1",
            "pelicanconf.py: SIGNPOSTER_STRICT: expected True or False, but received 1",
        ),
        (
            'SIGNPOSTER_LANGAUGES = ["en"]',
            "pelicanconf.py: SIGNPOSTER_LANGAUGES: is not a Signposter setting — "
            "check the spelling",
        ),
    ],
)
def test_a_wrong_setting_is_named_with_what_it_expects(
    tmp_path, capsys, monkeypatch, line, message
):
    site = _site(tmp_path, line + "\n")
    (site / "output").mkdir()
    (site / "output" / "last-good.html").write_text("kept")
    before = tree_digest(site / "output")
    code, err = _build(site, capsys, monkeypatch)
    assert code == 1
    assert message in err
    assert "Traceback" not in err
    assert tree_digest(site / "output") == before


def test_every_wrong_setting_is_reported_at_once(tmp_path, capsys, monkeypatch):
    site = _site(
        tmp_path, 'SIGNPOSTER_STRICT = "yes"\nSIGNPOSTER_HOME_KEY = ["index"]\n'
    )
    code, err = _build(site, capsys, monkeypatch)
    assert code == 1
    assert "SIGNPOSTER_STRICT" in err and "SIGNPOSTER_HOME_KEY" in err


def test_a_three_line_settings_file_builds_a_site(tmp_path, capsys, monkeypatch):
    """The plugin sets Pelican's settings itself: page URLs per language, the
    packaged theme, the packaged catalogs, no feeds."""
    site = _site(tmp_path, 'SIGNPOSTER_LANGUAGES = ["en", "uk"]\n')
    code, err = _build(site, capsys, monkeypatch)
    assert code == 0, err
    out = site / "output"
    home = (out / "en" / "index.html").read_text(encoding="utf-8")
    assert "Stay safe." in home
    # Ukrainian chrome from the package's own catalog (the site has none)
    fallback = (out / "uk" / "index.html").read_text(encoding="utf-8")
    assert 'lang="uk"' in fallback
    assert "Швидко залишити сайт" in fallback
    assert (out / "theme" / "css" / "site.css").is_file()
    assert not list(out.rglob("*.xml.atom")) and not (out / "feeds").exists()


def test_the_site_keeps_a_setting_it_chose(tmp_path, capsys, monkeypatch):
    site = _site(tmp_path, 'PAGE_URL = PAGE_LANG_URL = "{lang}/p/{slug}/"\n')
    monkeypatch.chdir(site)
    from signposter.cli import load_settings

    settings = load_settings("pelicanconf.py")
    assert settings["PAGE_LANG_URL"] == "{lang}/p/{slug}/"
    assert settings["PAGE_SAVE_AS"] == "{lang}/{slug}/index.html"
    assert settings["THEME"].endswith("theme")
    assert settings["JINJA_ENVIRONMENT"]["autoescape"] is True


def test_the_repository_settings_are_valid():
    from signposter.cli import load_settings

    for name in ("pelicanconf.py", "publishconf.py"):
        load_settings(str(REPO / name))
