"""`invoke publish`: build, verify, and only then deploy.

The site is built into a temporary folder with the production settings (strict:
every warning is an error), post-processed (minified, fingerprinted, host
configuration, precompressed), checked (links, weight budget) and only then
handed to the target. Any failure deploys nothing and says why.
"""

from __future__ import annotations

import gzip
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from . import hostconfig, postprocess
from .analytics import read_analytics
from .build import AtomicPelican
from .deploy import DeployError, deploy
from .languages import site_languages
from .linkcheck import broken_links
from .problems import BuildError, Problems
from .settings import apply_defaults

FIRST_ROUND_TRIP = 14 * 1024
EVERYTHING = 30 * 1024


def weight_problems(folder: Path) -> list[str]:
    """Pages over the budget: 14 KB of HTML+CSS, 30 KB in all (gzipped)."""
    found = []
    for page in sorted(folder.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assets = re.findall(
            r'<(?:link rel="?stylesheet"?|script)\b[^>]*?\b(?:href|src)="?([^" >]+)',
            html,
        )
        sizes = {}
        for url in assets:
            asset = folder / urlsplit(url).path.lstrip("/")
            sizes[url] = len(gzip.compress(asset.read_bytes()))
        size = len(gzip.compress(html.encode()))
        first = size + sum(n for url, n in sizes.items() if url.endswith(".css"))
        everything = size + sum(sizes.values())
        if first > FIRST_ROUND_TRIP or everything > EVERYTHING:
            found.append(
                f"{page.relative_to(folder)}: {first} bytes of HTML+CSS, "
                f"{everything} in all"
            )
    return found


def build_for_production(settings, work: Path) -> Path:
    """Build and post-process into ``work``/site; raise BuildError on any problem."""
    site = work / "site"
    settings = {**settings, "OUTPUT_PATH": str(site)}
    AtomicPelican(settings).run()
    apply_defaults(settings)
    problems = Problems(strict=True)
    analytics = read_analytics(settings, problems)
    postprocess.fingerprint(site)
    postprocess.minify(site)
    codes = [language.code for language in site_languages(settings)]
    (site / "_headers").write_text(hostconfig.netlify_headers(analytics))
    (site / "_redirects").write_text(hostconfig.netlify_redirects(codes))
    (site / ".htaccess").write_text(hostconfig.htaccess(analytics, codes))
    host = work / "host"
    host.mkdir(exist_ok=True)
    (host / "nginx-maps.conf").write_text(hostconfig.NGINX_MAPS)
    (host / "nginx-site.conf").write_text(
        hostconfig.nginx_snippet(analytics, "{ROOT}", codes)
    )
    for link in broken_links(site, settings["SITEURL"]):
        problems.add("<build>", None, "link", f"broken internal link: {link}")
    for page in weight_problems(site):
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


def publish(
    settings, target: str | None, dry_run: bool, keep: str | None = None
) -> int:
    with tempfile.TemporaryDirectory(prefix="signposter-publish-") as tmp:
        work = Path(keep) if keep else Path(tmp)
        try:
            site = build_for_production(settings, work)
        except BuildError as err:
            print(f"{err}\nNothing was deployed.", file=sys.stderr)
            return 1
        print(f"Built and verified {sum(1 for _ in site.rglob('*.html'))} pages.")
        print(
            f"Host configuration: {work / 'host'} (nginx), _headers and .htaccess "
            "in the site."
        )
        if not target:
            return 0
        try:
            lines = deploy(site, target, dry_run)
        except DeployError as err:
            print(f"error: {err}\nNothing was deployed.", file=sys.stderr)
            return 1
        verb = "Would change" if dry_run else "Deployed to"
        print(f"{verb} {target}: {len(lines)} change(s)")
        for line in lines[:200]:
            print(f"  {line}")
        return 0
