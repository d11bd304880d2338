"""Organisation files: every mistake reported with file:line, pages built from them."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest
from sites import REPO, Page, build_demo, build_fixture, tree_digest, write_site

from signposter.directory.organisations import CheckOptions, load_organisations
from signposter.problems import Problems

CORPUS = Path(__file__).parent / "data" / "bad_organisations"
GOOD = (Path(__file__).parent / "data" / "good_organisation.yaml").read_text()
TODAY = datetime.date(2026, 11, 29)


def check(folder: Path) -> Problems:
    problems = Problems()
    load_organisations(folder, problems, CheckOptions(TODAY, 183))
    return problems


@pytest.mark.parametrize("case", sorted(p.name for p in CORPUS.iterdir()))
def test_each_bad_file_is_rejected_with_its_message(case):
    folder = CORPUS / case
    expected = (folder / "expected.txt").read_text().strip()
    messages = [
        str(p)
        .replace(f"{folder}/", "")
        .replace(f"tests/data/bad_organisations/{case}/", "")
        for p in check(folder).errors
    ]
    assert any(m.startswith(expected) for m in messages), messages


def test_demo_organisations_are_all_valid():
    problems = check(REPO / "content" / "organisations")
    assert not problems.errors, "\n".join(map(str, problems.errors))
    assert len(list((REPO / "content/organisations").glob("*.yaml"))) == 34


def test_stale_organisation_is_a_warning_not_an_error(tmp_path):
    (tmp_path / "old.yaml").write_text(
        GOOD.replace("GOODID", "old").replace("2026-11-01", "2026-01-15")
    )
    problems = check(tmp_path)
    assert not problems.errors
    assert [str(p) for p in problems.warnings] == [
        f"{tmp_path}/old.yaml:14: last_verified: last checked on 2026-01-15, more than "
        "6 months ago — check the details with the organisation and update the date"
    ]


def test_every_file_is_checked_in_one_run(tmp_path):
    for case in CORPUS.iterdir():
        for file in case.glob("*.yaml"):
            shutil.copy(file, tmp_path / file.name)
    files_with_errors = {Path(p.path).name for p in check(tmp_path).errors}
    assert len(files_with_errors) >= 12


# -- pages ------------------------------------------------------------------

ORG_UK = """
id: hope-uk-speaking
example: true
name: 'Example "Hope" & Help'
description: {en: English text., uk: Український текст.}
phones: [{number: "+48 22 000 00 02", free: true}]
email: hope@example.org
languages: [uk, pl]
countries: [PL]
topics: [legal-advice]
addresses: [{address_1: Secret Street 7, city: Hidden, country: PL, keep_secret: true}]
last_verified: "2026-11-01"
"""
ORG_OTHER = """
id: aaa-polish-only
example: true
name: Example Polish Only
description: {en: Only English here.}
phones: [{number: "+48 22 000 00 03"}]
languages: [pl]
countries: [PL]
topics: [legal-advice]
last_verified: "2026-11-01"
"""


@pytest.fixture
def directory_site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_site(
        tmp_path,
        {
            "content/pages/en/index.md": "Title: Home\n\nHello.\n",
            "content/pages/en/go.md": "Title: Go\nTemplate: campaign\nPhase: 4\n"
            "Countries: PL\nLanguages: en, uk\n\nText.\n",
            "content/organisations/hope-uk-speaking.yaml": ORG_UK,
            "content/organisations/aaa-polish-only.yaml": ORG_OTHER,
            "content/countries.yaml": 'PL:\n  emergency: ["112"]\n',
        },
    )
    overrides = {"SIGNPOSTER_TRANSLATIONS_DIR": str(REPO / "translations")}
    assert build_fixture(tmp_path, languages=["en", "uk", "ar"], **overrides) == 0
    return tmp_path / "output"


def _org_ids(page: Page) -> list[str]:
    return [a["data-org"] for a in page.find_all("li", class_="org")]


def test_reader_language_speakers_come_first(directory_site):
    uk = Page(directory_site / "uk/help/pl/index.html")
    assert _org_ids(uk) == ["hope-uk-speaking", "aaa-polish-only"]
    ar = Page(directory_site / "ar/help/pl/index.html")
    assert _org_ids(ar) == ["aaa-polish-only", "hope-uk-speaking"]
    assert ar.first("html")["dir"] == "rtl"


def test_description_falls_back_to_english_with_its_lang(directory_site):
    html = (directory_site / "uk/help/pl/index.html").read_text()
    assert "Український текст." in html
    assert '<p lang="en" dir="ltr">Only English here.</p>' in html


def test_tel_links_are_e164_and_carry_counting_attributes(directory_site):
    page = Page(directory_site / "uk/help/pl/index.html")
    phones = [a for a in page.find_all("a") if a["href"].startswith("tel:+")]
    assert {a["href"] for a in phones} == {"tel:+48220000002", "tel:+48220000003"}
    for link in phones:
        assert link["data-channel"] == "phone"
        assert link["data-lang"] == "uk" and link["data-country"] == "PL"
        assert link["data-org"] in {"hope-uk-speaking", "aaa-polish-only"}


def test_data_text_is_escaped(directory_site):
    html = (directory_site / "en/help/pl/index.html").read_text()
    assert "Example &#34;Hope&#34; &amp; Help" in html
    assert 'Example "Hope" & Help' not in html


def test_confidential_address_never_reaches_any_file(directory_site):
    for path in directory_site.rglob("*"):
        if path.is_file():
            assert b"Secret Street" not in path.read_bytes(), path


def test_campaign_lists_organisations_of_its_countries(directory_site):
    page = Page(directory_site / "uk/go/index.html")
    assert _org_ids(page) == ["hope-uk-speaking", "aaa-polish-only"]
    link = next(a for a in page.find_all("a") if a["href"] == "tel:+48220000002")
    assert link["data-campaign"] == "go"


def test_bad_organisation_stops_the_build_and_keeps_output(directory_site, capsys):
    site = directory_site.parent
    before = tree_digest(directory_site)
    shutil.copy(CORPUS / "bad-phone" / "bad-phone.yaml", site / "content/organisations")
    assert build_fixture(site, languages=["en", "uk", "ar"]) == 1
    assert "bad-phone.yaml:9: phones[0].number:" in capsys.readouterr().err
    assert tree_digest(directory_site) == before


def test_production_build_refuses_example_organisations(tmp_path, capsys):
    assert build_demo(tmp_path / "out", SIGNPOSTER_STRICT=True) == 1
    err = capsys.readouterr().err
    assert re.search(
        r"example-pl-legal-aid\.yaml:\d+: example: this is an example "
        r"organisation and cannot be published",
        err,
    )
    assert not (tmp_path / "out").exists()
