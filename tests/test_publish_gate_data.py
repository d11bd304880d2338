"""The publish gate for data: catalogs, phone numbers and YAML as volunteers write it.

Each hostile input stops the build (or, for a warning, the strict build) with
its file:line, and a previously built output/ stays byte-identical.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sites import REPO, build_fixture, tree_digest, write_site
from test_volunteer_tools import make_site, signposter

from signposter.languages import Language
from signposter.problems import Problems
from signposter.translation.catalogs import load_translations

GOOD_ORG = (Path(__file__).parent / "data" / "good_organisation.yaml").read_text()
PO = "translations/uk/LC_MESSAGES/messages.po"
PO_HEADER = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

"""
FOOTER = '#, python-format\nmsgid "In an emergency, call %(number)s."\n'
GOOD_SITE = {
    "content/pages/en/about.md": "Title: About\nReviewed: 2026-11-20\n\nCall 112.\n",
    "content/pages/uk/about.md": (
        "Title: Про нас\nReviewed: 2026-11-20\n\nДзвоніть 112.\n"
    ),
    PO: PO_HEADER + FOOTER + 'msgstr "У екстреній ситуації телефонуйте %(number)s."\n',
}


def org(identifier: str, phone="+48 22 000 00 09", **replace: str) -> str:
    """A real-looking organisation (strict builds refuse ``example: true``).

    Its name and email are its own, so only what a test shares is shared.
    """
    text = (
        GOOD_ORG.replace("GOODID", identifier)
        .replace("example: true\n", "")
        .replace("Example Helpline", f"Helpline {identifier}")
        .replace("help@example.org", f"{identifier}@example.org")
        .replace("+48 22 000 00 09", phone)
    )
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


