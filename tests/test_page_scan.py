"""The contact check reads a written page's links and text as a browser does.

Each case is HTML a build could be tricked into writing; the scan must see the
links a reader can tap, with the text shown on them, and the text shown outside
them. The browser test holds the scan to what Chromium builds from the same HTML.
"""

from __future__ import annotations

import pytest
from browser import chromium

from signposter.publishing.contact_check import read_page, scan_html

# (HTML, [(href, text shown on the link)], what the page shows as text)
CASES = [
    (  # a link started inside another is its own link
        '<p><a href="tel:1">one <a href="tel:2">two</a> three</a></p>',
        [("tel:1", "one"), ("tel:2", "two")],
        "one two three",
    ),
    (  # a repeated attribute: the browser dials the first
        '<a href="tel:112" href="tel:+447700900123">112</a>',
        [("tel:112", "112")],
        "112",
    ),
    (  # a commented-out link is not shown; the text after it is
        '<p>before<!-- <a href="tel:9">9</a> --> after</p>',
        [],
        "before after",
    ),
    (  # entities are decoded in the address and the text
        '<a href="tel&#58;+44&#55;700900123">&#43;44 7700 900123</a>',
        [("tel:+447700900123", "+44 7700 900123")],
        "+44 7700 900123",
    ),
    (  # NUL does not end the page, and is not shown
        '<p>7\x00700 <a href="tel:1">1</a> c</p>',
        [("tel:1", "1")],
        "7700 1 c",
    ),
    (  # a script's text is code, not shown
        '<script>var x = "</a><a href=tel:5>5";</script><p>t</p>',
        [],
        "t",
    ),
    (  # a textarea shows its markup as text: no link
        '<textarea><a href="tel:1">1</a></textarea>',
        [],
        '<a href="tel:1">1</a>',
    ),
    (
        '<a href="tel:1">call <span dir="rtl">1</span></a>',
        [("tel:1", "call 1")],
        "call 1",
    ),
]


@pytest.mark.parametrize(("html", "links", "text"), CASES)
def test_the_scan_reads_links_and_text(html, links, text):
    found, shown = read_page(html)
    assert [(link.href, link.text) for link in found] == links
    assert " ".join(shown.split()) == text


@pytest.mark.parametrize(
    "html",
    [
        '<a href="tel:1" dir="rtl">1</a>',
        '<a href="tel:1">+<span dir="rtl">1</span></a>',
        '<a href="tel:1"><bdo dir="ltr">1</bdo></a>',
        '<a href="tel:1"><b DIR=" RTL ">1</b></a>',
    ],
)
def test_a_link_that_turns_its_text_is_seen(html):
    assert scan_html(html).links[0].turns_text


def test_links_keep_their_lines_and_attributes():
    page = scan_html(
        '<!doctype html>\n<p>x</p>\n<p><a href="tel:1" data-org="night">1</a></p>'
    )
    assert page.links[0].line == 3
    assert page.links[0].attrs == {"href": "tel:1", "data-org": "night"}


def test_text_in_a_template_is_not_shown_but_its_links_are_checked():
    links, text = read_page('<template><a href="tel:1">1</a></template><p>shown</p>')
    assert text == "shown"
    assert [link.href for link in links] == ["tel:1"]


def test_a_scan_keeps_the_links_the_check_reads():
    page = scan_html(
        '<a href="/en/help/">Help</a> <a href="tel:112">112</a> '
        '<a href="https://abuser.example/">+48 22 000 00 06</a> '
        '<a href="mailto:help@example.org">write</a>'
    )
    assert [link.href for link in page.links] == [
        "tel:112",
        "https://abuser.example/",  # shows a number: checked though it opens a page
        "mailto:help@example.org",
    ]


def test_a_scan_keeps_the_numbers_and_addresses_the_text_shows():
    shown = scan_html(
        "<p>Call +44 7700 900123 or ١١٢, write to help@example.org</p>"
        "<script>'+44 7700 900999'</script>"
    ).shown
    assert shown.numbers == {"+447700900123", "112"}
    assert shown.emails == {"help@example.org"}


@pytest.mark.browser
def test_chromium_sees_the_same_links_and_text():
    with chromium() as browser:
        tab = browser.new_page()
        for html, _, _ in CASES:
            tab.set_content(f"<!doctype html><body>{html}</body>")
            seen = tab.evaluate(
                """() => [...document.querySelectorAll('a[href]')]
                     .map(a => [a.getAttribute('href'), a.innerText.trim()])"""
            )
            # innerText leaves out what a form field shows
            shown = tab.evaluate(
                """() => document.body.innerText + [...document.querySelectorAll(
                     'textarea')].map(t => t.value).join(' ')"""
            )
            links, text = read_page(html)
            assert [[link.href, link.text] for link in links] == seen, html
            assert " ".join(text.split()) == " ".join(shown.split()), html
