"""The translation platforms' settings shipped with the project point at the
files the project really reads and writes, for every site language: a wrong
pattern would upload nothing, or write translations where the build never looks."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import yaml
from sites import REPO

from signposter.build.pelican_settings import load_settings
from signposter.translation.catalogs import catalog_path
from signposter.translation.page_exchange import po_path, template_path

PAGES = sorted(p.stem for p in (REPO / "content/pages/en").glob("*.md"))


def site_languages() -> list[str]:
    settings = load_settings(str(REPO / "pelicanconf.py"))
    return [code for code in settings["SIGNPOSTER_LANGUAGES"] if code != "en"]


def project_files() -> set[str]:
    """The files a platform should find: those in the tree, and the templates
    `page-export` writes for every page (they are committed once exported)."""
    found = {str(p.relative_to(REPO)) for p in REPO.glob("translations/**/*.po*")}
    return found | {str(template_path(Path(), key)) for key in PAGES}


def glob_matches(pattern: str, path: str) -> bool:
    """Crowdin's ``*``: any characters but a slash."""
    return re.fullmatch(re.escape(pattern).replace(r"\*", "[^/]*"), path) is not None


def test_crowdin_sources_and_translations_are_the_projects_paths():
    config = yaml.safe_load((REPO / "crowdin.yml").read_text(encoding="utf-8"))
    files = project_files()
    languages = site_languages()
    expected = {
        "messages": {str(catalog_path(Path("translations"), c)) for c in languages},
        "pages": {str(po_path(Path(), k, c)) for k in PAGES for c in languages},
    }
    mapped = set()
    for entry in config["files"]:
        source = entry["source"].lstrip("/")
        matches = sorted(f for f in files if glob_matches(source, f))
        assert matches, f"crowdin.yml: {source} matches no file of the project"
        for code in languages:
            # Crowdin fills %two_letters_code% with the ISO 639-1 code; ours
            # must be exactly that, or crowdin.yml needs a languages_mapping.
            assert re.fullmatch(r"[a-z]{2}", code), code
            for match in matches:
                translation = (
                    entry["translation"]
                    .lstrip("/")
                    .replace("%two_letters_code%", code)
                    .replace("%file_name%", PurePosixPath(match).stem)
                )
                assert "%" not in translation, translation
                mapped.add(translation)
    assert expected["messages"] <= mapped
    assert expected["pages"] <= mapped
    assert mapped <= expected["messages"] | expected["pages"]


def weblate_components() -> list[dict]:
    text = (REPO / "docs/translators.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n# Weblate components\n(.*?)```", text, re.S)
    assert len(blocks) == 1, "docs/translators.md: the Weblate components block"
    return yaml.safe_load(blocks[0])


def test_the_weblate_components_in_the_docs_are_the_projects_paths():
    files = project_files()
    languages = site_languages()
    components = {c["slug"]: c for c in weblate_components()}
    assert set(components) == {"about", "messages"}
    for component in components.values():
        assert component["file_format"] == "po"
        assert component["new_base"] in files, component["new_base"]
        filter_ = re.compile(component.get("language_regex", ".*"))
        assert not filter_.match("templates") or "pages" not in component["filemask"]
        for code in languages:
            assert filter_.match(code)
    pages, messages = components["about"], components["messages"]
    for code in languages:
        assert pages["filemask"].replace("*", code) == str(
            po_path(Path(), "about", code)
        )
        assert messages["filemask"].replace("*", code) == str(
            catalog_path(Path("translations"), code)
        )
    assert pages["new_base"] == str(template_path(Path(), "about"))


def test_weblates_component_discovery_finds_every_page_and_no_template():
    text = (REPO / "docs/translators.md").read_text(encoding="utf-8")
    (pattern,) = re.findall(r"`(translations/pages/\(\?P<language>[^`]*)`", text)
    discovery = re.compile(pattern)
    for key in PAGES:
        assert not discovery.fullmatch(str(template_path(Path(), key)))
        for code in site_languages():
            found = discovery.fullmatch(str(po_path(Path(), key, code)))
            assert found and found.group("language", "component") == (code, key)
