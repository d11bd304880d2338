"""`invoke publish`: build, verify, and only then deploy.

The site is built into a temporary folder with the production settings (strict:
every warning is an error), post-processed (minified, fingerprinted, host
configuration, precompressed), checked (links, weight budget) and only then
handed to the target. Any failure deploys nothing and says why.
"""

from __future__ import annotations

import gzip
import ipaddress
import re
import shutil
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from signposter.build.atomic import AtomicPelican
from signposter.counting.analytics import read_analytics
from signposter.languages import site_languages
from signposter.problems import BuildError, Problems
from signposter.publishing import host_config, postprocess
from signposter.publishing.deploy import DeployError, deploy, plain_cause
from signposter.publishing.verification import broken_references, local_file

FIRST_ROUND_TRIP = 14 * 1024
EVERYTHING = 30 * 1024
# Domains reserved for examples and tests (RFC 2606, RFC 6761): a site
# published with one points its CSS, scripts and quick exit at nobody's server.
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net", "localhost")
PLACEHOLDER_SUFFIXES = (".example", ".test", ".invalid", ".localhost", ".local")
HOST_FOLDER = "host-config"
SET_SITEURL = "set SIGNPOSTER_SITEURL=https://your.domain (the address readers use)"


_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}", re.I)


def site_url_problem(site_url: str) -> str:
    """Why ``site_url`` cannot be the address of a published site, or ""."""
    if not site_url:
        return "SITEURL is not set"
    if site_url != site_url.strip() or any(ch.isspace() for ch in site_url):
        return f"SITEURL {site_url!r} has a space in it"
    parts = urlsplit(site_url)
    # A domain is names of letters, digits and hyphens, and ends in a name of
    # letters: that leaves out 127.1, 0x7f000001, 2130706433 (all IP addresses
    # to a browser) and percent-encoded tricks such as example.org%2e.
    if not _DOMAIN.fullmatch((parts.hostname or "").rstrip(".")):
        return f"SITEURL {site_url!r} does not name a domain such as help.example"
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme != "https" or not host:
        return f"SITEURL {site_url!r} is not an https:// address"
    try:
        ipaddress.ip_address(host)
        return f"SITEURL {site_url!r} is an IP address, not the site's domain"
    except ValueError:
        pass
    if any(host == d or host.endswith("." + d) for d in PLACEHOLDER_DOMAINS) or (
        host.endswith(PLACEHOLDER_SUFFIXES)
    ):
        return f"SITEURL {site_url!r} is a placeholder domain"
    return ""


