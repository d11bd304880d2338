"""The editor's Decap configuration is generated from the schema and settings."""

from __future__ import annotations

import re

from signposter.cli import load_settings
from signposter.directory.organisations import schema
from signposter.editor.config import decap_config
from tests.sites import REPO, build_demo


def _settings(**overrides):
    return load_settings(str(REPO / "pelicanconf.py"), **overrides)


def _fields(config, name):
    collection = next(c for c in config["collections"] if c["name"] == name)
    return {field["name"]: field for field in collection["fields"]}


def test_organisation_form_matches_the_schema(monkeypatch):
    monkeypatch.chdir(REPO)
    fields = _fields(decap_config(_settings()), "organisations")
    properties = schema()["properties"]
    assert list(fields) == list(properties)
    for name in properties:
        assert fields[name]["required"] == (name in schema()["required"]), name
    topics = [o["value"] for o in fields["topics"]["options"]]
    assert topics == properties["topics"]["items"]["enum"]
    assert fields["id"]["pattern"][0] == properties["id"]["pattern"]
    countries = {o["value"]: o["label"] for o in fields["countries"]["options"]}
    assert countries["PL"] == "Poland (PL)"
    phone = {f["name"]: f for f in fields["phones"]["fields"]}
    assert phone["number"]["required"] is True


def _texts(node, path=()):
    """Every label and hint a volunteer reads in the form, by where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("label", "label_singular", "hint"):
                yield (*path, key), value
            elif key == "pattern":
                yield (*path, key), value[1]  # the message under a wrong value
            else:
                yield from _texts(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, (*path, index))


def test_labels_and_hints_follow_the_editor_locale(monkeypatch):
    monkeypatch.chdir(REPO)
    english = dict(_texts(decap_config(_settings())))
    config = decap_config(_settings(SIGNPOSTER_EDITOR_LOCALE="uk"))
    ukrainian = dict(_texts(config))
    assert ukrainian.keys() == english.keys()
    left = {where: text for where, text in ukrainian.items() if text == english[where]}
    assert not left, f"still in English for a Ukrainian volunteer: {left}"
    organisation = _fields(config, "organisations")
    assert organisation["name"]["label"] == "Назва"
    assert organisation["name"]["fields"][1]["label"] == "Українська (uk)"
    assert organisation["example"]["hint"].startswith("напишіть `example: true`")
    countries = {o["value"]: o["label"] for o in organisation["countries"]["options"]}
    assert countries["PL"] == "Польща (PL)"
    topics = {o["value"]: o["label"] for o in organisation["topics"]["options"]}
    assert topics["legal-advice"] == "Юридична допомога та документи"
    page = _fields(config, "pages")
    assert (page["title"]["label"], page["reviewed"]["label"]) == (
        "Заголовок",
        "Перевірено",
    )


def test_an_editor_locale_without_a_catalog_shows_our_words_in_english(monkeypatch):
    monkeypatch.chdir(REPO)
    english = decap_config(_settings())
    german = decap_config(_settings(SIGNPOSTER_EDITOR_LOCALE="de"))
    fields, english_fields = (
        _fields(german, "organisations"),
        _fields(english, "organisations"),
    )
    for name in ("id", "name", "last_verified"):
        assert fields[name]["label"] == english_fields[name]["label"], name
        assert fields[name]["hint"] == english_fields[name]["hint"], name
    assert _fields(german, "pages")["title"]["label"] == "Title"
    # Names come from Babel, which knows German.
    countries = {o["value"]: o["label"] for o in fields["countries"]["options"]}
    assert countries["DE"] == "Deutschland (DE)"


def test_every_label_and_hint_is_in_every_catalog(monkeypatch):
    from babel.messages.pofile import read_po

    monkeypatch.chdir(REPO)
    texts = {text for _, text in _texts(decap_config(_settings())) if text}
    # Language and country names come from Babel, not from our catalogs.
    ours = {t for t in texts if not re.search(r" \([A-Za-z]{2,3}\)$", t)}
    assert {
        "ID",
        "Title",
        "Campaign phase",
        schema()["properties"]["id"]["description"],
    } <= ours
    with open(REPO / "translations/messages.pot", "rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert not ours - template, (
        "run `invoke i18n-extract` and translate the new strings"
    )
    for po in sorted(REPO.glob("translations/*/LC_MESSAGES/messages.po")):
        if po.parts[-3] == "en":
            continue  # the source language: an empty string shows the msgid
        with open(po, "rb") as handle:
            done = {m.id for m in read_po(handle) if m.id and m.string}
        assert not ours - done, f"{po}: untranslated {sorted(ours - done)}"


def test_pages_follow_the_site_languages(monkeypatch):
    monkeypatch.chdir(REPO)
    config = decap_config(_settings(SIGNPOSTER_LANGUAGES=["en", "uk", "pl"]))
    assert config["i18n"] == {
        "structure": "multiple_folders",
        "locales": ["en", "uk", "pl"],
        "default_locale": "en",
    }
    fields = _fields(config, "pages")
    assert fields["title"]["i18n"] is True
    for key in ("phase", "countries", "languages", "topics"):
        assert fields[key]["i18n"] == "duplicate"
    site = [o["value"] for o in fields["languages"]["options"]]
    assert site == ["en", "uk", "pl"]


def test_admin_never_reaches_the_output(tmp_path):
    assert build_demo(tmp_path / "out") == 0
    built = [p.name for p in (tmp_path / "out").rglob("*")]
    assert "admin" not in built
    assert not any("decap" in name or "signposter-admin" in name for name in built)


def test_every_page_is_front_matter_and_migration_keeps_stamps(tmp_path):
    from signposter.translation.checks import read_page, source_hash
    from signposter.translation.migrate_pages import main, migrate

    assert main([str(REPO / "content/pages"), "--check"]) == 0
    old = tmp_path / "pages/en/work.md"
    old.parent.mkdir(parents=True)
    old.write_text("Title: Work: what to check\nCountries: PL, DE\n\nCall 112.\n")
    before = source_hash(read_page(old))
    assert migrate(tmp_path / "pages") == [old]
    page = read_page(old)
    assert old.read_text().startswith("---\ntitle: 'Work: what to check'\n")
    assert page.value("countries") == "PL, DE" and page.line("countries") == 3
    assert source_hash(page) == before


def test_a_page_decap_rewrote_gets_its_own_bytes_and_order_back():
    from signposter.editor.checks import restyled_page

    before = (
        "---\n"
        'title: "Seeking sanctuary"\n'  # quoted by hand: not the project's style
        "template: campaign\n"
        "countries: [PL]\n"
        "summary: 'Work: what to check'\n"
        "reviewed: '2026-11-20'\n"
        "---\n\nText.\n"
    )
    # What Decap writes for it: its field order, its quoting, empty fields.
    decap = (
        "---\n"
        "title: Seeking sanctuary\n"
        "summary: 'Work: what to check'\n"
        "reviewed: 2026-11-20\n"
        "template: campaign\n"
        "phase: null\n"
        "countries:\n  - PL\n"
        "---\n\nText.\n"
    )
    assert restyled_page(decap, before) == before
    changed = decap.replace("title: Seeking sanctuary", "title: Seeking safety")
    assert restyled_page(changed, before) == (
        "---\n"
        "title: Seeking safety\n"
        "template: campaign\n"
        "countries: [PL]\n"
        "summary: 'Work: what to check'\n"
        "reviewed: '2026-11-20'\n"
        "---\n\nText.\n"
    )
    assert restyled_page(before, before) is None
