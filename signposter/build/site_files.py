"""The files around the pages: language chooser, 404s, sitemap.xml, robots.txt."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from signposter.build.site import Site

SITEMAP_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def language_choices(site: Site) -> list[dict]:
    """Each language with its home URL and the chooser's words in that language.

    The chooser is the one page a reader meets before picking a language, so
    its heading and controls are written in every language at once.
    """
    home = site.settings["SIGNPOSTER_HOME_KEY"]

    def words(code: str) -> dict:
        gettext = site.translations[code].gettext
        return {
            "tagline": gettext("Safety information and help"),
            "choose": gettext("Choose your language"),
            "find_help": gettext("Find help"),
            # TRANSLATORS: the quick-exit button's shortest form, on the chooser.
            "leave": gettext("Leave"),
        }

    return [
        {"language": language, "url": site.url(home, language.code)}
        | words(language.code)
        for language in site.languages
    ]


def absolute(site: Site, url: str) -> str:
    """An absolute URL for the sitemap, as search engines require."""
    base = site.settings["SIGNPOSTER_CANONICAL_BASE"] or site.settings["SITEURL"]
    return f"{base.rstrip('/')}/{url.lstrip('/')}"


def sitemap(site: Site, extra_groups=()) -> str:
    """sitemap.xml: one <url> per real translation, with hreflang alternates.

    Fallback pages are left out: they repeat another language's text.
    ``extra_groups`` adds further {code: url} groups, such as directory pages.
    """
    groups = [
        {p.lang: p.url for p in variants.values() if not p.is_fallback}
        for _, variants in sorted(site.pages.items())
    ]
    groups.extend(extra_groups)
    parts = [SITEMAP_HEAD]
    for group in groups:
        links = "".join(
            f'    <xhtml:link rel="alternate" hreflang={quoteattr(code)} '
            f"href={quoteattr(absolute(site, url))}/>\n"
            for code, url in group.items()
        )
        default = group.get(site.default.code)
        if default:
            links += (
                '    <xhtml:link rel="alternate" hreflang="x-default" '
                f"href={quoteattr(absolute(site, default))}/>\n"
            )
        for url in group.values():
            parts.append(
                f"  <url>\n    <loc>{absolute(site, url)}</loc>\n{links}  </url>\n"
            )
    parts.append("</urlset>\n")
    return "".join(parts)


def robots(site: Site) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {absolute(site, 'sitemap.xml')}\n"