class _Assets(HTMLParser):
    """The stylesheets and scripts a page loads, in whatever quoting or order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.css: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = {k: v or "" for k, v in attrs}
        if tag == "link" and "stylesheet" in values.get("rel", "").lower().split():
            self.css.append(values.get("href", ""))
        elif tag == "script" and values.get("src"):
            self.scripts.append(values["src"])


def page_weight(folder: Path, page: Path, site_url: str = "") -> tuple[int, int]:
    """(HTML+CSS, everything) of one page, gzipped, in bytes."""
    html = page.read_text(encoding="utf-8")
    assets = _Assets()
    assets.feed(html)
    assets.close()

    def size(url: str) -> int:
        target = local_file(folder, page, url, site_url)
        if target is None or not target.is_file():
            return 0  # another site's file: refused elsewhere (CSP, link check)
        return len(gzip.compress(target.read_bytes()))

    first = len(gzip.compress(html.encode())) + sum(map(size, assets.css))
    return first, first + sum(map(size, assets.scripts))


def weight_problems(folder: Path, site_url: str = "") -> list[str]:
    """Pages over the budget: 14 KB of HTML+CSS, 30 KB in all (gzipped)."""
    found = []
    for page in sorted(folder.rglob("*.html")):
        first, everything = page_weight(folder, page, site_url)
        if first > FIRST_ROUND_TRIP or everything > EVERYTHING:
            found.append(
                f"{page.relative_to(folder)}: {first} bytes of HTML+CSS, "
                f"{everything} in all"
            )
    return found


def build_for_production(settings, work: Path) -> Path:
    """Build and post-process into ``work``/site; raise BuildError on any problem.

    Every check reads the pages before minification as well as after: links
    and contacts are checked on the written pages (contact_check runs inside
    the build), the weight on the minified ones readers download.
    """
    site = work / "site"
    problems = Problems(strict=True)
    why = site_url_problem(settings.get("SITEURL", ""))
    if why:
        problems.add(settings.get("SIGNPOSTER_SETTINGS_FILE"), None, "", why)
        problems.raise_if_errors()
    settings = {**settings, "OUTPUT_PATH": str(site)}
    AtomicPelican(settings).run()
    analytics = read_analytics(settings, problems)
    postprocess.fingerprint(site)
    policy = host_config.meta_content_security_policy(analytics)
    for page in postprocess.add_policy_meta(site, policy):
        problems.add(
            page,
            None,
            "csp",
            "the page has no <head> for its Content-Security-Policy",
            "render the page with the theme's base.html",
        )
    for ref in broken_references(site, settings["SITEURL"]):
        problems.add(
            ref.page,
            ref.line,
            "link",
            f"<{ref.tag}> points at {ref.url}, which is not in the built site",
            "correct the address, or add the page it points at",
        )
    postprocess.minify(site)
    codes = [language.code for language in site_languages(settings)]
    (site / "_headers").write_text(host_config.netlify_headers(analytics))
    (site / "_redirects").write_text(host_config.netlify_redirects(codes))
    (site / ".htaccess").write_text(host_config.htaccess(analytics, codes))
    host = work / "host"
    host.mkdir(exist_ok=True)
    (host / "nginx-maps.conf").write_text(host_config.NGINX_MAPS)
    (host / "nginx-site.conf").write_text(
        host_config.nginx_snippet(analytics, "{ROOT}", codes)
    )
    for page in weight_problems(site, settings["SITEURL"]):
        problems.add(
            "<build>",
            None,
            "weight",
            f"over the weight budget: {page}",
            "shorten the page or split it",
        )
    problems.raise_if_errors()
    postprocess.compress(site)
    return site


def keep_host_configuration(work: Path, keep: str | None, settings) -> Path:
    """Where the nginx files stay: in --keep, else beside the settings file.

    Without --keep the build is in a temporary folder that is deleted on exit,
    so the files the printed path names are copied out of it first.
    """
    if keep:
        return work / "host"
    project = Path(settings.get("SIGNPOSTER_SETTINGS_FILE") or "publishconf.py")
    kept = project.absolute().parent / HOST_FOLDER
    shutil.rmtree(kept, ignore_errors=True)
    shutil.copytree(work / "host", kept)
    return kept


def publish(
    settings,
    target: str | None,
    dry_run: bool,
    keep: str | None = None,
    force: bool = False,
) -> int:
    why = site_url_problem(settings.get("SITEURL", ""))
    if why:
        print(f"error: {why} — {SET_SITEURL}. Nothing was deployed.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="signposter-publish-") as tmp:
        work = Path(keep) if keep else Path(tmp)
        try:
            site = build_for_production(settings, work)
            host = keep_host_configuration(work, keep, settings)
        except BuildError as err:
            print(f"{err}\nNothing was deployed.", file=sys.stderr)
            return 1
        except OSError as err:
            print(
                f"error: {plain_cause(err, work)}\nNothing was deployed.",
                file=sys.stderr,
            )
            return 1
        print(f"Built and verified {sum(1 for _ in site.rglob('*.html'))} pages.")
        print(
            f"Host configuration: {host} (nginx), _headers and .htaccess in the site."
        )
        if not target:
            return 0
        try:
            lines = deploy(site, target, dry_run, force)
        except DeployError as err:
            print(f"error: {err}\nNothing was deployed.", file=sys.stderr)
            return 1
        verb = "Would change" if dry_run else "Deployed to"
        print(f"{verb} {target}: {len(lines)} change(s)")
        for line in lines[:200]:
            print(f"  {line}")
        return 0
