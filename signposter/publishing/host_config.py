"""Host configuration for the published site: security headers, caching and
precompressed files, as Netlify/Cloudflare ``_headers``, an nginx snippet and an
Apache ``.htaccess``. The Content-Security-Policy allows exactly what the pages
use: their own files, and the analytics endpoint if one is chosen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from signposter.counting.analytics import Analytics

HTML_CACHE = "public, max-age=300"
ASSET_CACHE = "public, max-age=31536000, immutable"
NO_CACHE = "no-cache"
CLEAR_SITE_DATA = {"Clear-Site-Data": '"cache", "storage"'}


@dataclass(frozen=True)
class CacheRule:
    """Files in ``folder`` (any depth) named ``name``.<extension> are cached so."""

    folder: str  # "" for every folder
    name: str  # a regular expression for the name before the extension
    extensions: tuple[str, ...]
    cache: str
    glob: str  # the same files as a Netlify/Cloudflare _headers path
    headers: dict = field(default_factory=dict)  # sent with these files too

    def regex(self, extensions=None, compressed=False) -> str:
        """The rule as a regular expression on the URL path ("/theme/x.css")."""
        types = "|".join(extensions or self.extensions)
        tail = r"(\.br|\.gz)?" if compressed else ""
        return rf"^/{re.escape(self.folder)}(.*/)?{self.name}\.({types}){tail}$"


# How long browsers keep each file, first match first; every other file gets
# HTML_CACHE. The host configurations and the S3 upload are written from this.
CACHE_RULES = (
    # The quick-exit stop clears the browser's cache, and is never kept itself.
    CacheRule("leave/", ".*", ("html",), NO_CACHE, "/leave/*", CLEAR_SITE_DATA),
    # A changed offline worker must reach readers on their next visit.
    CacheRule("", "sw", ("js",), NO_CACHE, "/*/sw.js"),
    # Named by their content at publish (postprocess.fingerprint): never change.
    CacheRule("theme/", r".*\.[0-9a-f]{10}", ("css", "js"), ASSET_CACHE, "/theme/*"),
)


def cache_rule(path: str) -> CacheRule | None:
    """The rule for the file at ``path`` (relative to the site's root), if any."""
    for rule in CACHE_RULES:
        if re.search(rule.regex(compressed=True), "/" + path.lstrip("/")):
            return rule
    return None


def cache_control(path: str) -> str:
    """The Cache-Control header for the file at ``path`` (or its .br/.gz copy)."""
    rule = cache_rule(path)
    return rule.cache if rule else HTML_CACHE


TYPES = {
    "html": "text/html; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "xml": "application/xml; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "json": "application/json",
    "svg": "image/svg+xml",
}


# A policy delivered in a <meta> element ignores these (browsers warn), so
# the meta copy leaves them out; the headers carry them.
HEADER_ONLY_DIRECTIVES = {"frame-ancestors", "report-uri", "report-to", "sandbox"}


def policy_directives(analytics: Analytics) -> list[str]:
    """The one Content-Security-Policy, for both the headers and the pages' meta."""
    # 'self' always: the offline service worker fetches the site's own pages.
    origin = analytics.connect_src
    connect = "'self'" + (f" {origin}" if origin and origin != "'self'" else "")
    return [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        f"connect-src {connect}",
        "worker-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]


def content_security_policy(analytics: Analytics) -> str:
    return "; ".join(policy_directives(analytics))


def meta_content_security_policy(analytics: Analytics) -> str:
    """The same policy for hosts that send no headers (GitHub Pages, bare S3)."""
    return "; ".join(
        d
        for d in policy_directives(analytics)
        if d.split()[0] not in HEADER_ONLY_DIRECTIVES
    )


def security_headers(analytics: Analytics) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(analytics),
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), "
        "usb=(), interest-cohort=(), browsing-topics=()",
        "X-Content-Type-Options": "nosniff",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


HSTS_GUIDANCE = (
    "HSTS: once the site is served only over HTTPS, add "
    "Strict-Transport-Security: max-age=31536000 (test with a short max-age first; "
    "add includeSubDomains and preload only if every subdomain is HTTPS)."
)


def netlify_headers(analytics: Analytics) -> str:
    lines = [f"# {HSTS_GUIDANCE}", "/*"]
    lines += [
        f"  {name}: {value}" for name, value in security_headers(analytics).items()
    ]
    # Both hosts merge every rule that matches a path, so no rule for "/*":
    # their own default (revalidate every time) is stricter than HTML_CACHE.
    for rule in CACHE_RULES:
        lines.append(rule.glob)
        headers = {"Cache-Control": rule.cache, **rule.headers}
        lines += [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def netlify_redirects(languages=()) -> str:
    """_redirects: a mistyped address under /<lang>/ gets that language's 404.

    Cloudflare Pages needs nothing: it serves the nearest 404.html by itself.
    """
    return "".join(f"/{code}/*  /{code}/404.html  404\n" for code in languages)


def nginx_not_found(languages=(), headers: str = "") -> str:
    """error_page for nginx: each language's own 404 page, else the default's."""
    if not languages:
        return "error_page 404 /404.html;\n"
    codes = "|".join(languages)
    return (
        "error_page 404 @signposter_404;\n"
        "location @signposter_404 {\n"
        f"    rewrite ^/({codes})/ /$1/404.html break;\n"
        "    rewrite ^ /404.html break;\n"
        f"{headers}}}\n"
    )


def nginx_snippet(analytics: Analytics, root: str, languages=()) -> str:
    """A server-block snippet: include it inside ``server { … }``."""
    security = "".join(
        f'    add_header {name} "{value}" always;\n'
        for name, value in security_headers(analytics).items()
    )

    def location(pattern: str, extension: str, cache: str, extra: str = "") -> str:
        return (
            f'location ~ "{pattern}" {{\n'
            f'    types {{ }}\n    default_type "{TYPES[extension]}";\n'
            "    try_files $uri$signposter_br $uri =404;\n"
            "    gzip_static on;\n"
            "    add_header Content-Encoding $signposter_ce always;\n"
            "    add_header Vary Accept-Encoding always;\n"
            f'    add_header Cache-Control "{cache}" always;\n{extra}{security}}}\n'
        )

    parts = [
        f"# Generated by Signposter. {HSTS_GUIDANCE}\n",
        "# nginx-maps.conf goes in http { } (conf.d); this file in server { }.\n",
        f"root {root};\nindex index.html;\n",
        nginx_not_found(languages, security),
    ]
    for rule in CACHE_RULES:
        extra = "".join(
            f'    add_header {name} "{_quoted(value)}" always;\n'
            for name, value in rule.headers.items()
        )
        for extension in rule.extensions:
            pattern = rule.regex([extension])
            parts.append(location(pattern, extension, rule.cache, extra))
    for extension in ("html", "css", "js", "xml", "txt", "json", "svg"):
        parts.append(location(rf"\.{extension}$", extension, HTML_CACHE))
    parts.append(
        f'location / {{\n    add_header Cache-Control "{HTML_CACHE}" always;\n'
        f"{security}}}\n"
    )
    return "".join(parts)


def _quoted(value: str) -> str:
    return value.replace('"', '\\"')


NGINX_MAPS = (
    'map $http_accept_encoding $signposter_br {\n    default "";\n'
    '    "~*(^|[\\s,])br($|[\\s,;])" ".br";\n}\n'
    'map $http_accept_encoding $signposter_ce {\n    default "";\n'
    '    "~*(^|[\\s,])br($|[\\s,;])" "br";\n}\n'
)


def _apache_rule(rule: CacheRule) -> str:
    headers = {"Cache-Control": rule.cache, **rule.headers}
    return (
        f'<If "%{{REQUEST_URI}} =~ m#{rule.regex(compressed=True)}#">\n'
        + "".join(
            f'  Header set {name} "{_quoted(value)}"\n'
            for name, value in headers.items()
        )
        + "</If>\n"
    )


def htaccess(analytics: Analytics, languages=()) -> str:
    security = "".join(
        f'  Header always set {name} "{value}"\n'
        for name, value in security_headers(analytics).items()
    )
    return (
        f"# Generated by Signposter. {HSTS_GUIDANCE}\n"
        "# Needs mod_headers, mod_rewrite and mod_mime.\n"
        "ErrorDocument 404 /404.html\n"
        + "".join(
            f'<If "%{{REQUEST_URI}} =~ m#^/{code}/#">\n'
            f"  ErrorDocument 404 /{code}/404.html\n</If>\n"
            for code in languages
        )
        + "Options -MultiViews\n"
        "<IfModule mod_headers.c>\n"
        + security
        + f'  Header set Cache-Control "{HTML_CACHE}"\n'
        "</IfModule>\n"
        # <If> sections apply after everything else, the last one last.
        + "".join(_apache_rule(rule) for rule in reversed(CACHE_RULES))
        + "# Serve the precompressed files the build wrote.\n"
        "RewriteEngine On\n"
        "RewriteCond %{HTTP:Accept-Encoding} \\bbr\\b\n"
        "RewriteCond %{REQUEST_FILENAME}.br -f\n"
        "RewriteRule ^(.*)$ $1.br [L]\n"
        "RewriteCond %{HTTP:Accept-Encoding} \\bgzip\\b\n"
        "RewriteCond %{REQUEST_FILENAME}.gz -f\n"
        "RewriteRule ^(.*)$ $1.gz [L]\n"
        + "".join(
            f'<FilesMatch "\\.{ext}\\.(br|gz)$">\n  ForceType "{mime}"\n</FilesMatch>\n'
            for ext, mime in TYPES.items()
        )
        + "AddEncoding br .br\nAddEncoding gzip .gz\n"
        '<FilesMatch "\\.(br|gz)$">\n'
        "  Header append Vary Accept-Encoding\n</FilesMatch>\n"
    )
