"""Every number or address a reader can tap is a known one, and shows what it dials.

A frightened reader taps the number on the screen without reading the link
behind it, so after every build each ``tel:``, ``sms:``, ``mailto:`` and
messaging link of every written page is checked:

1. what it dials (after decoding entities and percent-encoding) is in the
   validated directory (content/organisations/*.yaml, content/countries.yaml),
   is a number the theme's templates dial themselves (the footer's 112), or is
   shown in the text of the page's source-language version;
2. the number or address shown on the link is the one it dials (digits compared
   after mapping every script's digits to 0-9, so ١١٢ is 112); a link that
   shows none ("Call") must be one the theme generated from the directory: its
   ``href`` is exactly the directory's and its ``data-org`` names the owner.

The pages are parsed (libxml2, through lxml) as a browser reads them, so
quoting, entities, attribute order or a repeated attribute cannot hide a link.
The tree is the one a browser builds as long as the HTML is well formed, which
the build makes it: page bodies are serialized again by nh3 (safe_html.py) and
everything else the templates print is escaped.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import phonenumbers
from lxml import etree

from signposter.directory.contacts import EMAIL_IN_TEXT, ContactError, parse_phone
from signposter.problems import Problems
from signposter.translation.catalogs import catalog_path
from signposter.translation.checks import ascii_digits

_NUMBER_IN_TEXT = re.compile(r"\+?\d(?:[\d \u00a0\u202f\u2009.\-\u2011()]*\d)?")
_EMAIL_IN_TEXT = EMAIL_IN_TEXT
_USERNAME_IN_TEXT = re.compile(r"(?<![\w.])@(\w{3,})")
_THEME_TEL = re.compile(r"""href=["']?tel:(\+?\d+)["' >]""")
# What a dialled number may contain besides digits: visual separators only.
_SEPARATORS = set(" -.()\u00a0\u2011")
MESSAGING_HOSTS = {
    "wa.me",
    "api.whatsapp.com",
    "web.whatsapp.com",
    "whatsapp.com",
    "t.me",
    "telegram.me",
    "telegram.dog",
    "signal.me",
    "invite.viber.com",
}
# A run of digits (with separators) long enough to be a phone number.
_PHONE_LIKE = re.compile(r"\d(?:[\d \u00a0\u202f\u2009.\-\u2011()/]*\d){5,}")


def canonical_number(text: str) -> str:
    """ "+digits" for a number with its country code, else its digits."""
    text = ascii_digits(text)
    digits = "".join(ch for ch in text if ch.isdigit())
    plus = "+" in text[: text.find(digits[:1])] if digits else False
    return ("+" if plus else "") + digits


@functools.cache
def same_number(a: str, b: str) -> bool:
    """Whether two canonical numbers dial the same line (a national form such as
    "0800 123 456" matches its "+44 800 123 456")."""
    if a == b:
        return True
    for full, other in ((a, b), (b, a)):
        if full.startswith("+") and not other.startswith("+") and other:
            try:
                parsed = phonenumbers.parse(full, None)
                region = phonenumbers.region_code_for_country_code(parsed.country_code)
                local = phonenumbers.parse(other, region)
            except phonenumbers.NumberParseException:
                return False
            e164 = phonenumbers.PhoneNumberFormat.E164
            return phonenumbers.format_number(
                parsed, e164
            ) == phonenumbers.format_number(local, e164)
    return False


@dataclass
class Target:
    """What a contact link dials: kind "phone", "email" or "username"."""

    kind: str
    values: list[str]
    extension: str = ""
    problem: str = ""


def _dialled_number(text: str) -> tuple[str, str]:
    """(canonical number, problem) for the number part of a tel:/sms: link."""
    text = ascii_digits(text.strip())
    body = text[1:] if text.startswith("+") else text
    if not body or any(not (ch.isdigit() or ch in _SEPARATORS) for ch in body):
        return "", "dials more than a number (letters, pauses, * or #)"
    return canonical_number(text), ""


@functools.lru_cache(maxsize=4096)  # the same links are on every page
def dialled(href: str) -> Target | None:
    """What a link dials or writes to, or None if it is not a contact link."""
    href = unquote(href.strip())
    parts = urlsplit(href)
    scheme = parts.scheme.lower()
    if scheme == "tel":
        number, *params = href[4:].lstrip("/").split(";")
        extension = ""
        for param in params:
            name, _, value = param.partition("=")
            if name.lower() == "ext" and value.isdigit():
                extension = value
            elif name.lower() != "phone-context":
                return Target("phone", [], problem=f"has an unknown part ;{param}")
        value, problem = _dialled_number(number)
        return Target("phone", [value] if value else [], extension, problem)
    if scheme == "sms":
        numbers = href[4:].lstrip("/").split("?")[0].split(",")
        if len(numbers) != 1:
            return Target("phone", [], problem="writes to more than one number")
        value, problem = _dialled_number(numbers[0])
        return Target("phone", [value] if value else [], problem=problem)
    # Mail and chat apps read query names in any case, and some take the last
    # of a repeated one: both must be seen as they would.
    query = {}
    for name, values in parse_qs(parts.query).items():
        query.setdefault(name.lower(), []).extend(values)
    if any(len(values) > 1 for name, values in query.items() if name != "to"):
        return Target("phone", [], problem="repeats a part of its address")
    if scheme == "mailto":
        addresses = [a for a in parts.path.split(",") if a.strip()]
        for name in ("to", "cc", "bcc"):
            for value in query.get(name, []):
                addresses += value.split(",")
        return Target("email", sorted({a.strip().lower() for a in addresses}))
    if scheme == "viber":
        number = query.get("number", [""])[0]
        value, problem = _dialled_number(number)
        return Target("phone", [value] if value else [], problem=problem)
    # "wa.me." is wa.me to a browser
    host = (parts.hostname or "").lower().rstrip(".").removeprefix("www.")
    if scheme not in ("http", "https") or host not in MESSAGING_HOSTS:
        return None
    if host in ("api.whatsapp.com", "web.whatsapp.com", "whatsapp.com"):
        return _phone_target("+" + query.get("phone", [""])[0])
    if host == "invite.viber.com":
        return _phone_target(query.get("number", [""])[0])
    if host == "wa.me":
        return _phone_target("+" + parts.path.strip("/"))
    if host == "signal.me":
        kind, _, rest = parts.fragment.partition("/")
        if kind == "p":
            return _phone_target(rest)
        return Target("username", [rest.lower()])
    name = parts.path.strip("/").split("/")[0]  # t.me, telegram.me
    if name.startswith("+"):
        return _phone_target(name)
    return Target("username", [name.lower().removeprefix("@")])


def _phone_target(text: str) -> Target:
    value, problem = _dialled_number(text)
    return Target("phone", [value] if value else [], problem=problem)


@dataclass
class Known:
    """Numbers, addresses and usernames readers may be sent to."""

    numbers: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    usernames: set[str] = field(default_factory=set)
    # href -> the data-org values of the theme's directory links carrying it
    directory_links: dict[str, set[str]] = field(default_factory=dict)

    def has(self, kind: str, value: str) -> bool:
        if kind == "email":
            return value in self.emails
        if kind == "username":
            return value in self.usernames
        return value in self.numbers or any(
            same_number(value, known) for known in self.numbers
        )


def known_from_directory(directory, theme: Path | None) -> Known:
    known = Known()

    def link(href: str, owner: str) -> None:
        known.directory_links.setdefault(unquote(href), set()).add(owner)

    for organisation in directory.organisations:
        known.numbers.update(phone.e164 for phone in organisation.phones)
        if organisation.data.get("email"):
            known.emails.add(organisation.data["email"].lower())
        for spec in organisation.data.get("messaging", []):
            if spec.get("username"):
                known.usernames.add(spec["username"].lower())
            if spec.get("number"):
                try:
                    known.numbers.add(parse_phone(spec["number"]).e164)
                except ContactError:
                    pass  # the directory check has reported it
        for contact in organisation.contacts():
            link(contact.href, organisation.id)
    for code, country in directory.countries.items():
        for phone in country.emergency:
            known.numbers.add(phone.e164)
            link(f"tel:{phone.e164}", "emergency")
        for hotline in country.hotlines:
            known.numbers.add(hotline.phone.e164)
            link(f"tel:{hotline.phone.e164}", f"hotline-{code.lower()}")
    if theme and (theme / "templates").is_dir():
        for template in sorted((theme / "templates").rglob("*.html")):
            found = _THEME_TEL.findall(template.read_text(encoding="utf-8"))
            known.numbers.update(found)
    return known


@dataclass
class Link:
    line: int
    href: str
    attrs: dict
    text_parts: list[str] = field(default_factory=list)
    # The link, or something inside it, changes the text's direction.
    turns_text: bool = False

    @property
    def text(self) -> str:
        return " ".join("".join(self.text_parts).split())


# Comments and processing instructions show nothing; their text is left out.
_PARSER = etree.HTMLParser(
    encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True
)
# Their content is code, or is not shown.
_HIDDEN = frozenset({"script", "style", "template"})


def _turns(attrs) -> bool:
    return (attrs.get("dir") or "ltr").strip().lower() != "ltr"


def read_page(html: str) -> tuple[list[Link], str]:
    """A page's links with the text shown on them, and all its visible text."""
    # A browser leaves NUL out of the text it shows; libxml2 would stop at it.
    root = etree.fromstring(html.replace("\x00", "").encode("utf-8"), _PARSER)
    links: list[Link] = []
    text: list[str] = []
    if root is None:
        return links, ""
    # Per open element: how many hiding elements hold it, and the link it is in.
    stack: list[tuple[int, Link | None]] = [(0, None)]
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            hidden, link = stack[-1]
            tag, attrs = element.tag, element.attrib
            if link is not None and (tag == "bdo" or _turns(attrs)):
                link.turns_text = True
            if tag == "a":
                link = None  # a link inside a link is its own
                if attrs.get("href"):
                    link = Link(element.sourceline, attrs["href"], dict(attrs))
                    # dir="rtl" on a link shows "06 00 000 22 48+" as +48 22 000 00 06
                    link.turns_text = _turns(attrs)
                    links.append(link)
            if tag in _HIDDEN:
                hidden += 1
            stack.append((hidden, link))
            shown = element.text
        else:
            stack.pop()
            hidden, link = stack[-1]
            shown = element.tail  # after the element, inside its parent
        if shown and not hidden:
            text.append(shown)
            if link is not None:
                link.text_parts.append(shown)
    return links, "".join(text)


@dataclass
class ScannedPage:
    """What the check needs of one page: its contact links (and links that
    show a number), and the numbers and addresses its visible text shows.
    Small, to travel back from a worker."""

    links: list[Link]
    shown: Known


def scan_html(html: str) -> ScannedPage:
    links, text = read_page(html)
    checked = [link for link in links if _checked(link)]
    return ScannedPage(checked, known_from_text(text))


def _checked(link: Link) -> bool:
    """Whether check_pages looks at the link: it opens a contact, or shows a
    phone number whatever it opens."""
    return dialled(link.href) is not None or bool(
        _PHONE_LIKE.search(ascii_digits(link.text))
    )


def known_from_text(text: str) -> Known:
    """What a page's visible text shows: its numbers, addresses and usernames."""
    text = ascii_digits(text)
    return Known(
        numbers={canonical_number(m) for m in _NUMBER_IN_TEXT.findall(text)},
        emails={m.lower() for m in _EMAIL_IN_TEXT.findall(text)},
        usernames={m.lower() for m in _USERNAME_IN_TEXT.findall(text)},
    )


def shown_mismatch(link: Link, target: Target, known: Known) -> str:
    """Why the link's text does not show what it dials, or ""."""
    text = ascii_digits(link.text)
    if target.kind == "phone":
        shown = canonical_number(text) if any(ch.isdigit() for ch in text) else ""
        if shown:
            number = target.values[0]
            candidates = [shown]
            if target.extension and shown.endswith(target.extension):
                candidates.append(shown[: -len(target.extension)])
            if any(same_number(c, number) for c in candidates):
                return ""
            return f"shows {shown} but dials {number}"
    elif target.kind == "email":
        shown_emails = {m.lower() for m in _EMAIL_IN_TEXT.findall(text)}
        if shown_emails:
            if shown_emails == set(target.values):
                return ""
            shown = ", ".join(sorted(shown_emails))
            return f"shows {shown} but writes to {', '.join(target.values)}"
    else:
        shown_names = {m.lower() for m in _USERNAME_IN_TEXT.findall(text)}
        if shown_names:
            if shown_names == set(target.values):
                return ""
            shown = "@" + ", @".join(sorted(shown_names))
            return f"shows {shown} but opens {target.values[0]}"
        if any(ch.isdigit() for ch in text):
            return f"shows a number but opens {target.values[0]}"
    owners = known.directory_links.get(unquote(link.href.strip()), set())
    # data-from="page": written in Markdown, so it must show what it dials.
    if link.attrs.get("data-org") in owners and "data-from" not in link.attrs:
        return ""  # the theme's own directory link, e.g. an icon button
    return "shows no number or address, so the reader cannot see where it goes"


def check_pages(
    scanned: dict[str, ScannedPage],
    known: Known,
    problems: Problems,
    languages: list[str],
    default: str,
    sources: tuple[Path, Path] | None = None,
) -> None:
    """Report every contact link of the site's pages that fails the rules above.

    ``scanned``: every page of the site, by name, as scanned when it was
    written (build/written_site.py).
    """
    pages = dict(sorted(scanned.items()))
    for name, page in pages.items():
        first, _, rest = name.partition("/")
        source = name
        if first in languages and first != default and f"{default}/{rest}" in pages:
            source = f"{default}/{rest}"
        from_text = pages[source].shown
        for link in page.links:
            target = dialled(link.href)
            if target is None:
                if _PHONE_LIKE.search(ascii_digits(link.text)):
                    target = Target(
                        "web", [], problem="shows a phone number but opens a web page"
                    )
                else:
                    continue
            reasons = []
            if link.turns_text:
                reasons.append(
                    "changes the direction of its text (dir or <bdo>), so it can "
                    "show a number reversed from the one it dials"
                )
            if target.problem:
                reasons.append(target.problem)
            unknown = [
                v
                for v in target.values
                if not known.has(target.kind, v) and not from_text.has(target.kind, v)
            ]
            if unknown:
                reasons.append(
                    f"{', '.join(unknown)} is not in content/organisations/, "
                    "content/countries.yaml or the page's "
                    f"{default if source != name else 'own'} text"
                )
            if target.values and not target.problem:
                mismatch = shown_mismatch(link, target, known)
                if mismatch:
                    reasons.append(mismatch)
            if reasons:
                path, line = _source_of(sources, name, link, first, languages)
                problems.warn(
                    path or name,
                    line or link.line,
                    "link",
                    f'on {name}, the link "{link.text}" ({link.href}): '
                    + "; ".join(reasons),
                    "link only numbers and addresses from the directory or "
                    "countries.yaml, and show on the link the number it dials",
                )


def _source_of(sources, name: str, link: Link, lang: str, languages):
    """The source file and line that wrote ``link``, when it can be found: the
    page's Markdown, else the language's catalog."""
    if sources is None or lang not in languages:
        return None, None
    content, translations = sources
    parts = name.split("/")
    key = parts[1] if len(parts) == 3 else "index"
    candidates = [
        content / "pages" / lang / f"{key}.md",
        catalog_path(translations, lang),
    ]
    needles = {link.href, unquote(link.href)}
    for candidate in candidates:
        if not candidate.is_file():
            continue
        for number, line in enumerate(
            candidate.read_text(encoding="utf-8").splitlines(), 1
        ):
            if any(n and n in line for n in needles):
                return candidate, number
    return None, None


def check_site(settings, scanned: dict[str, ScannedPage], directory) -> Problems:
    """Check the written site's pages (``scanned``) against the validated
    sources: ``directory``, the one the build read."""
    problems = Problems(strict=settings.get("SIGNPOSTER_STRICT", False))
    theme = Path(settings["THEME"]) if settings.get("THEME") else None
    known = known_from_directory(directory, theme)
    languages = list(settings.get("SIGNPOSTER_LANGUAGES") or [])
    default = settings.get("DEFAULT_LANG", "en")
    content = Path(settings["PATH"])
    translations = content.parent / settings.get(
        "SIGNPOSTER_TRANSLATIONS_DIR", "translations"
    )
    check_pages(scanned, known, problems, languages, default, (content, translations))
    return problems
