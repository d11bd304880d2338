"""Keep the HTML of a page to text, links and plain formatting.

Markdown lets a page carry raw HTML, so without a filter one pasted line could
run a script on every reader's phone, or load a picture from a stranger's
server that tells it who reads a page about trafficking. The allowlist below
is applied by nh3 (the Ammonia sanitizer); what it removed is found by
comparing the parsed HTML before and after, so each removal can be reported.

Clean pages are left byte for byte as Markdown wrote them: the sanitizer's own
serialisation differs harmlessly (``&nbsp;`` for a no-break space, say), and
the demo site must not change because of it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import NamedTuple
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = frozenset(
    {
        # no <bdo>: it can show a number reversed from the one a link dials
        *("a", "abbr", "b", "bdi", "blockquote", "br", "caption", "cite"),
        *("code", "dd", "del", "details", "dfn", "div", "dl", "dt", "em"),
        *("figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i"),
        *("img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp"),
        *("small", "span", "strong", "sub", "summary", "sup", "table", "tbody"),
        *("td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr"),
    }
)
ALLOWED_ATTRIBUTES = {
    "*": {"class", "dir", "id", "lang", "title"},
    "a": {"href", "hreflang"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "img": {"alt", "src", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "time": {"datetime"},
}
# Classes Markdown's footnotes write; any other class could borrow the theme's
# (such as "skip", which moves text off screen) to hide what a link dials.
ALLOWED_CLASSES = {"footnote", "footnote-ref", "footnote-backref"}
# Markdown's tables align columns with style="text-align: …"; nothing else.
STYLE_PROPERTIES = {"text-align"}
URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}
# Removed with everything inside them: their content is code or is not text.
CONTENT_TAGS = {
    *("script", "style", "iframe", "object", "embed", "noscript", "noembed"),
    *("noframes", "template", "textarea", "title", "xmp", "svg", "math"),
    *("select", "applet", "frameset"),
}
_RESOURCE_ATTRIBUTES = {("img", "src")}
_URL_ATTRIBUTES = {"href", "src", "cite"}


@dataclass(frozen=True)
class Removal:
    """One tag, or one attribute of a kept tag, that the allowlist took out."""

    tag: str
    attribute: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class HtmlPolicy:
    """What a build allows: the site's own hosts (for images) and plain-http links."""

    own_hosts: frozenset[str] = frozenset()
    allow_http: bool = False

    @classmethod
    def from_settings(cls, settings) -> HtmlPolicy:
        hosts = {
            urlsplit(settings.get(key) or "").hostname
            for key in ("SITEURL", "SIGNPOSTER_CANONICAL_BASE")
        }
        return cls(
            frozenset(h for h in hosts if h),
            bool(settings.get("SIGNPOSTER_ALLOW_HTTP_LINKS", False)),
        )


class Cleaned(NamedTuple):
    """HTML with only allowed markup, what was removed, and its http:// links."""

    html: str
    removals: list[Removal]
    http_links: list[str]


def clean(html: str, policy: HtmlPolicy) -> Cleaned:
    """Return ``html`` with only allowed markup, what was removed, and every
    http:// address it links to or loads.

    When nothing differs, the original string is returned unchanged.
    """
    http_links = []

    def keep_attribute(tag, attribute, value):
        if (tag, attribute) in _RESOURCE_ATTRIBUTES and is_remote(value, policy):
            return None
        if attribute == "class" and not set(value.split()) <= ALLOWED_CLASSES:
            return None
        # nh3 has decoded the value, as a browser would: http&#58; is http:
        read = as_browsers_read(value)
        if attribute in _URL_ATTRIBUTES and read.lower().startswith("http:"):
            http_links.append(read)
        return value

    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=CONTENT_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=keep_attribute,
        link_rel=None,
        url_schemes=URL_SCHEMES,
        filter_style_properties=STYLE_PROPERTIES,
    )
    if cleaned == html:  # most pages: nothing to compare
        return Cleaned(html, [], http_links)
    before, after = _Parsed(html), _Parsed(cleaned)
    if before.tokens == after.tokens:
        return Cleaned(html, [], http_links)
    removals = _removals(before.elements, after.elements)
    return Cleaned(cleaned, removals, http_links)


def as_browsers_read(url: str) -> str:
    """``url`` as the URL standard reads it: no leading or trailing control
    characters or spaces, no tab or line break anywhere ("ht\ttp:" is http:)."""
    url = url.strip("".join(map(chr, range(0x21))))
    return url.translate({9: None, 10: None, 13: None})


def is_remote(url: str, policy: HtmlPolicy) -> bool:
    """Whether ``url`` points at a host other than the site's own."""
    # Browsers read a backslash as a slash: "/\\host/x" goes to "host".
    url = "".join(url.split()).replace("\\", "/")
    host = urlsplit(url).hostname
    return bool(host) and host not in policy.own_hosts


def _removals(before, after) -> list[Removal]:
    """Tags that are gone, and attributes gone from the tags that stayed."""
    found = [Removal(tag) for tag, _ in before if tag not in ALLOWED_TAGS]
    kept = [(tag, attrs) for tag, attrs in before if tag in ALLOWED_TAGS]
    matcher = difflib.SequenceMatcher(
        None, [t for t, _ in kept], [t for t, _ in after], autojunk=False
    )
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            tag, old = kept[block.a + offset]
            new = after[block.b + offset][1]
            found += [
                Removal(tag, name, value)
                for name, value in old.items()
                if new.get(name) != value
            ]
    return found


def _normal(name: str, value: str | None) -> str:
    value = value or ""
    if name != "style":
        return value
    declarations = (d.split(":", 1) for d in value.split(";") if ":" in d)
    return ";".join(f"{p.strip().lower()}:{v.strip()}" for p, v in declarations)


class _Parsed(HTMLParser):
    """The start tags (with attributes), end tags and text of an HTML fragment."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tokens: list = []
        self.elements: list[tuple[str, dict]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        normal = {name: _normal(name, value) for name, value in attrs}
        self.elements.append((tag, normal))
        self.tokens.append(("<", tag, sorted(normal.items())))

    def handle_startendtag(self, tag, attrs):
        # "<a href=…/>" is an open link to a browser but an empty one to
        # libxml2 (the contact check): such a page is published as nh3 wrote
        # it, which leaves out the slash.
        self.handle_starttag(tag, attrs)
        self.tokens.append(("/>", tag))

    def handle_endtag(self, tag):
        self.tokens.append(("/", tag))

    def handle_data(self, data):
        if self.tokens and self.tokens[-1][0] == "text":
            self.tokens[-1] = ("text", self.tokens[-1][1] + data)
        else:
            self.tokens.append(("text", data))

    def handle_comment(self, data):
        self.tokens.append(("comment", data))

    def handle_decl(self, decl):
        self.tokens.append(("decl", decl))

    def handle_pi(self, data):
        self.tokens.append(("pi", data))

    def unknown_decl(self, data):
        self.tokens.append(("decl", data))
