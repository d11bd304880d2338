"""The editor's Decap configuration is generated from the schema and settings."""

from __future__ import annotations

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