@pytest.fixture
def built(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_site(tmp_path, GOOD_SITE)
    write_site(
        tmp_path, {"content/organisations/good.yaml": org("good", "+48 22 000 00 01")}
    )
    assert build_fixture(tmp_path, SIGNPOSTER_STRICT=True) == 0
    return tmp_path


def refused(site: Path, capsys, files: dict, strict=False) -> str:
    """Write ``files``, build, assert exit 1 and untouched output; return stderr."""
    before = tree_digest(site / "output")
    for name, text in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    assert build_fixture(site, SIGNPOSTER_STRICT=strict) == 1
    assert tree_digest(site / "output") == before
    return capsys.readouterr().err


# -- point 5: catalogs -------------------------------------------------------

CATALOGS = {
    "a link that dials another number": (
        FOOTER + 'msgstr "Телефонуйте <a href=\\"tel:999\\">112</a>."\n',
        f"{PO}:9: msgstr: adds markup or a link that the English text does not "
        "have: '</a>', '<a href=\"tel:999\">' — translate the words only",
    ),
    "a dropped placeholder": (
        FOOTER + 'msgstr "У екстреній ситуації телефонуйте."\n',
        f"{PO}:9: msgstr: drops %(number)s, which the page fills in",
    ),
    "a brace placeholder dropped": (
        'msgid "Call {number} now"\nmsgstr "Телефонуйте зараз"\n',
        f"{PO}:8: msgstr: drops {{number}}, which the page fills in",
    ),
    "a changed number": (
        'msgid "Open 24 hours, every day"\nmsgstr "Працює 12 годин"\n',
        f"{PO}:8: msgstr: leaves out 24 and adds 12: numbers must stay as in the "
        "English text",
    ),
    "an unclosed quote": (
        'msgid "Languages"\nmsgstr "Мови\n\nmsgid "x"\nmsgstr "y"\n',
        f"{PO}:8: catalog: the quoted text on this line is not closed",
    ),
    "too few plural forms": (
        '#, python-format\nmsgid "%(count)s organisation"\n'
        'msgid_plural "%(count)s organisations"\n'
        'msgstr[0] "%(count)s організація"\nmsgstr[1] "%(count)s організації"\n',
        f"{PO}:10: msgstr: msgstr[2] is missing: this language needs 3 plural forms",
    ),
    "an unknown placeholder (Babel's checker)": (
        FOOTER + 'msgstr "Телефонуйте %(number)s або %(nomer)s."\n',
        f"{PO}:9: msgstr: unknown named placeholder 'nomer'",
    ),
    # Found by attacking the gate:
    "an escaped placeholder (%% prints it as text, the 112 link is gone)": (
        FOOTER + 'msgstr "У екстреній ситуації телефонуйте %%(number)s."\n',
        f"{PO}:9: msgstr: drops %(number)s, which the page fills in",
    ),
    "a number spelt out digit by digit": (
        FOOTER + 'msgstr "Телефонуйте %(number)s або 9 9 7."\n',
        f"{PO}:9: msgstr: adds 997: numbers must stay as in the English text",
    ),
    "a msgid without msgstr, at its own line": (
        'msgid "Languages"\nmsgstr "Мови"\n\nmsgid "x"\n',
        f"{PO}:10: catalog: the file cannot be read: missing msgstr for msgid 'x'",
    ),
}


def test_a_catalog_in_another_charset_is_refused(built, capsys):
    """UTF-7 spells a right-to-left override in plain ASCII ("+IC4-")."""
    header = PO_HEADER.replace("charset=UTF-8", "charset=UTF-7")
    entries = FOOTER + 'msgstr "+IC4-%(number)s"\n'
    err = refused(built, capsys, {PO: header + entries})
    assert f"{PO}:3: catalog: the header says charset=UTF-7" in err


@pytest.mark.parametrize("case", CATALOGS, ids=list(CATALOGS))
def test_hostile_catalog_stops_the_build(built, capsys, case):
    entries, expected = CATALOGS[case]
    err = refused(built, capsys, {PO: PO_HEADER + entries})
    assert expected in err, err


def test_same_number_in_persian_digits_is_accepted(built):
    write_site(
        built,
        {PO: PO_HEADER + 'msgid "Open 24 hours, every day"\nmsgstr "۲۴ ساعته"\n'},
    )
    assert build_fixture(built, SIGNPOSTER_STRICT=True) == 0


def test_the_demo_catalogs_pass():
    problems = Problems()
    for code in ("en", "uk", "ru", "ar", "fa", "bn", "hi", "be", "fr"):
        load_translations(
            REPO / "translations", Language(code), Language("en"), problems
        )
    assert not problems.items, "\n".join(map(str, problems.items))


# -- point 6: phone numbers beyond "valid" -----------------------------------

ORGS = "content/organisations"
PHONES = {
    "vanity letters": (
        {f"{ORGS}/bad.yaml": org("bad", "+48 22 CALL NOW")},
        f"{ORGS}/bad.yaml:8: phones[0].number: '+48 22 CALL NOW' contains letters",
        False,
    ),
    "premium-rate number marked free": (
        {f"{ORGS}/bad.yaml": org("bad", "+48 701 234 567")},
        f"{ORGS}/bad.yaml:9: phones[0].free: '+48 701 234 567' is a premium-rate "
        "number: calls to it are not free — remove `free: true`",
        False,
    ),
    "number of a country not served (strict)": (
        {f"{ORGS}/bad.yaml": org("bad", "+49 30 1234567")},
        f"{ORGS}/bad.yaml:8: phones[0].number: '+49 30 1234567' is a number in DE, "
        "which this organisation does not serve (countries: PL) — check the number; "
        "if readers in other countries are meant to call it, add `international: true`",
        True,
    ),
    "old confidential on an address": (
        {
            f"{ORGS}/bad.yaml": org("bad")
            + "addresses:\n  - address_1: Secret Street 7\n    country: PL\n"
            "    confidential: true\n"
        },
        f"{ORGS}/bad.yaml:17: addresses[0].confidential: on an address "
        "`confidential:` is no longer used — write `keep_secret: true` if the "
        "address must never be published",
        False,
    ),
}


@pytest.mark.parametrize("case", PHONES, ids=list(PHONES))
def test_wrong_phone_stops_the_build(built, capsys, case):
    files, expected, strict = PHONES[case]
    err = refused(built, capsys, files, strict=strict)
    assert expected in err, err


def test_number_abroad_is_a_warning_and_international_allows_it(built, caplog):
    abroad = org("abroad", "+49 30 1234567")
    write_site(built, {f"{ORGS}/abroad.yaml": abroad})
    assert build_fixture(built) == 0
    assert "is a number in DE, which this organisation does not serve" in caplog.text
    marked = abroad.replace(
        "    free: true\n", "    free: true\n    international: true\n"
    )
    write_site(built, {f"{ORGS}/abroad.yaml": marked})
    assert build_fixture(built, SIGNPOSTER_STRICT=True) == 0


# -- point 7: YAML as volunteers write it -------------------------------------

YAML = {
    "a key written twice un-hides a shelter": (
        {
            f"{ORGS}/bad.yaml": org("bad")
            + "addresses:\n  - address_1: Secret Street 7\n    country: PL\n"
            "    keep_secret: true\n    keep_secret: false\n"
        },
        f"{ORGS}/bad.yaml:18: addresses[0].keep_secret: 'keep_secret' is written "
        "twice in the same place, on lines 17 and 18; only the last one would count",
        False,
    ),
    "an alias": (
        {
            f"{ORGS}/bad.yaml": org("bad").replace(
                "languages: [pl, uk]", "languages: &l [pl, uk]\nservice_areas: *l"
            )
        },
        f"{ORGS}/bad.yaml:10: (YAML): '&l' is a YAML anchor or alias, which is not "
        "allowed here",
        False,
    ),
    "Windows ANSI (cp1252)": (
        {
            f"{ORGS}/bad.yaml": org("bad", **{"Helpline bad": "Café"}).encode(
                "cp1252", "replace"
            )
        },
        f"{ORGS}/bad.yaml:2: (encoding): the file is not saved as UTF-8 (byte 0xe9",
        False,
    ),
    "UTF-16 with a byte-order mark": (
        {f"{ORGS}/bad.yaml": org("bad").encode("utf-16")},
        f"{ORGS}/bad.yaml:1: (encoding): the file is saved as UTF-16",
        False,
    ),
    "a file that is not read (strict)": (
        {f"{ORGS}/second.yml": org("second")},
        f"{ORGS}/second.yml: (file): this file is not read: only files whose names "
        "end in .yaml are — rename it to second.yaml",
        True,
    ),
    "a CSV in the folder (strict)": (
        {f"{ORGS}/orgs.csv": "id,name\n"},
        f"{ORGS}/orgs.csv: (file): this file is not read",
        True,
    ),
    "two organisations share a phone (strict)": (
        {
            f"{ORGS}/copy.yaml": org("copy", "+48 22 000 00 01"),
        },
        f"{ORGS}/good.yaml:8: phones[0].number: the same phone is given in copy.yaml",
        True,
    ),
}


@pytest.mark.parametrize("case", YAML, ids=list(YAML))
def test_yaml_as_volunteers_write_it(built, capsys, case):
    files, expected, strict = YAML[case]
    err = refused(built, capsys, files, strict=strict)
    assert expected in err, err
    assert "Traceback" not in err


def test_every_missing_field_is_named(built, capsys):
    err = refused(built, capsys, {f"{ORGS}/bad.yaml": "id: bad\nname: Bad\n"})
    for name in ("description", "countries", "languages", "topics", "last_verified"):
        assert f"{ORGS}/bad.yaml:1: {name}: '{name}' is missing" in err


def test_orgs_check_names_each_problem_and_strict_refuses_warnings(tmp_path):
    site = make_site(
        tmp_path,
        {
            "one": org("one"),
            "two": org("two"),
        },
    )
    (site / "content/organisations/three.YAML").write_text(org("three"))
    result = signposter(site, "orgs-check")
    assert result.returncode == 0, result.stderr
    assert (
        "warning: content/organisations/three.YAML: (file): this file is not read"
        in result.stderr
    )
    assert (
        "warning: content/organisations/two.yaml:8: phones[0].number: the same phone "
        "is given in one.yaml" in result.stderr
    )
    strict = signposter(site, "orgs-check", "--strict")
    assert strict.returncode == 1
    assert "error(s): nothing was built" in strict.stderr
    (site / "content/organisations/one.yaml").write_text(
        org("one") + "topics: [shelter]\n"
    )
    twice = signposter(site, "orgs-check")
    assert twice.returncode == 1
    assert (
        "content/organisations/one.yaml:14: topics: 'topics' is written twice in the "
        "same place, on lines 12 and 14" in twice.stderr
    )


COUNTRIES = {
    "a premium-rate hotline marked free": (
        'PL:\n  emergency: ["112"]\n  hotlines:\n    - name: {en: Line}\n'
        '      number: "+48 701 234 567"\n      verified: true\n      free: true\n',
        "content/countries.yaml:7: PL.hotlines.0.free: '+48 701 234 567' is a "
        "premium-rate number: calls to it are not free",
    ),
    "an emergency number with letters": (
        'PL:\n  emergency: ["II2"]\n',
        "content/countries.yaml:2: PL.emergency.0: 'II2' contains letters ('II')",
    ),
}


@pytest.mark.parametrize("case", COUNTRIES, ids=list(COUNTRIES))
def test_wrong_country_number_stops_the_build(built, capsys, case):
    text, expected = COUNTRIES[case]
    err = refused(built, capsys, {"content/countries.yaml": text})
    assert expected in err, err


def test_a_chat_number_of_a_country_not_served_stops_a_publish(built, capsys):
    """Found by attacking the gate: only phones were held to the countries."""
    text = (
        org("bad")
        + 'messaging:\n  - channel: whatsapp\n    number: "+7 900 000 00 06"\n'
    )
    line = text.splitlines().index('    number: "+7 900 000 00 06"') + 1
    err = refused(built, capsys, {f"{ORGS}/bad.yaml": text}, strict=True)
    assert (
        f"{ORGS}/bad.yaml:{line}: messaging[0].number: '+7 900 000 00 06' is a "
        "number in RU, which this organisation does not serve"
    ) in err
