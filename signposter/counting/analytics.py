"""Counting page views and contact clicks without identifying readers.

The provider is chosen in settings (``SIGNPOSTER_ANALYTICS``). This module is the
one place that knows where events go: the theme asks it for the script's
attributes, the publishing step for the origin its Content-Security-Policy must
allow, and the build for the static files the ``self`` provider counts with.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import rjsmin

from signposter.package_files import STATIC

PROVIDERS = {
    # provider: (default endpoint, what "site" means for it, site required?)
    "none": ("", "", False),
    "self": ("/t/", "", False),
    "plausible": ("https://plausible.io/api/event", "the site's domain", True),
    "matomo": ("", "the Matomo site id", True),
    "ga4": ("https://www.google-analytics.com/g/collect", "the measurement id", True),
}
SCRIPT_PATH = "theme/js/count.js"


@dataclass(frozen=True)
class Analytics:
    provider: str
    endpoint: str
    site: str

    @property
    def enabled(self) -> bool:
        return self.provider != "none"

    @property
    def connect_src(self) -> str:
        """What a CSP connect-src must allow for events: 'self' or an origin."""
        if not self.enabled:
            return ""
        parts = urlsplit(self.endpoint)
        return f"{parts.scheme}://{parts.netloc}" if parts.netloc else "'self'"

    def script(self) -> str:
        """The minified counting script for this provider."""
        core = (STATIC / "count.js").read_text(encoding="utf-8")
        send = (STATIC / "providers" / f"{self.provider}.js").read_text(
            encoding="utf-8"
        )
        return rjsmin.jsmin(core.replace("/*@provider@*/", send))


def read_analytics(settings, problems) -> Analytics:
    """The analytics settings, each bad value reported with its key."""
    config = dict(settings.get("SIGNPOSTER_ANALYTICS") or {})
    provider = config.get("provider", "none")
    where = settings.get("SIGNPOSTER_SETTINGS_FILE")
    if provider not in PROVIDERS:
        problems.add(
            where,
            None,
            "SIGNPOSTER_ANALYTICS",
            f"invalid 'provider' value {provider!r}",
            "use one of: " + ", ".join(PROVIDERS),
        )
        return Analytics("none", "", "")
    default_endpoint, site_meaning, needs_site = PROVIDERS[provider]
    endpoint = config.get("endpoint") or default_endpoint
    site = str(config.get("site") or "")
    if provider != "none" and not endpoint:
        problems.add(
            where,
            None,
            "SIGNPOSTER_ANALYTICS",
            f"the {provider} provider needs an 'endpoint'",
            "e.g. 'https://matomo.example.org/matomo.php'",
        )
    if needs_site and not site:
        problems.add(
            where,
            None,
            "SIGNPOSTER_ANALYTICS",
            f"the {provider} provider needs 'site': {site_meaning}",
            "add it to SIGNPOSTER_ANALYTICS in the settings",
        )
    if endpoint and not (
        endpoint.startswith("https://")
        or endpoint.startswith("/")
        or endpoint.startswith("http://127.0.0.1")
    ):
        problems.add(
            where,
            None,
            "SIGNPOSTER_ANALYTICS",
            f"invalid 'endpoint' value {endpoint!r}",
            "use an https:// address or a path on this site such as /t/",
        )
    return Analytics(provider, endpoint, site)


def counting_files(analytics: Analytics, pairs) -> list[str]:
    """Paths of the empty files the ``self`` provider's requests are answered by.

    The host's access log records each request with its query string, which is
    what `invoke report` reads.
    """
    if analytics.provider != "self":
        return []
    base = analytics.endpoint.strip("/")
    return [f"{base}/view/page", *sorted(f"{base}/{ch}/{org}" for org, ch in pairs)]
